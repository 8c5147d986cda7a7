"""A benchmark archive: N realistic stories written in bulk (COPY on PostgreSQL), for measuring at scale.

Not the demo paper: no accounts, no revisions or workflow events, no moderation log. Every column the site
reads is filled exactly as Article.save() would fill it (slug, sanitized body, search columns), so the
reader's pages, search and the desk work on the result. Columns the database fills itself (a generated or
trigger-filled column) are left to it: every insert names its columns.
"""

import contextlib
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from articles.models import (
    Article,
    ArticleAuthor,
    ArticlePhoto,
    Author,
    Photo,
    RelatedArticle,
    Section,
    Tag,
)
from articles.photos.services import save_photo
from articles.stories.models import normalize_photo_placeholders
from articles.stories.workflow import Status
from comments.models import Comment
from comments.services import fingerprint
from newsroom.common.dates import VIETNAM
from newsroom.common.sanitizer import sanitize_html
from newsroom.common.text import search_columns, slugify_vi

from .painter import SCENES, paint_file

PHOTOS_PER_STORY = 3
RELATED_PER_STORY = 10
COMMENTS_PER_STORY = 25
YEARS = 15
DRAFT_SHARE = 0.01  # a few stories never published
APPROVED_SHARE = 0.9  # of comments; the rest wait or were refused
# One story in RARE_EVERY mentions buckwheat flowers: the benchmark's rare query ("tam giac mach").
RARE_EVERY = 997
RARE_PARAGRAPH = "<p>Mùa hoa tam giác mạch nở rộ trên cao nguyên Sìn Hồ, hút khách du lịch.</p>"

SECTION_NAMES = (
    "Thời sự",
    "Chính trị",
    "Kinh tế",
    "Nông nghiệp – Nông thôn",
    "Xã hội",
    "Giáo dục",
    "Y tế",
    "Văn hóa – Du lịch",
    "Thể thao",
    "Quốc phòng – An ninh",
    "Pháp luật",
    "Biên giới",
)

FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Tòng", "Lường", "Giàng")
MIDDLE = ("Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Thanh", "A", "Quang")
GIVEN = ("An", "Bình", "Chiến", "Dũng", "Hà", "Hằng", "Hiếu", "Hương", "Khánh", "Lan", "Linh", "Long")
GIVEN += ("Mai", "Nam", "Nga", "Phong", "Phương", "Sơn", "Thảo", "Trang", "Tuấn", "Vân", "Xuân", "Yến")

PLACES = (
    "Lai Châu",
    "Tam Đường",
    "Phong Thổ",
    "Sìn Hồ",
    "Mường Tè",
    "Than Uyên",
    "Tân Uyên",
    "Nậm Nhùn",
    "Bình Lư",
    "Dào San",
    "Pa Tần",
    "Mường So",
    "Bản Hon",
    "Tà Tổng",
)
SUBJECTS = (
    "nông nghiệp",
    "nông nghiệp công nghệ cao",
    "cây chè",
    "cây mắc ca",
    "lúa nương",
    "chăn nuôi gia súc",
    "du lịch cộng đồng",
    "xây dựng nông thôn mới",
    "giảm nghèo bền vững",
    "bảo vệ rừng",
    "đường giao thông nông thôn",
    "trường học vùng cao",
    "y tế cơ sở",
    "chuyển đổi số",
    "thủy điện",
    "sâm Lai Châu",
    "hợp tác xã",
    "an ninh biên giới",
    "lễ hội truyền thống",
    "đăng kiểm xe",
)
VERBS = (
    "đẩy mạnh",
    "triển khai",
    "phát triển",
    "nâng cao hiệu quả",
    "tháo gỡ khó khăn cho",
    "hỗ trợ",
    "tổng kết",
    "kiểm tra",
    "đầu tư cho",
    "ra quân",
)
ENDINGS = (
    "năm {year}",
    "giai đoạn {year}–{next_year}",
    "mùa khô",
    "sau mưa lũ",
    "đầu vụ",
    "cho đồng bào dân tộc thiểu số",
    "ở các xã biên giới",
    "tại {place}",
)
SENTENCES = (
    "Theo Sở Nông nghiệp và Phát triển nông thôn, {place} đã {verb} {subject} với nhiều mô hình hiệu quả.",
    "Nhiều hộ dân ở {place} cho biết thu nhập tăng rõ rệt nhờ {subject}.",
    "Ông {person}, Chủ tịch UBND xã, nhấn mạnh: “Chúng tôi sẽ tiếp tục {verb} {subject} trong thời gian tới”.",
    "Đến nay, toàn tỉnh Lai Châu có hơn {number} hộ tham gia, tăng {percent}% so với cùng kỳ.",
    "Bà {person} chia sẻ rằng bà con đã quen với cách làm mới, không còn trông chờ vào hỗ trợ.",
    "Đoàn công tác đã kiểm tra thực tế tại {place} và ghi nhận những kết quả bước đầu về {subject}.",
    "Tổng kinh phí thực hiện khoảng {number} triệu đồng, từ ngân sách và nguồn xã hội hóa.",
    "Những khó khăn về giao thông, thời tiết và vốn vẫn là trở ngại lớn đối với {subject} ở vùng cao.",
    "Ngành chức năng khuyến cáo người dân chủ động phòng, chống rét cho cây trồng và vật nuôi.",
    "Trong năm, {place} phấn đấu hoàn thành các chỉ tiêu về {subject} mà Nghị quyết đề ra.",
)
COMMENTS = (
    "Bài viết rất hay, cảm ơn phóng viên.",
    "Mong tỉnh tiếp tục quan tâm đến bà con vùng cao.",
    "Quê tôi ở {place}, đọc mà thấy tự hào.",
    "Cần có thêm chính sách hỗ trợ vốn cho {subject}.",
    "Đường lên bản vẫn còn khó đi lắm, mong được sửa sớm.",
    "Thông tin hữu ích, tôi sẽ chia sẻ cho mọi người.",
    "Giá chè năm nay thấp quá, người trồng chè vất vả.",
    "Ủng hộ mô hình này, nên nhân rộng ra các xã khác.",
)
CAPTIONS = (
    "Ruộng bậc thang ở {place} mùa lúa chín.",
    "Đồi chè {place} buổi sớm.",
    "Người dân {place} thu hoạch nông sản.",
    "Cán bộ khuyến nông hướng dẫn bà con kỹ thuật mới.",
)


