"""Query vocabulary for articles: what readers may see and how a page loads it in a fixed number of queries."""

import json
from datetime import UTC, datetime

from django.db import connections, models
from django.db.models import (
    F,
    Func,
    JSONField,
    OuterRef,
    Prefetch,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import JSONObject, RowNumber
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from newsroom.common.precompiled import PrecompiledQuery
from newsroom.common.sanitizer import PHOTO_FIGURE
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
        """What a list of stories shows (section, cover photo), loaded without a query per row.

        Not the body and its three search copies (``LISTING_DEFERRED``): about 9 KB a story at the
        benchmark archive's sizes, 600 KB read from the database for a home page that shows none of it.
        """
        return (
            self.select_related("section", "cover_photo")
            .prefetch_related("cover_photo__renditions")
            .defer(*LISTING_DEFERRED)
            .order_by("-published_at", "-pk")
        )

    def newest_per_section(self, size):
        """The ``size`` newest published stories of each active section, in the sections' menu order.

        PostgreSQL: a LATERAL join reads, per section, only its newest rows through the partial index
        ``article_live_section_idx`` (sections are few: one short index walk each), then one query loads
        those stories by id. Other databases (SQLite in development) rank every published story with a
        window function, which is fine at development sizes.
        """
        connection = connections[self.db]
        if connection.vendor == "postgresql":
            sql, params = self.newest_per_section_query(size)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
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
        stories = (
            stories.select_related("section")
            .defer(*LISTING_DEFERRED)
            .order_by("section__position", "section__name", "section_id", "-published_at", "-pk")
        )
        blocks = {}
        for story in stories:
            blocks.setdefault(story.section, []).append(story)
        return list(blocks.items())

    def newest_per_section_query(self, size):
        """The PostgreSQL LATERAL query of ``newest_per_section``: (sql, params) giving story ids."""
        Section = _related(self.model, "section")
        live = sorted(LIVE_STATUSES)
        sql = (
            f"SELECT latest.id FROM {Section._meta.db_table} s CROSS JOIN LATERAL ("
            f"SELECT a.id FROM {self.model._meta.db_table} a WHERE a.section_id = s.id "
            f"AND a.status IN ({', '.join(['%s'] * len(live))}) AND a.published_at <= %s "
            f"ORDER BY a.published_at DESC, a.id DESC LIMIT %s) latest WHERE s.is_active"
        )
        return sql, [*live, timezone.now(), size]

    def with_byline(self):
        """Authors in the editor's order, prefetched: ``article.byline`` then needs no query."""
        ArticleAuthor = _related(self.model, "article_authors")
        return self.prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by("position", "pk"),
            )
        )

    def page_story(self, pk, *, at=None):
        """The story ``pk`` with everything ``for_page()`` loads, or None: for the uncached article page.

        The same query, built and compiled by Django once per process (see newsroom/common/precompiled.py),
        with the story's id and the time (``at``, default now) as its only values. Any status: the caller
        decides what a reader may see. Call it on the manager (``Article.objects.page_story(pk)``).
        """
        stories = _PAGE_STORY.run(self, pk=pk, at=at or timezone.now())
        return stories[0] if stories else None

    def for_page(self, *, at=None):
        """Everything the article page renders, in one query for the story and one for its photos' renditions.

        The story's byline, tags, corrections, body photos (with the photos), editor-picked related
        stories and the newest stories of its section come as JSON arrays from correlated subqueries of
        the same query, and are put where the page reads them (``article.tags.all()``, ``byline``,
        ``related_stories()``...) as Django's prefetch would. Then one query loads the renditions of every
        photo shown, with the library photos the body places (one more query only when it places any).
        """
        ArticleAuthor = _related(self.model, "article_authors")
        ArticlePhoto = _related(self.model, "body_photos")
        RelatedArticle = _related(self.model, "related_links")
        Correction = _related(self.model, "corrections")
        LiveEntry = _related(self.model, "live_entries")
        Tag = _related(self.model, "tags")
        Photo = _related(ArticlePhoto, "photo")
        photo_fields = {f"photo_{f.attname}": f"photo__{f.attname}" for f in Photo._meta.concrete_fields}
        latest = (
            self.model.objects.published(at=at)
            .filter(section_id=OuterRef(OuterRef("section_id")))
            .exclude(pk=OuterRef(OuterRef("pk")))
            .order_by("-published_at", "-pk")
            .values("pk")[: 2 * RELATED_SHOWN]
        )
        queryset = self.select_related("section", "cover_photo").annotate(
            page_byline=_json_rows(
                ArticleAuthor.objects.filter(article=OuterRef("pk")),
                id="id",
                position="position",
                author_id="author_id",
                author_name="author__name",
                author_slug="author__slug",
            ),
            page_tags=_json_rows(
                Tag.objects.filter(articles=OuterRef("pk")), id="id", name="name", slug="slug"
            ),
            page_corrections=_json_rows(
                Correction.objects.filter(article=OuterRef("pk")),
                id="id",
                text="text",
                created_at="created_at",
                created_by_id="created_by_id",
            ),
            page_live=_json_rows(
                LiveEntry.objects.filter(article=OuterRef("pk")),
                id="id",
                html="html",
                created_at="created_at",
                updated_at="updated_at",
                **photo_fields,  # photo_id among them: the photo's id, null without one
            ),
            page_photos=_json_rows(
                ArticlePhoto.objects.filter(article=OuterRef("pk")),
                id="id",
                position="position",
                caption="caption",
                credit="credit",
                alt_text="alt_text",
                **photo_fields,
            ),
            page_related=_json_rows(
                RelatedArticle.objects.filter(from_article=OuterRef("pk")),
                id="id",
                position="position",
                to_article_id="to_article_id",
                **{f"to_{name}": f"to_article__{name}" for name in _STORY_FIELDS},
                to_section_slug="to_article__section__slug",
                to_section_name="to_article__section__name",
            ),
            page_section_latest=_json_rows(
                self.model.objects.filter(pk__in=latest), **{name: name for name in _STORY_FIELDS}
            ),
        )
        queryset._iterable_class = _PageIterable
        return queryset


