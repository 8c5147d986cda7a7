"""What happened to an article: workflow events, revisions of its content, and published corrections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .fields import NFCTextField


class ArticleEvent(models.Model):
    """One workflow step (submit, return, publish, schedule, take down, restore...): who, when, why."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    action = models.CharField(_("thao tác"), max_length=30)
    from_status = models.CharField(_("từ trạng thái"), max_length=20)
    to_status = models.CharField(_("sang trạng thái"), max_length=20)
    note = NFCTextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("bước biên tập")
        verbose_name_plural = _("lịch sử biên tập")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.article_id}: {self.from_status} → {self.to_status}"

    @property
    def action_label(self):
        from .services import TRANSITIONS

        if self.action in TRANSITIONS:
            return TRANSITIONS[self.action].label
        return {"correct": _("Đính chính")}.get(self.action, self.action)

    @property
    def from_label(self):
        return _status_label(self.from_status)

    @property
    def to_label(self):
        return _status_label(self.to_status)


def _status_label(value):
    from .models import Article

    return Article.Status(value).label if value in Article.Status.values else value


class Revision(models.Model):
    """The article's content as one save left it. Restoring copies it back and makes a new revision."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("số"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lưu"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.TextField(_("tiêu đề"))
    lead = models.TextField(_("sapo"))
    body = models.TextField(_("nội dung"))
    # Everything else the editor set: section, tags, authors, photos, related stories, cover, times.
    data = models.JSONField(default=dict)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")]

    def __str__(self):
        return f"#{self.number}"


class Correction(models.Model):
    """A correction the managing editor adds to a published article, shown in its "Đính chính" block."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="corrections")
    text = NFCTextField(_("nội dung đính chính"))
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người đính chính"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("đính chính")
        verbose_name_plural = _("đính chính")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]
