"""Query vocabulary for comments: what readers see, and what the moderators' queues load."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch


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

    def threads(self, article, start, stop):
        """Top-level comments ``start:stop`` of ``for_article_page`` with their approved replies, in one query.

        Each comment of the slice comes with ``approved_replies`` (oldest first), as the page's prefetch
        would give it, but the slice and the replies are read together.
        """
        top = self.for_article_page(article).prefetch_related(None).values("pk")[start:stop]
        rows = (
            self.approved()
            .filter(article=article)
            .filter(models.Q(pk__in=top) | models.Q(parent_id__in=top))
            .order_by("submitted_at", "pk")
        )
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
