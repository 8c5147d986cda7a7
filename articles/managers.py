"""Query vocabulary for articles: what readers may see and how a page loads it in a fixed number of queries."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Articles a reader may see now: published, with a publish time that has come."""
        return self.filter(status__in=self.model.LIVE_STATUSES, published_at__lte=at or timezone.now())

    def matching(self, query):
        """Articles whose title, lead or body holds every word of ``query``, ignoring case and diacritics."""
        from .text import fold, search_terms

        result = self
        for term in search_terms(query):
            result = result.filter(search_text__contains=fold(term))
        return result

    def for_listing(self):
        """What a list of stories shows (section, cover photo), loaded without a query per row."""
        return (
            self.select_related("section", "cover_photo")
            .prefetch_related("cover_photo__renditions")
            .order_by("-published_at", "-pk")
        )

    def for_page(self):
        """Everything the article page renders, in a number of queries that does not grow with the data."""
        from .models import ArticleAuthor, ArticlePhoto, RelatedArticle

        return self.select_related("section", "cover_photo").prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "pk"),
            ),
            "tags",
            "corrections",
            "cover_photo__renditions",
            Prefetch(
                "body_photos",
                queryset=ArticlePhoto.objects.select_related("photo")
                .prefetch_related("photo__renditions")
                .order_by("position"),
            ),
            Prefetch(
                "related_links",
                queryset=RelatedArticle.objects.select_related("to_article__section").order_by(
                    "position", "pk"
                ),
            ),
        )


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True).order_by("position", "name")
