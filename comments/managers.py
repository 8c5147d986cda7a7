"""Query vocabulary for comments: what readers see, and what the moderators' queues load."""

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from newsroom.common.precompiled import PrecompiledQuery

# The article page's comment queries, compiled once per process (newsroom/common/precompiled.py): with the
# ORM building them, they cost more CPU than the rest of the comments block. The first pages only; a page
# further back is rare and compiled each time.
_PRECOMPILED_PAGES = 3
_ANY_ARTICLE = (-640_221_397, "article_id")
_COUNTS = PrecompiledQuery(
    lambda queryset, article_id: (
        queryset.approved()
        .filter(article_id=article_id)
        .values("article_id")
        .annotate(total=Count("pk"), threads=Count("pk", filter=Q(parent__isnull=True)))
        .order_by()
    ),
    article_id=_ANY_ARTICLE,
)
_THREAD_ROWS = {}


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        return self.filter(status=self.model.Status.PENDING)

    def for_article_page(self, article):
        """Approved top-level comments, newest first, each with its approved replies (oldest first)."""
        replies = self.model.objects.approved().select_related(None).order_by("submitted_at", "pk")
        return (
            self.approved()
            .filter(article=article, parent__isnull=True)
            .order_by("-submitted_at", "-pk")
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="approved_replies"))
        )

    def counts(self, article):
        """(approved comments, approved top-level comments) of ``article``, in one query."""
        rows = _COUNTS.run(self.model.objects.all(), article_id=article.pk)
        return (rows[0]["total"], rows[0]["threads"]) if rows else (0, 0)

    def _thread_rows(self, article_id, start, stop):
        # for_article_page() takes the article or its id: the id is what the precompiled text varies.
        top = self.model.objects.for_article_page(article_id).prefetch_related(None).values("pk")[start:stop]
        return (
            self.approved()
            .filter(article_id=article_id)
            .filter(Q(pk__in=top) | Q(parent_id__in=top))
            .order_by("submitted_at", "pk")
        )

    def threads(self, article, start, stop):
        """Top-level comments ``start:stop`` of ``for_article_page`` with their approved replies, in one query.

        Each comment of the slice comes with ``approved_replies`` (oldest first), as the page's prefetch
        would give it, but the slice and the replies are read together.
        """
        page = (start, stop)
        if stop <= start or stop > _PRECOMPILED_PAGES * (stop - start):
            rows = self._thread_rows(article.pk, start, stop)
        else:
            if page not in _THREAD_ROWS:  # a race only compiles it twice
                _THREAD_ROWS[page] = PrecompiledQuery(
                    lambda queryset, article_id: queryset._thread_rows(article_id, *page),
                    article_id=_ANY_ARTICLE,
                )
            rows = _THREAD_ROWS[page].run(self.model.objects.all(), article_id=article.pk)
        threads, replies = [], {}
        for comment in rows:
            if comment.parent_id is None:
                comment.approved_replies = replies.setdefault(comment.pk, [])
                threads.append(comment)
            else:
                replies.setdefault(comment.parent_id, []).append(comment)
        threads.reverse()  # newest first, as for_article_page orders them
        return threads

    def reported(self):
        """Comments with at least one report that no moderator has answered yet."""
        # The report model through the relation: this module is imported by models.py, never the reverse.
        CommentReport = self.model._meta.get_field("reports").related_model
        open_reports = CommentReport.objects.filter(comment=OuterRef("pk"), resolved_at__isnull=True)
        return self.filter(Exists(open_reports))

    def for_queue(self):
        """What a moderator sees per comment: its article, its parent, its reasons; oldest first."""
        return (
            self.select_related("article__section", "parent")
            .prefetch_related("flags")
            .order_by("submitted_at", "pk")
        )
