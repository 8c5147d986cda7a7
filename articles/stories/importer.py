"""Archive import: a JSON Lines file of articles, each created or updated by its external id.

Every story is written through the story services (save_article, set_publication), so an import leaves a
revision and an event like any other change. A story the newsroom changed since its last import is kept
as the newsroom left it unless ``overwrite`` is asked; what the file said is kept as a revision either way.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.common.text import nfc, strip_leading_mark

from ..photos.models import Photo
from ..photos.services import save_photo
from ..photos.validators import validate_photo
from . import services
from .history import Revision
from .models import Article, ArticlePhoto, Author, Section, Tag
from .workflow import Status

# What an archive may say of a story; the newsroom's own steps (review, return, take-down) are not imported.
IMPORTED_STATUSES = (Status.PUBLISHED, Status.SCHEDULED, Status.DRAFT)
# Rows per query when resolving related ids and rewriting related links (below SQLite's variable limit).
BATCH_SIZE = 500


class LineError(Exception):
    """A line that cannot be imported; the message tells the operator what to fix."""


@dataclass(frozen=True)
class Problem:
    line_number: int
    message: str
    is_warning: bool = False

    def __str__(self):
        if self.is_warning:
            return _("Dòng %(line)s (cảnh báo): %(message)s") % {
                "line": self.line_number,
                "message": self.message,
            }
        return _("Dòng %(line)s: %(message)s") % {"line": self.line_number, "message": self.message}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def failed(self):
        return len(self.errors)

    def summary(self):
        counts = {
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
            "warnings": len(self.warnings),
        }
        if self.skipped:
            return (
                _(
                    "Đã tạo: %(created)s, đã cập nhật: %(updated)s, giữ bản của tòa soạn: %(skipped)s, "
                    "lỗi: %(failed)s, cảnh báo: %(warnings)s"
                )
                % counts
            )
        return (
            _("Đã tạo: %(created)s, đã cập nhật: %(updated)s, lỗi: %(failed)s, cảnh báo: %(warnings)s")
            % counts
        )


@dataclass(frozen=True)
class PhotoEntry:
    file: str  # exactly as written in the line: it is what an <img src> in the body must equal
    path: Path
    caption: str
    credit: str
    alt_text: str


@dataclass(frozen=True)
class ArticleRecord:
    """One line, checked and normalized, before anything touches the database."""

    external_id: str
    title: str
    lead: str
    body_html: str
    published_at: datetime | None
    section: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    photos: tuple[PhotoEntry, ...]
    related: tuple[str, ...]
    status: str
    owner: str = ""  # the username of the staff member whose story it is on the desk


@dataclass(frozen=True)
class LoadedPhoto:
    entry: PhotoEntry
    data: bytes
    checksum: str


@dataclass(frozen=True)
class PendingLinks:
    line_number: int
    article_pk: int
    related: tuple[str, ...]


# --- Parsing: JSON to ArticleRecord, no database -------------------------------------------------------


def _max_length(model, name):
    return model._meta.get_field(name).max_length


def parse_line(raw, *, base_dir):
    """Turn one line (bytes or str) into an ArticleRecord, or raise LineError saying what is wrong."""
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise LineError(_("dòng không phải văn bản UTF-8 (%(error)s)") % {"error": exc.reason}) from exc
    try:
        data = json.loads(raw.strip())
    except json.JSONDecodeError as exc:
        raise LineError(
            _("JSON không hợp lệ (%(error)s, cột %(column)s)") % {"error": exc.msg, "column": exc.colno}
        ) from exc
    if not isinstance(data, dict):
        raise LineError(_("mỗi dòng phải là một đối tượng JSON {…}"))

    return ArticleRecord(
        external_id=_text(
            data,
            "external_id",
            label=_("mã bài"),
            required=True,
            max_length=_max_length(Article, "external_id"),
        ),
        title=_text(
            data, "title", label=_("tiêu đề"), required=True, max_length=_max_length(Article, "title")
        ),
        lead=_text(data, "lead", label=_("sapo")),
        body_html=_text(data, "body_html", label=_("nội dung"), normalize=False),
        published_at=_moment(data.get("published_at")),
        section=_text(
            data, "section", label=_("chuyên mục"), required=True, max_length=_max_length(Section, "name")
        ),
        authors=_names(data, "authors", max_length=_max_length(Author, "name")),
        tags=_names(data, "tags", max_length=_max_length(Tag, "name")),
        photos=_photos(data.get("photos"), base_dir=base_dir),
        related=_names(data, "related", max_length=_max_length(Article, "external_id")),
        status=_status(data.get("status")),
        owner=_text(data, "created_by", label=_("người tạo"), max_length=150),
    )


def _text(data, key, *, label, required=False, max_length=None, normalize=True):
    value = data.get(key)
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise LineError(_("%(label)s (%(key)s) phải là chuỗi") % {"label": label, "key": key})
    if normalize:
        value = nfc(value).strip()
    if required and not value:
        raise LineError(_("thiếu %(label)s (%(key)s)") % {"label": label, "key": key})
    if max_length and len(value) > max_length:
        raise LineError(
            _("%(label)s (%(key)s) dài quá %(limit)s ký tự")
            % {"label": label, "key": key, "limit": max_length}
        )
    return value


def _names(data, key, *, max_length):
    """A list of names or ids: NFC, trimmed, blanks dropped, duplicates dropped, order kept."""
    values = data.get(key)
    if values is None:
        return ()
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise LineError(_("%(key)s phải là danh sách chuỗi") % {"key": key})
    names = {}
    for value in values:
        name = nfc(value).strip()
        if len(name) > max_length:
            raise LineError(
                _("%(key)s: “%(name)s” dài quá %(limit)s ký tự")
                % {"key": key, "name": name, "limit": max_length}
            )
        if name:
            names.setdefault(name, None)
    return tuple(names)


def _moment(value):
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise LineError(_("published_at phải là chuỗi ISO 8601"))
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError as exc:
        raise LineError(
            _("published_at “%(value)s” không phải thời điểm ISO 8601 (ví dụ 2012-08-27T16:29:00+07:00)")
            % {"value": value}
        ) from exc
    if moment.utcoffset() is None:
        raise LineError(
            _("published_at “%(value)s” thiếu múi giờ (ví dụ 2012-08-27T16:29:00+07:00)") % {"value": value}
        )
    return moment


def _status(value):
    if value is None:
        return Status.PUBLISHED
    if value not in IMPORTED_STATUSES:
        raise LineError(
            _("trạng thái (status) phải là “published”, “scheduled” hoặc “draft”, không phải %(value)s")
            % {"value": json.dumps(value, ensure_ascii=False)}
        )
    return value


def _photos(values, *, base_dir):
    if values is None:
        return ()
    if not isinstance(values, list):
        raise LineError(_("photos phải là danh sách đối tượng"))
    limits = {name: _max_length(ArticlePhoto, name) for name in ("caption", "credit", "alt_text")}
    entries = []
    for number, value in enumerate(values, start=1):
        if not isinstance(value, dict):
            raise LineError(_("ảnh thứ %(number)s trong photos phải là đối tượng") % {"number": number})
        file = value.get("file")
        if not isinstance(file, str) or not file.strip():
            raise LineError(_("ảnh thứ %(number)s thiếu đường dẫn tệp (file)") % {"number": number})
        relative = Path(file)
        # Photos live beside the JSONL file; an archive must not pull in other files of the server.
        if relative.is_absolute() or ".." in relative.parts:
            raise LineError(
                _("ảnh “%(file)s”: đường dẫn phải nằm trong thư mục của tệp JSONL") % {"file": file}
            )
        texts = {}
        for key, name in (("caption", "caption"), ("credit", "credit"), ("alt", "alt_text")):
            texts[name] = _text(
                value, key, label=_("ảnh thứ %(number)s") % {"number": number}, max_length=limits[name]
            )
        entries.append(PhotoEntry(file=file, path=base_dir / relative, **texts))
    return tuple(entries)


# --- Body: <img src="file"> to the photo placeholder that the article page draws as a <figure> -----------

_TAG_INSIDE = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_IMG = re.compile(rf"<img\b{_TAG_INSIDE}>", re.IGNORECASE)
_FIGURE = re.compile(rf"<figure\b{_TAG_INSIDE}>(.*?)</figure\s*>", re.IGNORECASE | re.DOTALL)


class _StartTagAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes = {}

    def handle_starttag(self, tag, attrs):
        self.attributes = {name: value or "" for name, value in attrs}


def _src(img_tag):
    parser = _StartTagAttributes()
    parser.feed(img_tag)
    parser.close()
    return parser.attributes.get("src", "").strip()


def place_photos(body_html, *, positions):
    """Replace each <img> whose src is a photo's ``file`` (with its <figure>, if any) by that photo's placeholder.

    ``positions`` maps a ``file`` value to the photo's 1-based position in the article.
    """

    def placeholder(img_tag):
        position = positions.get(_src(img_tag))
        return None if position is None else f"<p>[ảnh {position}]</p>"

    def replace_figure(match):
        # The figcaption goes too: the caption and credit are stored on the photo's use in the article.
        placeholders = [found for img in _IMG.findall(match.group(1)) if (found := placeholder(img))]
        return "".join(placeholders) if placeholders else match.group(0)

    body_html = _FIGURE.sub(replace_figure, body_html)
    return _IMG.sub(lambda match: placeholder(match.group(0)) or match.group(0), body_html)


# --- Writing -------------------------------------------------------------------------------------------


@dataclass
class LineOutcome:
    article: Article
    created: bool
    skipped: bool = False  # the newsroom's version was kept
    warnings: list[str] = field(default_factory=list)


class ArticleImporter:
    """Writes records one per transaction, remembering the sections, authors and tags it has met."""

    def __init__(self, *, mark, overwrite=False):
        self.mark = mark
        self.overwrite = overwrite
        self._owners = {}
        self._sections = {}
        self._tags = {}
        self._authors = None  # filled on first use with one query: Author.name is not indexed
        # What the current line added to the caches and to storage, undone if its transaction rolls back.
        self._cached_in_line = []
        self._stored_in_line = []

    def import_record(self, record):
        """Create or update the article of ``record``; all of it is saved or none of it."""
        loaded = [_load_photo(entry) for entry in record.photos]  # file I/O before the transaction opens
        try:
            with transaction.atomic():
                outcome = self._write(record, loaded)
        except BaseException:
            self._undo_line()
            raise
        self._cached_in_line.clear()
        self._stored_in_line.clear()
        return outcome

    def _write(self, record, loaded):
        existing = Article.objects.filter(external_id=record.external_id).first()
        if existing is not None and not self.overwrite and services.edited_in_newsroom(existing):
            return self._keep_newsroom_version(existing, record)
        outcome = LineOutcome(
            article=existing or Article(external_id=record.external_id), created=not existing
        )
        article = outcome.article

        published_at = record.published_at
        if published_at is None and record.status != Status.DRAFT:
            published_at = article.published_at
            if published_at is None:
                published_at = timezone.now()
                outcome.warnings.append(_("bài đã xuất bản nhưng thiếu published_at; dùng thời điểm nhập"))
        if record.status == Status.SCHEDULED and published_at <= timezone.now():
            outcome.warnings.append(_("bài hẹn giờ có thời điểm đã qua: bài được đăng ngay"))

        photos = [self._photo(item) for item in loaded]
        positions = {}
        for position, item in enumerate(loaded, start=1):
            positions.setdefault(item.entry.file, position)

        article.title = record.title
        article.lead = strip_leading_mark(record.lead, self.mark)
        article.body = place_photos(record.body_html, positions=positions)  # save() sanitizes it
        article.section = self._section(record.section)
        article.cover_photo = photos[0] if photos else None

        def write_related(article):
            services.replace_byline(article, [self._author(name).pk for name in record.authors])
            ArticlePhoto.objects.filter(article=article).delete()
            ArticlePhoto.objects.bulk_create(
                ArticlePhoto(
                    article=article,
                    photo=photo,
                    position=position,
                    caption=item.entry.caption,
                    credit=item.entry.credit,
                    alt_text=item.entry.alt_text,
                )
                for position, (photo, item) in enumerate(zip(photos, loaded, strict=True), start=1)
            )
            article.tags.set(self._tag_list(record.tags))

        owner = self._owner(record.owner, outcome.warnings) if outcome.created else None
        services.save_article(
            article=article,
            user=None,
            owner=owner,
            write_related=write_related,
            source=Revision.Source.IMPORT,
            note=_("Nhập từ kho lưu trữ (%(id)s)") % {"id": record.external_id},
        )
        services.set_publication(
            article=article, status=record.status, published_at=published_at, note=record.external_id
        )
        return outcome

    def _keep_newsroom_version(self, article, record):
        """Leave an edited story as the newsroom has it; keep the file's version as a revision to compare."""
        known_section = Section.objects.filter(name=record.section).values_list("pk", flat=True).first()
        # Ids where the newsroom has these names already, so a restore of this revision keeps them.
        tag_ids = dict(Tag.objects.filter(name__in=record.tags).values_list("name", "pk"))
        author_ids = {}
        for name, pk in (
            Author.objects.filter(name__in=record.authors).order_by("-pk").values_list("name", "pk")
        ):
            author_ids[name] = pk  # the oldest author of a name, as the importer matches them
        services.record_unapplied_revision(
            article=article,
            title=record.title,
            lead=strip_leading_mark(record.lead, self.mark),
            body=record.body_html,
            data={
                "section": [known_section, record.section],
                "published_at": record.published_at.isoformat() if record.published_at else None,
                "tags": [[tag_ids.get(name), name] for name in record.tags],
                "authors": [[author_ids.get(name), name] for name in record.authors],
                "status": record.status,
            },
            note=_("Bản trong tệp nhập, chưa áp dụng: bài đã được sửa trong tòa soạn"),
        )
        return LineOutcome(
            article=article,
            created=False,
            skipped=True,
            warnings=[_("đã được sửa trong tòa soạn; giữ bản của tòa soạn (dùng --overwrite để ghi đè)")],
        )

    def _owner(self, username, warnings):
        if not username:
            return None
        if username not in self._owners:
            self._owners[username] = get_user_model().objects.filter(username=username).first()
        if self._owners[username] is None:
            warnings.append(_("không có tài khoản “%(username)s” (created_by)") % {"username": username})
        return self._owners[username]

    def _remember(self, cache, key, value):
        cache[key] = value
        self._cached_in_line.append((cache, key))
        return value

    def _undo_line(self):
        for cache, key in self._cached_in_line:
            cache.pop(key, None)
        for storage, name in self._stored_in_line:
            storage.delete(name)
        self._cached_in_line.clear()
        self._stored_in_line.clear()

    def _section(self, name):
        section = self._sections.get(name)
        if section is None:
            section = Section.objects.filter(name=name).first()
            if section is None:
                section = Section.objects.create(name=name)
            self._remember(self._sections, name, section)
        return section

    def _author(self, name):
        if self._authors is None:
            self._authors = {}
            for author in Author.objects.only("pk", "name").order_by("pk").iterator():
                self._authors.setdefault(author.name, author)
        author = self._authors.get(name)
        if author is None:
            author = self._remember(self._authors, name, Author.objects.create(name=name))
        return author

    def _tag_list(self, names):
        missing = [name for name in names if name not in self._tags]
        if missing:
            for tag in Tag.objects.filter(name__in=missing):
                self._remember(self._tags, tag.name, tag)
            for name in missing:
                if name not in self._tags:
                    self._remember(self._tags, name, Tag.objects.create(name=name))
        return [self._tags[name] for name in names]

    def _photo(self, loaded):
        """The library photo with these bytes, stored now if the library does not have it yet."""
        photo = Photo.objects.filter(checksum=loaded.checksum).order_by("pk").first()
        if photo is None:
            entry = loaded.entry
            photo = Photo(
                caption=entry.caption, credit=entry.credit, alt_text=entry.alt_text, checksum=loaded.checksum
            )
            # A named ContentFile: Django reads the width and height only from a file that has a name. The
            # photo service re-encodes and stores it; the checksum stays the file's, to find it again.
            photo.image = ContentFile(loaded.data, name=entry.path.name)
            save_photo(photo=photo)
            self._stored_in_line.append((photo.image.storage, photo.image.name))
        return photo

    def link_related(self, pending):
        """Replace the related links of the imported articles; returns a warning per id found nowhere."""
        pending = list(pending)
        wanted = sorted({external_id for item in pending for external_id in item.related})
        known = {}
        for start in range(0, len(wanted), BATCH_SIZE):
            chunk = wanted[start : start + BATCH_SIZE]
            known.update(Article.objects.filter(external_id__in=chunk).values_list("external_id", "pk"))

        warnings = []
        for start in range(0, len(pending), BATCH_SIZE):
            batch = pending[start : start + BATCH_SIZE]
            links = {}
            for item in batch:
                chosen = links.setdefault(item.article_pk, [])
                for external_id in item.related:
                    to_pk = known.get(external_id)
                    if to_pk is None:
                        warnings.append(
                            Problem(
                                item.line_number,
                                _("không tìm thấy bài liên quan “%(id)s”") % {"id": external_id},
                                is_warning=True,
                            )
                        )
                    else:
                        chosen.append(to_pk)
            services.link_related_in_bulk(links)
        return warnings


