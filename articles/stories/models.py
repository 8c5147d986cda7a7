"""Sections, authors, tags and the articles that bring them together with photos and related stories."""

import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from newsroom.common.fields import NFCCharField, NFCTextField
from newsroom.common.sanitizer import PHOTO_FIGURE, sanitize_html
from newsroom.common.text import search_columns, slugify_vi

from ..photos.models import Photo
from . import workflow
from .live import coverage_stamp
from .managers import RELATED_SHOWN, ArticleQuerySet, SectionQuerySet

RELATED_STORIES_SHOWN = RELATED_SHOWN  # for_page() reads the section's newest twice that many

# What every URL pattern of ours accepts in a slug; an editor who types another character is told so.
slug_validator = RegexValidator(
    r"^[-a-z0-9]+\Z",
    message=_("Đường dẫn chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (-)."),
    code="invalid_slug",
)


class NamedPage(models.Model):
    """Something with a name and a page of its own at /<prefix>/<slug>/: a section, an author, a tag."""

    url_name = None  # the reader's page, e.g. "articles:section"
    slug_fallback = "muc"  # the slug of a name that has no letter or digit
    reserved_slugs = frozenset()  # slugs whose URL another route (or the web server) answers

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A slug typed by hand is normalised too, so no code path can store one our URLs cannot reverse.
        self.slug = slugify_vi(self.slug, max_length=self._slug_room()) if self.slug else ""
        if not self.slug or self.slug in self.reserved_slugs:
            self.slug = self.unique_slug(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.slug in self.reserved_slugs:
            raise ValidationError(
                {
                    "slug": _(
                        "Đường dẫn “%(slug)s” đã dành cho một trang khác của báo; hãy chọn đường dẫn khác."
                    )
                },
                code="reserved_slug",
                params={"slug": self.slug},
            )

    @classmethod
    def _slug_room(cls):
        # Room for a "-NN" suffix below the column's length.
        return cls._meta.get_field("slug").max_length - 10

    @classmethod
    def unique_slug(cls, name):
        """A slug for ``name`` not yet used: "kinh-te", then "kinh-te-2", ..."""
        base = slugify_vi(name, max_length=cls._slug_room()) or cls.slug_fallback
        slug, n = base, 2
        while slug in cls.reserved_slugs or cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Section(NamedPage):
    name = NFCCharField(_("tên chuyên mục"), max_length=100, unique=True)
    slug = models.SlugField(
        _("đường dẫn"), max_length=100, unique=True, blank=True, validators=[slug_validator]
    )
    description = NFCTextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    url_name = "articles:section"
    slug_fallback = "chuyen-muc"
    # A section's page is /<slug>/: the first segment of routes matched before it (newsroom/urls.py) and
    # of what the web server answers itself (MEDIA_URL, STATIC_URL) cannot be a section's.
    reserved_slugs = frozenset(
        {"quan-tri", "binh-luan", "kiem-duyet", "rss", "tim-kiem", "the", "tac-gia", "xem-truoc"}
        | {"static", "media", "healthz"}
    )
    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]


class Author(NamedPage):
    """A byline as printed; optionally the account of the staff member who writes under it."""

    name = NFCCharField(_("tên tác giả"), max_length=100)
    slug = models.SlugField(
        _("đường dẫn"), max_length=120, unique=True, blank=True, validators=[slug_validator]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    bio = NFCTextField(_("giới thiệu"), blank=True)

    url_name = "articles:author"
    slug_fallback = "tac-gia"

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]


class Tag(NamedPage):
    name = NFCCharField(_("tên thẻ"), max_length=100, unique=True)
    slug = models.SlugField(
        _("đường dẫn"), max_length=120, unique=True, blank=True, validators=[slug_validator]
    )

    url_name = "articles:tag"
    slug_fallback = "the"

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["name"]