_PAGE_STORY = PrecompiledQuery(
    lambda queryset, pk, at: queryset.for_page(at=at).filter(pk=pk),
    # Values no story or clock has: where they land in the parameters is where each call's values go.
    pk=(-730_104_991, "pk"),
    at=(datetime(1904, 2, 29, 4, 44, 44, 444_444, tzinfo=UTC), "published_at"),
)


# The long text columns a list of stories never shows (read on first use, one query per story, so a listing
# template must not show them: tests/articles/site/test_listing_scale.py counts the queries).
LISTING_DEFERRED = ("body", "search_title", "search_text", "search_exact")
# What a related story's link needs; anything else would be loaded on first use, as for a deferred field.
_STORY_FIELDS = ("id", "title", "slug", "lead", "status", "published_at", "section_id")
RELATED_SHOWN = 5  # related stories on a page; the fallback reads twice that, as picked ones are skipped


class _JSONRows(Func):
    """Every row of a correlated subquery as one JSON array: an aggregate without GROUP BY, one per story."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def _json_rows(queryset, **fields):
    return Subquery(queryset.order_by().values(rows=_JSONRows(JSONObject(**fields))))


def _value(field, value):
    """A value read from JSON as the model field holds it (JSON keeps dates as text)."""
    if value is None:
        return None
    if isinstance(field, models.DateTimeField):
        moment = parse_datetime(value)
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)
    if isinstance(field, models.BooleanField):
        return bool(value)
    return value


def _instance(model, row, prefix=""):
    """A model instance from the JSON keys ``prefix + attname`` present in ``row``, as if read from the table."""
    names, values = [], []
    for field in model._meta.concrete_fields:
        if prefix + field.attname in row:
            names.append(field.attname)
            values.append(_value(field, row[prefix + field.attname]))
    return model.from_db(None, names, values)


def _rows(value):
    if isinstance(value, str):
        value = json.loads(value)
    return value or []


def _prime(instance, name, objects):
    """Put ``objects`` where ``instance.<name>.all()`` finds them, as prefetch_related does."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