def _load_photo(entry):
    """Read and check one photo file with the same rules as an upload; LineError if it is not usable."""
    try:
        with entry.path.open("rb") as handle:
            validate_photo(File(handle, name=entry.path.name))
            handle.seek(0)
            data = handle.read()
    except FileNotFoundError as exc:
        raise LineError(_("không tìm thấy tệp ảnh “%(file)s”") % {"file": entry.file}) from exc
    except OSError as exc:
        raise LineError(
            _("không đọc được tệp ảnh “%(file)s” (%(error)s)") % {"file": entry.file, "error": exc.strerror}
        ) from exc
    except ValidationError as exc:
        raise LineError(
            _("ảnh “%(file)s” không dùng được: %(reason)s")
            % {"file": entry.file, "reason": " ".join(exc.messages)}
        ) from exc
    return LoadedPhoto(entry=entry, data=data, checksum=hashlib.sha256(data).hexdigest())


def import_articles(
    *,
    path,
    overwrite=False,
    on_progress: Callable[[int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
):
    """Import every line of the JSON Lines file at ``path``; a bad line is reported and skipped.

    ``on_progress`` is called with the line number after each line, ``on_problem`` with each error or
    warning as it is found. Related ids are resolved after the last line, so they may point forward.
    """
    path = Path(path)
    importer = ArticleImporter(mark=settings.NEWSROOM["MARK"], overwrite=overwrite)
    report = ImportReport()
    pending = {}  # article pk -> its related ids; a later line for the same article wins

    def problem(found):
        (report.warnings if found.is_warning else report.errors).append(found)
        if on_problem is not None:
            on_problem(found)

    with path.open("rb") as lines:
        for line_number, raw in enumerate(lines, start=1):
            if raw.strip():
                try:
                    record = parse_line(raw, base_dir=path.parent)
                    outcome = importer.import_record(record)
                except LineError as exc:
                    problem(Problem(line_number, str(exc)))
                except DatabaseError as exc:
                    problem(Problem(line_number, _("lỗi cơ sở dữ liệu: %(error)s") % {"error": exc}))
                else:
                    if outcome.skipped:
                        report.skipped += 1
                    elif outcome.created:
                        report.created += 1
                    else:
                        report.updated += 1
                    for warning in outcome.warnings:
                        problem(Problem(line_number, warning, is_warning=True))
                    if not outcome.skipped:
                        pending[outcome.article.pk] = PendingLinks(
                            line_number, outcome.article.pk, record.related
                        )
            if on_progress is not None:
                on_progress(line_number)

    for warning in importer.link_related(pending.values()):
        problem(warning)
    return report