class Article(models.Model):
    Status = workflow.Status

    title = NFCCharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        blank=True,
        validators=[slug_validator],
        help_text=_("Để trống để tạo tự động từ tiêu đề."),
    )
    lead = NFCTextField(
        _("sapo"),
        help_text=_("Đoạn mở đầu. Ký hiệu của báo, ví dụ “(BLC) - ”, được thêm tự động khi hiển thị."),
    )
    body = NFCTextField(
        _("nội dung"),
        blank=True,
        help_text=_(
            "Đặt ảnh số N của bài vào nội dung bằng một đoạn riêng “[ảnh N]”; "
            "ảnh chưa được đặt sẽ hiện ở cuối bài."
        ),
    )
    cover_photo = models.ForeignKey(
        Photo,
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    section = models.ForeignKey(
        Section, verbose_name=_("chuyên mục"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = models.ManyToManyField(Tag, verbose_name=_("thẻ"), blank=True, related_name="articles")
    authors = models.ManyToManyField(
        Author, verbose_name=_("tác giả"), through="ArticleAuthor", blank=True, related_name="articles"
    )
    related = models.ManyToManyField(
        "self",
        verbose_name=_("tin liên quan"),
        through="RelatedArticle",
        symmetrical=False,
        blank=True,
        related_name="+",
    )
    # Written only by the workflow service (articles/stories/services.py), like published_at below.
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(_("thời điểm xuất bản"), null=True, blank=True, db_index=True)
    comments_open = models.BooleanField(
        _("cho phép bình luận"),
        default=True,
        help_text=_(
            "Bỏ chọn để đóng bình luận. Bình luận cũng tự đóng sau số ngày đặt trong cấu hình (nếu có)."
        ),
    )
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lần cuối"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Incremented on every save: a form that was opened on an older version is refused (edit conflict).
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    featured = models.BooleanField(
        _("tin nổi bật"),
        default=False,
        help_text=_("Hiện ở khu vực tin nổi bật trên trang chủ; tin nổi bật mới nhất là tin chính."),
    )
    # Live coverage (articles/stories/live.py), written only by start_live and end_live in the services.
    live_started_at = models.DateTimeField(_("bắt đầu tường thuật"), null=True, blank=True, editable=False)
    live_planned_end = models.DateTimeField(
        _("dự kiến kết thúc tường thuật"), null=True, blank=True, editable=False
    )
    live_ended_at = models.DateTimeField(_("kết thúc tường thuật"), null=True, blank=True, editable=False)
    # Search columns, filled on save. Folded (lower case, no diacritics): "dang kiem" finds "Đăng kiểm" on
    # every database; the exact column (lower case, diacritics kept) ranks exact-diacritic matches first.
    search_title = models.TextField(_("tiêu đề để tìm"), editable=False, default="")
    search_text = models.TextField(_("nội dung để tìm"), editable=False, default="")
    search_exact = models.TextField(_("nội dung để tìm đúng dấu"), editable=False, default="")
    external_id = models.CharField(
        _("mã ngoài"),
        max_length=200,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Mã của bài trong hệ thống cũ, dùng khi nhập kho lưu trữ."),
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_pub_idx"),
            # The listings read only live stories, newest first: partial indexes in exactly that order let
            # PostgreSQL (and SQLite) walk the newest few rows and stop, however large the archive
            # (docs/performance.md). A "published_at <= now" filter is then checked on those few rows.
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="article_live_latest_idx",
                condition=models.Q(status__in=sorted(workflow.LIVE_STATUSES)),
            ),
            models.Index(
                "section",
                F("published_at").desc(),
                F("id").desc(),
                name="article_live_section_idx",
                condition=models.Q(status__in=sorted(workflow.LIVE_STATUSES)),
            ),
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="article_live_featured_idx",
                condition=models.Q(featured=True, status__in=sorted(workflow.LIVE_STATUSES)),
            ),
            # The desk's "Đang tường thuật trực tiếp": the few stories covered live now, in any archive.
            models.Index(
                F("live_started_at").desc(),
                name="article_live_coverage_idx",
                condition=models.Q(live_started_at__isnull=False, live_ended_at__isnull=True),
            ),
        ]
        permissions = [
            ("edit_any_article", _("Sửa bài của mọi phóng viên")),
            ("publish_article", _("Duyệt, trả lại, xuất bản và hẹn giờ bài")),
            ("takedown_article", _("Gỡ bài đã xuất bản")),
            ("correct_article", _("Đính chính bài đã xuất bản")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Called by the services only (save_article, set_publication): they own versions and revisions.
        self.slug = slugify_vi(self.slug or self.title) or "bai-viet"
        self.body = normalize_photo_placeholders(sanitize_html(self.body))
        self.search_title, self.search_text, self.search_exact = search_columns(
            self.title, self.lead, self.body
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(
            "articles:detail",
            kwargs={"section": self.section.slug, "slug": self.slug, "pk": self.pk},
        )

    @property
    def is_public(self):
        return workflow.is_live(self.status, self.published_at, timezone.now())

    @property
    def shown_status(self):
        """The status as a person means it: a scheduled article whose time has come is published."""
        return workflow.shown_status(self.status, self.published_at, timezone.now())

    @property
    def is_live_now(self):
        """Whether the story is being covered live at this moment (entries may still come)."""
        return self.live_started_at is not None and self.live_ended_at is None

    @property
    def has_live_coverage(self):
        """Whether the story is or was covered live: its page shows the entries."""
        return self.live_started_at is not None

    @property
    def live_stamp(self):
        """What the live block shows now, in a word (uses the page's prefetch of the entries)."""
        return coverage_stamp(self, self.live_entries.all())

    @property
    def coverage_end(self):
        """When the coverage ended, or is expected to end while it goes on."""
        return self.live_ended_at or self.live_planned_end

    @property
    def last_corrected_at(self):
        """When the latest correction was published ("Cập nhật"); uses the page's prefetch."""
        return max((correction.created_at for correction in self.corrections.all()), default=None)

    @property
    def byline(self):
        """Authors in the editor's order; uses the page's prefetch when there is one."""
        return [link.author for link in self.article_authors.all()]

    def body_blocks(self):
        """The body as ("html", safe HTML) and ("photo", a use of a photo) blocks; unplaced photos come last.

        A use is an ArticlePhoto ("[ảnh N]", from the page's prefetch of ``body_photos``) or a PlacedPhoto
        (a library photo the editor inserted, named by id: one query for all of them with their renditions).
        A figure whose photo is gone draws nothing. The template turns each use into a <figure>.
        """
        photos = {use.position: use for use in self.body_photos.all()}
        library = self._placed_library_photos()
        blocks, placed, start = [], set(), 0
        for match in _BODY_PHOTO.finditer(self.body):
            blocks.append(("html", mark_safe(self.body[start : match.start()])))  # noqa: S308 - sanitized on save
            if match.group("photo_id"):
                photo = library.get(int(match.group("photo_id")))
                if photo is not None:
                    blocks.append(("photo", PlacedPhoto.from_figure(photo, match)))
            else:
                use = photos.get(int(match.group("position")))
                if use is not None and use.position not in placed:
                    blocks.append(("photo", use))
                    placed.add(use.position)
            start = match.end()
        blocks.append(("html", mark_safe(self.body[start:])))  # noqa: S308 - sanitized on save
        blocks += [("photo", use) for position, use in sorted(photos.items()) if position not in placed]
        return [(kind, item) for kind, item in blocks if kind == "photo" or item]

    def _placed_library_photos(self):
        if hasattr(self, "placed_library_photos"):  # loaded with the story by for_page()
            return self.placed_library_photos
        ids = {int(match.group("photo_id")) for match in PHOTO_FIGURE.finditer(self.body)}
        if not ids:
            return {}
        return {photo.pk: photo for photo in Photo.objects.filter(pk__in=ids).prefetch_related("renditions")}

    def related_stories(self, limit=RELATED_STORIES_SHOWN):
        """Editor-picked public stories first, then the latest of the same section up to ``limit``."""
        picked = [link.to_article for link in self.related_links.all() if link.to_article.is_public][:limit]
        missing = limit - len(picked)
        if missing > 0 and hasattr(self, "section_latest_stories"):  # loaded with the story by for_page()
            shown = {story.pk for story in picked}
            picked += [story for story in self.section_latest_stories if story.pk not in shown][:missing]
        elif missing > 0:
            exclude = [self.pk, *(story.pk for story in picked)]
            picked += list(
                Article.objects.published()
                .filter(section_id=self.section_id)
                .exclude(pk__in=exclude)
                .select_related("section")
                .order_by("-published_at", "-pk")[:missing]
            )
        return picked


# The stored form of "put photo N here": a paragraph of its own, which rich-text editors keep as text.
_PLACEHOLDER_WORD = r"(?:ảnh|anh|Ảnh|Anh|ẢNH|ANH)"
PHOTO_PLACEHOLDER = re.compile(rf"<p>\s*\[\s*{_PLACEHOLDER_WORD}\s+(\d{{1,4}})\s*\]\s*</p>")
_FIGURE_PLACEHOLDER = re.compile(r'<figure data-photo="(\d+)">\s*</figure>')


# Where a body places a photo: "[ảnh N]" (the story's photo N) or a library photo's figure (by id).
_BODY_PHOTO = re.compile(
    rf"<p>\s*\[\s*{_PLACEHOLDER_WORD}\s+(?P<position>\d{{1,4}})\s*\]\s*</p>|{PHOTO_FIGURE.pattern}"
)


def normalize_photo_placeholders(body):
    """Store every photo placeholder as <p>[ảnh N]</p>: imports write figures, editors type the text."""
    return _FIGURE_PLACEHOLDER.sub(lambda match: f"<p>[ảnh {match.group(1)}]</p>", body)


class ShownTexts:
    """This use's caption, credit and alt text, falling back to the photo's own when left blank."""

    @property
    def shown_caption(self):
        return self.caption or self.photo.caption

    @property
    def shown_credit(self):
        return self.credit or self.photo.credit

    @property
    def shown_alt(self):
        return self.alt_text or self.photo.alt_text or self.shown_caption


@dataclass(frozen=True)
class PlacedPhoto(ShownTexts):
    """A library photo placed in a body with this use's texts; blank ones fall back to the photo's own."""

    photo: Photo
    caption: str = ""
    credit: str = ""
    alt_text: str = ""

    @classmethod
    def from_figure(cls, photo, match):
        return cls(
            photo=photo,
            caption=html.unescape(match.group("caption")),
            credit=html.unescape(match.group("credit")),
            alt_text=html.unescape(match.group("alt")),
        )


class ArticleAuthor(models.Model):
    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(Author, verbose_name=_("tác giả"), on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tác giả của bài")
        verbose_name_plural = _("tác giả của bài")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")]

    def __str__(self):
        return str(self.author)


class ArticlePhoto(ShownTexts, models.Model):
    """One use of a photo inside an article's body, with its own caption and credit for that use."""

    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="body_photos"
    )
    photo = models.ForeignKey(Photo, verbose_name=_("ảnh"), on_delete=models.PROTECT, related_name="uses")
    position = models.PositiveSmallIntegerField(
        _("số thứ tự"), help_text=_("Số N dùng trong đoạn “[ảnh N]” của nội dung.")
    )
    caption = NFCCharField(_("chú thích"), max_length=500, blank=True)
    credit = NFCCharField(_("nguồn ảnh"), max_length=200, blank=True)
    alt_text = NFCCharField(_("mô tả ảnh (alt)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ảnh trong bài")
        verbose_name_plural = _("ảnh trong bài")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_article_photo_position")
        ]

    def __str__(self):
        return f"{self.position}: {self.photo}"


class RelatedArticle(models.Model):
    from_article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="related_links"
    )
    to_article = models.ForeignKey(
        Article, verbose_name=_("bài liên quan"), on_delete=models.CASCADE, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tin liên quan")
        verbose_name_plural = _("tin liên quan")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["from_article", "to_article"], name="unique_related_article"),
            models.CheckConstraint(
                condition=~models.Q(from_article=models.F("to_article")), name="related_not_self"
            ),
        ]

    def __str__(self):
        return str(self.to_article)

    def clean(self):
        if self.from_article_id and self.from_article_id == self.to_article_id:
            raise ValidationError(_("Một bài không thể liên quan đến chính nó."), code="self_related")


# Models kept in their own module, imported here so that "from .models import Revision" works everywhere.
from .history import ArticleEvent, Correction, Revision  # noqa: E402, F401