class _PageIterable(ModelIterable):
    """Stories of ``for_page()``: their JSON columns turned into the related objects the page reads."""

    def __iter__(self):
        articles = list(super().__iter__())
        if articles:
            _attach_page_data(articles)
        yield from articles


def _attach_page_data(articles):
    model = type(articles[0])
    ArticleAuthor = _related(model, "article_authors")
    Author = _related(ArticleAuthor, "author")
    ArticlePhoto = _related(model, "body_photos")
    Photo = _related(ArticlePhoto, "photo")
    RelatedArticle = _related(model, "related_links")
    Correction = _related(model, "corrections")
    LiveEntry = _related(model, "live_entries")
    Tag = _related(model, "tags")
    Section = _related(model, "section")
    shown_photos = []
    for article in articles:
        links = []
        for row in sorted(_rows(article.page_byline), key=lambda row: (row["position"], row["id"])):
            link = _instance(ArticleAuthor, {**row, "article_id": article.pk})
            link.author = _instance(
                Author, {"id": row["author_id"], "name": row["author_name"], "slug": row["author_slug"]}
            )
            links.append(link)
        _prime(article, "article_authors", links)
        tags = [_instance(Tag, row) for row in _rows(article.page_tags)]
        _prime(article, "tags", sorted(tags, key=lambda tag: tag.name))
        corrections = [
            _instance(Correction, {**row, "article_id": article.pk})
            for row in _rows(article.page_corrections)
        ]
        _prime(article, "corrections", sorted(corrections, key=lambda c: (c.created_at, c.pk)))
        entries = []
        for row in _rows(article.page_live):
            entry = _instance(LiveEntry, {**row, "article_id": article.pk})
            entry.photo = _instance(Photo, row, prefix="photo_") if row["photo_id"] else None
            entries.append(entry)
        entries.sort(key=lambda entry: (entry.created_at, entry.pk), reverse=True)
        _prime(article, "live_entries", entries)
        shown_photos += [entry.photo for entry in entries if entry.photo is not None]
        uses = []
        for row in sorted(_rows(article.page_photos), key=lambda row: row["position"]):
            use = _instance(ArticlePhoto, {**row, "article_id": article.pk, "photo_id": row["photo_id"]})
            use.photo = _instance(Photo, row, prefix="photo_")
            uses.append(use)
        _prime(article, "body_photos", uses)
        shown_photos += [use.photo for use in uses]
        related = []
        for row in sorted(_rows(article.page_related), key=lambda row: (row["position"], row["id"])):
            link = _instance(RelatedArticle, {**row, "from_article_id": article.pk})
            link.to_article = _instance(model, row, prefix="to_")
            link.to_article.section = _instance(
                Section,
                {"id": row["to_section_id"], "slug": row["to_section_slug"], "name": row["to_section_name"]},
            )
            related.append(link)
        _prime(article, "related_links", related)
        latest = [_instance(model, row) for row in _rows(article.page_section_latest)]
        for story in latest:
            story.section = article.section
        article.section_latest_stories = sorted(latest, key=lambda s: (s.published_at, s.pk), reverse=True)
        placed = {int(match.group("photo_id")) for match in PHOTO_FIGURE.finditer(article.body)}
        article.placed_library_photos = placed  # ids now, the photos below
        if article.cover_photo is not None:
            shown_photos.append(article.cover_photo)
    placed_ids = set().union(*(article.placed_library_photos for article in articles))
    library = {photo.pk: photo for photo in Photo.objects.filter(pk__in=placed_ids)} if placed_ids else {}
    prefetch_related_objects([*shown_photos, *library.values()], "renditions")
    for article in articles:
        article.placed_library_photos = {
            pk: library[pk] for pk in article.placed_library_photos if pk in library
        }


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True).order_by("position", "name")
