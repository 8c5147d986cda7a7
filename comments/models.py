"""Reader comments, the reasons the automatic checks attach to them, reports, word lists and the decision log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from articles.models import Article
from newsroom.common.fields import NFCCharField, NFCTextField

from .managers import CommentQuerySet


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("comment status", "Chờ duyệt")
        APPROVED = "approved", pgettext_lazy("comment status", "Đã duyệt")
        REJECTED = "rejected", pgettext_lazy("comment status", "Từ chối")
        SPAM = "spam", pgettext_lazy("comment status", "Spam")

    # Indexed by comment_article_status_idx, whose first column it is.
    article = models.ForeignKey(
        Article, verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trả lời bình luận"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = NFCCharField(_("họ tên"), max_length=50)
    email = models.EmailField(_("email"), max_length=254)
    body = NFCTextField(_("nội dung"))
    # Indexed by comment_queue_idx (status first): a single-column index would only cost every insert.
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status, default=Status.PENDING)
    # Set when a staff member answers in the newspaper's name: shown with the "Tòa soạn" badge.
    staff_author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("nhân viên tòa soạn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=500, blank=True)
    submitted_at = models.DateTimeField(_("thời điểm gửi"), default=timezone.now, db_index=True)
    # SHA-256 of article, email and text: finds a repeated submission within the duplicate window.
    # Indexed by comment_fingerprint_idx (with no LIKE index: it is only ever compared whole).
    fingerprint = models.CharField(_("dấu vân tay nội dung"), max_length=64, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        ordering = ["-submitted_at", "-pk"]
        permissions = [("moderate_comment", _("Kiểm duyệt bình luận"))]
        indexes = [
            models.Index(fields=["article", "status", "submitted_at"], name="comment_article_status_idx"),
            models.Index(fields=["status", "submitted_at"], name="comment_queue_idx"),
            models.Index(fields=["ip_address", "submitted_at"], name="comment_ip_idx"),
            models.Index(fields=["fingerprint", "submitted_at"], name="comment_fingerprint_idx"),
            # The flood check compares emails case-insensitively (services.earlier_submissions_query).
            models.Index(Upper("email"), "submitted_at", name="comment_sender_email_idx"),
        ]

    def __str__(self):
        return f"{self.name}: {self.body[:60]}"

    def clean(self):
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(_("Chỉ có thể trả lời bình luận gốc."), code="nested_reply")

    @property
    def is_newspaper_reply(self):
        return self.staff_author_id is not None


class CommentFlag(models.Model):
    """A reason an automatic check attached to a comment, shown to moderators."""

    class Code(models.TextChoices):
        BANNED_WORD = "banned_word", _("Từ bị cấm")
        SUSPECT_WORD = "suspect_word", _("Từ đáng ngờ")
        LINK = "link", _("Có liên kết")
        PHONE = "phone", _("Có số điện thoại")
        EMAIL = "email", _("Có địa chỉ email")
        HONEYPOT = "honeypot", _("Điền trường bẫy (robot)")
        TOO_FAST = "too_fast", _("Gửi quá nhanh (robot)")

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="flags"
    )
    code = models.CharField(_("lý do"), max_length=20, choices=Code, db_index=True)
    detail = NFCCharField(_("chi tiết"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("lý do cảnh báo")
        verbose_name_plural = _("lý do cảnh báo")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_code_display()}: {self.detail}" if self.detail else self.get_code_display()


class WordListEntry(models.Model):
    class Kind(models.TextChoices):
        BANNED = "banned", _("Cấm (tự động từ chối)")
        SUSPECT = "suspect", _("Đáng ngờ (đánh dấu cho kiểm duyệt viên)")

    word = NFCCharField(_("từ hoặc cụm từ"), max_length=100, unique=True)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind, default=Kind.SUSPECT)
    created_at = models.DateTimeField(_("thời điểm thêm"), auto_now_add=True)

    class Meta:
        verbose_name = _("từ trong danh sách lọc")
        verbose_name_plural = _("danh sách từ lọc")
        ordering = ["kind", "word"]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = " ".join(self.word.split()).casefold()
        super().save(*args, **kwargs)


class CommentReport(models.Model):
    """A reader's "Báo vi phạm" on an approved comment, waiting in the moderators' report queue."""

    class Reason(models.TextChoices):
        OFFENSIVE = "offensive", _("Xúc phạm, thô tục")
        SPAM = "spam", _("Quảng cáo, spam")
        FALSE = "false", _("Thông tin sai sự thật")
        OTHER = "other", _("Lý do khác")

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("lý do"), max_length=20, choices=Reason)
    detail = NFCCharField(_("mô tả thêm"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    reported_at = models.DateTimeField(_("thời điểm báo"), default=timezone.now)
    resolved_at = models.DateTimeField(_("thời điểm xử lý"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("báo vi phạm")
        verbose_name_plural = _("báo vi phạm")
        ordering = ["reported_at", "pk"]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.comment}"


class ModerationDecision(models.Model):
    """One moderator's decision on one comment. Append-only: rows are never changed or deleted."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("bình luận"), on_delete=models.PROTECT, related_name="decisions"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("kiểm duyệt viên"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    from_status = models.CharField(_("từ trạng thái"), max_length=20, choices=Comment.Status)
    to_status = models.CharField(_("sang trạng thái"), max_length=20, choices=Comment.Status)
    note = NFCCharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("quyết định kiểm duyệt")
        verbose_name_plural = _("nhật ký kiểm duyệt")
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.moderator}: {self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Nhật ký kiểm duyệt không thể sửa."), code="append_only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Nhật ký kiểm duyệt không thể xóa."), code="append_only")
