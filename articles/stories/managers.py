"""Query vocabulary for articles: what readers may see and how a page loads it in a fixed number of queries."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone

from newsroom.common.text import fold, search_terms

from .workflow import LIVE_STATUSES


def _related(model, name):
    """The model at the other end of ``name``: querysets here need no import of the models module."""
    return model._meta.get_field(name).related_model


class ArticleQuerySet(models.QuerySet):
    def published(self, *, at=None):
        """Articles a reader may see now: live, with a publish time that has come."""
        return self.filter(status__in=LIVE_STATUSES, published_at__lte=at or timezone.now())

    def matching(self, query):
        """Articles whose title, lead or body holds every word of ``query``, ignoring case and diacritics."""
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

    def with_byline(self):
        """Authors in the editor's order, prefetched: ``article.byline`` then needs no query."""
        ArticleAuthor = _related(self.model, "article_authors")
        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "pk"),
            )
        )

    def for_page(self):
        """Everything the article page renders, in a number of queries that does not grow with the data."""
        ArticlePhoto = _related(self.model, "body_photos")
        RelatedArticle = _related(self.model, "related_links")
        return (
            self.select_related("section", "cover_photo")
            .with_byline()
            .prefetch_related(
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
        )


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True).order_by("position", "name")
