"""Sections, authors, tags, photos and the articles that bring them together."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .fields import NFCCharField, NFCTextField
from .managers import ArticleQuerySet, SectionQuerySet
from .sanitizer import sanitize_html
from .text import search_columns, slugify_vi
from .validators import validate_photo

RELATED_STORIES_SHOWN = 5


class Section(models.Model):
    name = NFCCharField(_("tên chuyên mục"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=100, unique=True, blank=True)
    description = NFCTextField(_("mô tả"), blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("hiển thị"), default=True)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuyên mục")
        verbose_name_plural = _("chuyên mục")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Section, self.name, max_length=95)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    """A byline as printed; optionally the account of the staff member who writes under it."""

    name = NFCCharField(_("tên tác giả"), max_length=100)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
    )
    bio = NFCTextField(_("giới thiệu"), blank=True)

    class Meta:
        verbose_name = _("tác giả")
        verbose_name_plural = _("tác giả")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Author, self.name, max_length=110)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = NFCCharField(_("tên thẻ"), max_length=100, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, blank=True)

    class Meta:
        verbose_name = _("thẻ")
        verbose_name_plural = _("thẻ")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Tag, self.name, max_length=110)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:tag", kwargs={"slug": self.slug})


class Photo(models.Model):
    """An image in the library, with the caption, credit and alt text used unless a use overrides them."""

    image = models.ImageField(
        _("ảnh"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_photo],
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    caption = NFCCharField(_("chú thích"), max_length=500, blank=True)
    credit = NFCCharField(_("nguồn ảnh"), max_length=200, blank=True)
    alt_text = NFCCharField(
        _("mô tả ảnh (alt)"),
        max_length=300,
        blank=True,
        help_text=_("Mô tả ngắn nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    # SHA-256 of the file: lets the archive importer reuse a photo instead of storing it twice.
    checksum = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.caption or self.image.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "image" in update_fields:
            from .renditions import make_renditions_on_commit

            make_renditions_on_commit(self)

    @property
    def share_url(self):
        """URL of the JPEG at least 1,200 px wide that link previews show; None if the file cannot be read."""
        from .renditions import share_rendition

        rendition = share_rendition(self)
        return rendition.file.url if rendition else None


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("article status", "Nháp")
        SUBMITTED = "submitted", pgettext_lazy("article status", "Chờ duyệt")
        RETURNED = "returned", pgettext_lazy("article status", "Trả lại")
        SCHEDULED = "scheduled", pgettext_lazy("article status", "Hẹn giờ")
        PUBLISHED = "published", pgettext_lazy("article status", "Đã xuất bản")
        TAKEN_DOWN = "taken_down", pgettext_lazy("article status", "Đã gỡ")

    # Statuses whose articles readers see once their publish time has come (scheduling needs no cron job).
    LIVE_STATUSES = (Status.PUBLISHED, Status.SCHEDULED)

    title = NFCCharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(
        _("đường dẫn"),
        max_length=200,
        blank=True,
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
    # Search columns, filled on save. Folded (lower case, no diacritics): "dang kiem" finds "Đăng kiểm" on
    # every database; the exact column (lower case, diacritics kept) ranks exact-diacritic matches first.
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    search_exact = models.TextField(editable=False, default="")
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
        indexes = [models.Index(fields=["status", "published_at"], name="article_status_pub_idx")]
        permissions = [
            ("edit_any_article", _("Sửa bài của mọi phóng viên")),
            ("publish_article", _("Duyệt, trả lại, xuất bản và hẹn giờ bài")),
            ("takedown_article", _("Gỡ bài đã xuất bản")),
            ("correct_article", _("Đính chính bài đã xuất bản")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify_vi(self.title) or "bai-viet"
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
        return (
            self.status in self.LIVE_STATUSES
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def shown_status(self):
        """The status as a person means it: a scheduled article whose time has come is published."""
        if self.status == self.Status.SCHEDULED and self.is_public:
            return self.Status.PUBLISHED
        return self.Status(self.status)

    @property
    def last_corrected_at(self):
        """When the latest correction was published ("Cập nhật"); uses the page's prefetch."""
        return max((correction.created_at for correction in self.corrections.all()), default=None)

    @property
    def byline(self):
        """Authors in the editor's order; uses the page's prefetch when there is one."""
        return [link.author for link in self.article_authors.all()]

    def render_body(self):
        """The stored body with each photo placeholder expanded into a <figure>; unplaced photos follow."""
        photos = {use.position: use for use in self.body_photos.all()}
        placed = set()

        def expand(match):
            use = photos.get(int(match.group(1)))
            if use is None:
                return ""
            placed.add(use.position)
            return use.render()

        html = PHOTO_PLACEHOLDER.sub(expand, self.body)
        rest = [use.render() for position, use in sorted(photos.items()) if position not in placed]
        return mark_safe(html + "".join(rest))  # noqa: S308 - body is sanitized on save, figures escaped

    def related_stories(self, limit=RELATED_STORIES_SHOWN):
        """Editor-picked public stories first, then the latest of the same section up to ``limit``."""
        picked = [link.to_article for link in self.related_links.all() if link.to_article.is_public][:limit]
        missing = limit - len(picked)
        if missing > 0:
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
PHOTO_PLACEHOLDER = re.compile(r"<p>\s*\[\s*(?:ảnh|anh|Ảnh|Anh|ẢNH|ANH)\s+(\d{1,4})\s*\]\s*</p>")
_FIGURE_PLACEHOLDER = re.compile(r'<figure data-photo="(\d+)">\s*</figure>')


def normalize_photo_placeholders(html):
    """Store every photo placeholder as <p>[ảnh N]</p>: imports write figures, editors type the text."""
    return _FIGURE_PLACEHOLDER.sub(lambda match: f"<p>[ảnh {match.group(1)}]</p>", html)


class ArticleAuthor(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, verbose_name=_("tác giả"), on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tác giả của bài")
        verbose_name_plural = _("tác giả của bài")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="unique_article_author")]

    def __str__(self):
        return str(self.author)


class ArticlePhoto(models.Model):
    """One use of a photo inside an article's body, with its own caption and credit for that use."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="body_photos")
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

    @property
    def shown_caption(self):
        return self.caption or self.photo.caption

    @property
    def shown_credit(self):
        return self.credit or self.photo.credit

    @property
    def shown_alt(self):
        return self.alt_text or self.photo.alt_text or self.shown_caption

    def render(self):
        photo = self.photo
        caption = self.shown_caption
        credit = self.shown_credit
        figcaption = ""
        if caption or credit:
            credit_html = (
                format_html(' <span class="credit">{}</span>', _("Ảnh: %s") % credit) if credit else ""
            )
            figcaption = format_html("<figcaption>{}{}</figcaption>", caption, credit_html)
        from .renditions import ARTICLE_COLUMN_SIZES, picture_html

        picture = picture_html(photo, sizes=ARTICLE_COLUMN_SIZES, loading="lazy", alt=self.shown_alt)
        return format_html('<figure class="photo">{}{}</figure>', picture, figcaption)


class RelatedArticle(models.Model):
    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
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


def unique_slug(model, name, *, max_length):
    """A slug for ``name`` not yet used by ``model``: "kinh-te", then "kinh-te-2", ..."""
    base = slugify_vi(name, max_length=max_length) or "muc"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# Models kept in their own modules, imported here so Django registers them with the app.
from .history import ArticleEvent, Correction, Revision  # noqa: E402, F401
from .renditions import Rendition  # noqa: E402,F401  (registers the model)