@dataclass
class ArchiveSummary:
    stories: int
    comments: int
    seconds: float


class _Writer:
    """Inserts rows of one table, naming its columns: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self):
        self.postgresql = connection.vendor == "postgresql"

    def write(self, model, fields, rows):
        if not rows:
            return
        meta = model._meta
        columns = [meta.get_field(name).column for name in fields]
        table = connection.ops.quote_name(meta.db_table)
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        with connection.cursor() as cursor:
            if self.postgresql:
                with cursor.cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                times = [
                    index
                    for index, name in enumerate(fields)
                    if meta.get_field(name).get_internal_type() == "DateTimeField"
                ]
                adapt = connection.ops.adapt_datetimefield_value
                if times:
                    rows = [
                        tuple(adapt(value) if index in times else value for index, value in enumerate(row))
                        for row in rows
                    ]
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)


class _Text:
    """Vietnamese titles, leads, bodies and comments from word lists; bodies already as sanitize_html keeps them."""

    def __init__(self, rng):
        self.rng = rng
        self.people = [f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}" for _ in range(200)]
        # Paragraphs are drawn from a pool checked once against the sanitizer: a body of them is clean.
        self.paragraphs = [self._paragraph() for _ in range(1500)]
        for paragraph in [*self.paragraphs, RARE_PARAGRAPH]:
            if sanitize_html(paragraph) != paragraph:
                raise ValueError(paragraph)

    def _fill(self, template, year=2020):
        rng = self.rng
        return template.format(
            place=rng.choice(PLACES),
            subject=rng.choice(SUBJECTS),
            verb=rng.choice(VERBS),
            person=rng.choice(self.people),
            number=rng.randrange(20, 5000),
            percent=rng.randrange(2, 40),
            year=year,
            next_year=year + 5,
        )

    def _paragraph(self):
        sentences = " ".join(self._fill(self.rng.choice(SENTENCES)) for _ in range(self.rng.randrange(2, 5)))
        return f"<p>{sentences}</p>"

    def title(self, year):
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        ending = self._fill(rng.choice(ENDINGS), year)
        verb = rng.choice(VERBS)
        if rng.random() < 0.5:
            return f"{rng.choice(PLACES)}: {verb[0].upper()}{verb[1:]} {subject} {ending}"
        return f"{subject[0].upper()}{subject[1:]} ở {rng.choice(PLACES)} {ending}"

    def lead(self):
        return " ".join(self._fill(self.rng.choice(SENTENCES)) for _ in range(2))

    def body(self):
        # About 3,000 characters: [ảnh 1] after the first paragraph, [ảnh 2] in the middle, photo 3 at the end.
        paragraphs = self.rng.sample(self.paragraphs, self.rng.randrange(8, 13))
        middle = len(paragraphs) // 2
        parts = [
            paragraphs[0],
            "<p>[ảnh 1]</p>",
            *paragraphs[1:middle],
            "<p>[ảnh 2]</p>",
            *paragraphs[middle:],
        ]
        return "".join(parts)

    def comment(self):
        return self._fill(self.rng.choice(COMMENTS))

    def caption(self):
        return self._fill(self.rng.choice(CAPTIONS))


def _named(model, names):
    """The rows of ``model`` with these names, made through their save() (slugs) when missing."""
    found = {row.name: row for row in model.objects.filter(name__in=names)}
    for name in names:
        if name not in found:
            found[name] = model(name=name)
            found[name].save()
    return [found[name] for name in names]


def _photo_pool(text, count):
    """``count`` small JPEGs painted once, stored through save_photo (re-encoded, renditions on commit)."""
    scenes = sorted(SCENES)
    photos = []
    for index in range(count):
        name = f"lai-chau-{scenes[index % len(scenes)]}-{index // len(scenes) + 1}.jpg"
        photo = Photo(
            image=ContentFile(paint_file(name), name=name),
            caption=text.caption(),
            credit="Ảnh: Báo Lai Châu",
            alt_text=text.caption(),
        )
        photos.append(save_photo(photo=photo))
    return photos


def make_archive(*, stories, seed=1, batch_size=2000, log=print):
    """Write ``stories`` stories with their photos, tags, bylines, related stories and comments; a summary."""
    started = time.monotonic()
    with _no_statement_timeout(), _text_indexes_built_after(log):
        comments = _write_archive(stories=stories, seed=seed, batch_size=batch_size, log=log)
    if connection.vendor == "postgresql":
        with _no_statement_timeout(), connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ArchiveSummary(stories=stories, comments=comments, seconds=time.monotonic() - started)


@contextlib.contextmanager
def _no_statement_timeout():
    """The site's statement timeout (a reader's query must not run away) would cancel an index build."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (kept,) = cursor.fetchone()
        cursor.execute("SET statement_timeout = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [kept])


@contextlib.contextmanager
def _text_indexes_built_after(log):
    """On PostgreSQL, drop the story table's GIN/GiST indexes (trigram, full text) and build them once at the
    end: kept up to date row by row they cost most of the load. Rebuilt even when the load fails."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s AND indexdef ~ ' USING (gin|gist) '",
            [Article._meta.db_table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    try:
        yield
    finally:
        started = time.monotonic()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            # Inside a caller's transaction (a test) the deferred foreign-key checks must run first:
            # PostgreSQL builds no index on a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        if indexes:
            log(f"{len(indexes)} chỉ mục tìm kiếm dựng lại ({time.monotonic() - started:.0f} giây)")


def _write_archive(*, stories, seed, batch_size, log, sections=12, authors=40, tags=300, photos=12):
    started = time.monotonic()
    rng = random.Random(seed)
    text = _Text(rng)
    writer = _Writer()
    names = list(SECTION_NAMES[:sections]) + [f"Chuyên mục {n}" for n in range(len(SECTION_NAMES), sections)]
    section_rows = _named(Section, names)
    author_names = list(dict.fromkeys(rng.choice(text.people) for _ in range(authors * 5)))[:authors]
    author_rows = _named(Author, author_names)
    tag_names = list(PLACES) + list(SUBJECTS)
    tag_names += [f"{subject} {place}" for subject in SUBJECTS for place in PLACES]
    tag_rows = _named(Tag, list(dict.fromkeys(tag_names))[:tags])
    pool = _photo_pool(text, photos)
    log(f"{len(section_rows)} chuyên mục, {len(author_rows)} tác giả, {len(tag_rows)} thẻ, {len(pool)} ảnh")

    first_id = (Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    ids = range(first_id, first_id + stories)
    now = timezone.now()
    span = timedelta(days=365 * YEARS)
    # Oldest first, so ids follow publication order as in a real archive.
    offsets = sorted(rng.random() for _ in ids)
    section_of = {}
    comment_count = 0
    for start in range(0, stories, batch_size):
        with transaction.atomic():
            articles, bylines, uses, tagged, comments = [], [], [], [], []
            for index in range(start, min(start + batch_size, stories)):
                article_id = ids[index]
                published = now - span + span * offsets[index]
                published = published.replace(microsecond=0)
                status, published_at = Status.PUBLISHED.value, published
                if rng.random() < DRAFT_SHARE:
                    status, published_at = Status.DRAFT.value, None
                section = rng.choice(section_rows)
                section_of[article_id] = section.pk
                title = text.title(published.astimezone(VIETNAM).year)
                lead = text.lead()
                body = text.body()
                if index % RARE_EVERY == RARE_EVERY - 1:
                    body += RARE_PARAGRAPH
                if index % 500 == 0 and normalize_photo_placeholders(sanitize_html(body)) != body:
                    raise ValueError(body)
                story_photos = rng.sample(pool, PHOTOS_PER_STORY)
                search_title, search_text, search_exact = search_columns(title, lead, body)
                articles.append(
                    (
                        article_id,
                        title,
                        slugify_vi(title) or "bai-viet",
                        lead,
                        body,
                        story_photos[0].pk,
                        section.pk,
                        status,
                        published_at,
                        True,
                        published,
                        published,
                        1,
                        rng.random() < 0.02,
                        search_title,
                        search_text,
                        search_exact,
                    )
                )
                for position, author in enumerate(rng.sample(author_rows, rng.choice((1, 1, 1, 2)))):
                    bylines.append((article_id, author.pk, position))
                for position, photo in enumerate(story_photos, start=1):
                    uses.append((article_id, photo.pk, position, text.caption(), "", ""))
                for tag in rng.sample(tag_rows, rng.randrange(2, 6)):
                    tagged.append((article_id, tag.pk))
                for number in range(COMMENTS_PER_STORY):
                    roll = rng.random()
                    state = (
                        Comment.Status.APPROVED.value
                        if roll < APPROVED_SHARE
                        else Comment.Status.PENDING.value
                    )
                    if roll > 0.97:
                        state = Comment.Status.REJECTED.value
                    email = f"doc-gia-{rng.randrange(100000)}@example.vn"
                    body_text = text.comment()
                    comments.append(
                        (
                            article_id,
                            rng.choice(text.people),
                            email,
                            body_text,
                            state,
                            f"10.{number}.{rng.randrange(256)}.{rng.randrange(1, 255)}",
                            "Mozilla/5.0 (Linux; Android 14)",
                            published + timedelta(minutes=30 + 17 * number),
                            fingerprint(article_id=article_id, email=email, body=body_text),
                        )
                    )
            writer.write(Article, ARTICLE_FIELDS, articles)
            writer.write(ArticleAuthor, ("article", "author", "position"), bylines)
            writer.write(
                ArticlePhoto, ("article", "photo", "position", "caption", "credit", "alt_text"), uses
            )
            writer.write(Article.tags.through, ("article", "tag"), tagged)
            writer.write(Comment, COMMENT_FIELDS, comments)
            comment_count += len(comments)
        log(f"bài {start + len(articles)}/{stories} ({time.monotonic() - started:.0f} giây)")

    _write_related(writer, rng, ids, section_of, batch_size, log)
    _reset_sequences()
    return comment_count


ARTICLE_FIELDS = (
    "id",
    "title",
    "slug",
    "lead",
    "body",
    "cover_photo",
    "section",
    "status",
    "published_at",
    "comments_open",
    "created_at",
    "updated_at",
    "version",
    "featured",
    "search_title",
    "search_text",
    "search_exact",
)
COMMENT_FIELDS = (
    "article",
    "name",
    "email",
    "body",
    "status",
    "ip_address",
    "user_agent",
    "submitted_at",
    "fingerprint",
)


def _write_related(writer, rng, ids, section_of, batch_size, log):
    """Ten related stories each: earlier stories of the same section first, then any others."""
    by_section = {}
    rows = []
    every = list(ids)
    wanted = min(RELATED_PER_STORY, len(every) - 1)
    for count, article_id in enumerate(every, start=1):
        earlier = by_section.setdefault(section_of[article_id], [])
        picked = list(dict.fromkeys(rng.sample(earlier[-200:], min(wanted, len(earlier[-200:])))))
        while len(picked) < wanted:
            other = rng.choice(every)
            if other != article_id and other not in picked:
                picked.append(other)
        rows += [(article_id, target, position) for position, target in enumerate(picked)]
        earlier.append(article_id)
        if count % batch_size == 0 or count == len(every):
            with transaction.atomic():
                writer.write(RelatedArticle, ("from_article", "to_article", "position"), rows)
            rows = []
            log(f"tin liên quan {count}/{len(every)}")


def _reset_sequences():
    """Ids were given by us: move the databases' counters past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Article])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
