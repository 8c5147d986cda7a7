"""Query vocabulary for articles: what readers may see and how a page loads it in a fixed number of queries."""

from django.db import connections, models
from django.db.models import F, Prefetch, Window
from django.db.models.functions import RowNumber
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

    def comment_target(self, pk):
        """The published article ``pk`` a reader comments on, or None: one short query, for a hot path.

        Every comment POST reads this. The ORM's ``published().select_related("section").get()`` cost
        1.4 ms of CPU for the query alone (measured); this reads only what the comment view and service
        use (the page's address, whether comments are open). Any other field is loaded on first use, as
        for a deferred field. The comment service sends ``comment_target_query`` in one round trip with
        its own checks and builds the article with ``comment_target_from_row``.
        """
        sql, params = self.comment_target_query(pk)
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, params)
            return self.comment_target_from_row(cursor.fetchone())

    def comment_target_query(self, pk):
        meta = self.model._meta
        section = _related(self.model, "section")
        live = sorted(LIVE_STATUSES)
        sql = (
            f"SELECT a.id, a.slug, a.status, a.published_at, a.comments_open, a.section_id, s.slug "
            f"FROM {meta.db_table} a JOIN {section._meta.db_table} s ON s.id = a.section_id "
            f"WHERE a.id = %s AND a.status IN ({', '.join(['%s'] * len(live))}) AND a.published_at <= %s"
        )
        connection = connections[self.db]
        return sql, [pk, *live, connection.ops.adapt_datetimefield_value(timezone.now())]

    def comment_target_from_row(self, row):
        if row is None:
            return None
        meta = self.model._meta
        section = _related(self.model, "section")
        connection = connections[self.db]
        *values, section_slug = row
        names = ["id", "slug", "status", "published_at", "comments_open", "section_id"]
        fields = []
        for name, value in zip(names, values, strict=True):
            column = meta.get_field(name).get_col(meta.db_table)
            for converter in connection.ops.get_db_converters(column):
                value = converter(value, column, connection)
            fields.append(value)
        # from_db takes the values in the model's field order.
        loaded = dict(zip(names, fields, strict=True))
        ordered = [field.attname for field in meta.concrete_fields if field.attname in loaded]
        article = self.model.from_db(self.db, ordered, [loaded[name] for name in ordered])
        article.section = section.from_db(self.db, ["id", "slug"], [loaded["section_id"], section_slug])
        return article

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

    def newest_per_section(self, size):
        """The ``size`` newest published stories of each active section, in the sections' menu order.

        PostgreSQL: a LATERAL join reads, per section, only its newest rows through the partial index
        ``article_live_section_idx`` (sections are few: one short index walk each), then one query loads
        those stories by id. Other databases (SQLite in development) rank every published story with a
        window function, which is fine at development sizes.
        """
        Section = _related(self.model, "section")
        connection = connections[self.db]
        live = sorted(LIVE_STATUSES)
        if connection.vendor == "postgresql":
            sql = (
                f"SELECT latest.id FROM {Section._meta.db_table} s CROSS JOIN LATERAL ("
                f"SELECT a.id FROM {self.model._meta.db_table} a WHERE a.section_id = s.id "
                f"AND a.status IN ({', '.join(['%s'] * len(live))}) AND a.published_at <= %s "
                f"ORDER BY a.published_at DESC, a.id DESC LIMIT %s) latest WHERE s.is_active"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [*live, timezone.now(), size])
                ids = [row[0] for row in cursor.fetchall()]
            stories = self.model.objects.filter(pk__in=ids)
        else:
            stories = (
                self.published()
                .filter(section__is_active=True)
                .annotate(
                    section_rank=Window(
                        RowNumber(),
                        partition_by=[F("section_id")],
                        order_by=[F("published_at").desc(), F("pk").desc()],
                    )
                )
                .filter(section_rank__lte=size)
            )
        stories = stories.select_related("section").order_by(
            "section__position", "section__name", "section_id", "-published_at", "-pk"
        )
        blocks = {}
        for story in stories:
            blocks.setdefault(story.section, []).append(story)
        return list(blocks.items())

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
