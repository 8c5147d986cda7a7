"""The photo library: a photo with its caption, credit and alt text, and the resized copies pages show."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.common.fields import NFCCharField

from .validators import validate_photo


class Photo(models.Model):
    """An image in the library, with the caption, credit and alt text used unless a use overrides them."""

    image = models.ImageField(
        _("ảnh"),
        upload_to="photos/%Y/%m/",
        width_field="width",
        height_field="height",
        validators=[validate_photo],
    )
    width = models.PositiveIntegerField(_("chiều rộng (px)"), editable=False, default=0)
    height = models.PositiveIntegerField(_("chiều cao (px)"), editable=False, default=0)
    caption = NFCCharField(_("chú thích"), max_length=500, blank=True)
    credit = NFCCharField(_("nguồn ảnh"), max_length=200, blank=True)
    alt_text = NFCCharField(
        _("mô tả ảnh (alt)"),
        max_length=300,
        blank=True,
        help_text=_("Mô tả ngắn nội dung ảnh cho người dùng trình đọc màn hình."),
    )
    # SHA-256 of the file: lets the archive importer reuse a photo instead of storing it twice.
    checksum = models.CharField(
        _("mã kiểm tra tệp"), max_length=64, blank=True, db_index=True, editable=False
    )
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    # Who may change it without an editor: the uploader, while no published story shows it.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.caption or self.image.name


class Rendition(models.Model):
    """One resized copy of a photo in one format, stored once; pages choose among them with srcset."""

    class Format(models.TextChoices):
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    photo = models.ForeignKey(
        Photo, verbose_name=_("ảnh"), on_delete=models.CASCADE, related_name="renditions"
    )
    width = models.PositiveIntegerField(_("chiều rộng"))
    height = models.PositiveIntegerField(_("chiều cao"))
    format = models.CharField(_("định dạng"), max_length=4, choices=Format)
    file = models.ImageField(_("tệp"), upload_to="renditions/", max_length=255)
    # The photo's file this copy was made from: when an editor replaces the image, older copies are stale.
    source = models.CharField(_("tệp gốc"), max_length=255, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)

    class Meta:
        verbose_name = _("bản ảnh")
        verbose_name_plural = _("bản ảnh")
        constraints = [
            models.UniqueConstraint(
                fields=["photo", "width", "format"], name="unique_rendition_photo_width_format"
            )
        ]

    def __str__(self):
        return f"{self.photo_id} {self.width}w {self.format}"
