"""The article page as it was last rendered, kept with the story: an archive story's first read renders nothing.

A reader's first view of a story from years ago misses every cache; rendering it (the story with its photos,
byline and tags, the head's metadata, the comments, the form) cost 14–19 ms, most of it Django's templates.
``StoredPage`` keeps the finished page, split where the request fills something in (the date line, the
comment form's token, the related stories that follow the section's newest), so such a read is one query.
How it stays exact is in ``stored_pages.py``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StoredPage(models.Model):
    """The article page last rendered for ``article``, valid while ``generation`` and ``epoch`` still hold.

    ``generation`` is raised by every change to what the page shows of this story (an edit, a workflow step,
    a correction, a comment approved or removed, a change to a story it links to); a reader stores a page
    only if the generation it read before rendering is still the row's. ``segments`` is the page split at its
    holes: HTML at even positions, the name of the hole at odd ones.
    """

    article = models.OneToOneField(
        "articles.Article",
        verbose_name=_("bài viết"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="stored_page",
    )
    generation = models.PositiveBigIntegerField(_("thế hệ"), default=0)
    # The code, templates, static files and settings it was rendered with, and the site address.
    made_for = models.CharField(_("dựng cho"), max_length=300, blank=True)
    epoch = models.PositiveBigIntegerField(_("kỳ dựng"), default=0)
    segments = models.JSONField(_("các đoạn trang"), null=True, blank=True)
    # The picked related stories shown: [[id, HTML of the item], ...]; the section's newest fill the rest.
    related = models.JSONField(_("tin liên quan đã chọn"), null=True, blank=True)
    # ",12,40," : every photo the page shows, so that editing one forgets the pages that show it.
    photo_ids = models.TextField(_("ảnh trên trang"), blank=True, default="")
    # A scheduled related story going up, or the comments closing by age, changes the page at this moment.
    valid_until = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("dựng lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("trang bài đã dựng")
        verbose_name_plural = _("trang bài đã dựng")

    def __str__(self):
        return f"{self.article_id} #{self.generation}"


class StoredPageEpoch(models.Model):
    """One row: raised when something every page may show changes (a section, author or tag), which makes
    every stored page stale at once. Rare changes; a story's own changes raise its generation instead."""

    value = models.PositiveBigIntegerField(_("kỳ"), default=1)

    class Meta:
        verbose_name = _("kỳ dựng trang")
        verbose_name_plural = _("kỳ dựng trang")

    def __str__(self):
        return str(self.value)


class DailyViews(models.Model):
    """How many readers viewed ``article`` on ``day`` (Asia/Ho_Chi_Minh): the "Đọc nhiều" lists read these.

    Written only by ``readership.flush_views``, which adds a minute's counts from the shared cache in one
    upsert; at most one view per reader address, story and hour is counted, never a robot's or a prefetch.
    """

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("bài viết"), on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField(_("ngày"))
    views = models.PositiveIntegerField(_("lượt đọc"), default=0)

    class Meta:
        verbose_name = _("lượt đọc trong ngày")
        verbose_name_plural = _("lượt đọc trong ngày")
        constraints = [
            # The upsert's conflict target, and the lists' index: a day (or a week of days), then the story.
            models.UniqueConstraint(fields=["day", "article"], name="daily_views_day_article_uniq"),
        ]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.views}"
