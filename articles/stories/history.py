"""What happened to an article: workflow events, revisions of its content, and published corrections."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.common.fields import NFCTextField

from . import workflow


class ArticleEvent(models.Model):
    """One workflow step (submit, return, publish, schedule, take down, restore...): who, when, why."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="events"
    )
    # None: the system (the archive importer, the demo loader), never an anonymous person.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
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
        return workflow.action_label(self.action)

    @property
    def from_label(self):
        return workflow.status_label(self.from_status)

    @property
    def to_label(self):
        return workflow.status_label(self.to_status)


class Revision(models.Model):
    """The article's content as one save left it. Restoring copies it back and makes a new revision."""

    class Source(models.TextChoices):
        NEWSROOM = "newsroom", _("Tòa soạn")
        IMPORT = "import", _("Tệp nhập")
        # What a re-import said about a story the newsroom had changed: kept, not applied.
        UNAPPLIED = "unapplied", _("Tệp nhập (chưa áp dụng)")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="revisions"
    )
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
    data = models.JSONField(_("nội dung đã lưu"), default=dict)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)
    # Who wrote it: the newsroom (an editor's save or restore) or the archive importer. A re-import keeps a
    # story that the newsroom changed after its last import.
    source = models.CharField(_("nguồn"), max_length=10, choices=Source, default=Source.NEWSROOM)

    class Meta:
        verbose_name = _("phiên bản")
        verbose_name_plural = _("phiên bản")
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")]

    def __str__(self):
        return f"#{self.number}"


class Correction(models.Model):
    """A correction the managing editor adds to a published article, shown in its "Đính chính" block."""

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="corrections"
    )
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
