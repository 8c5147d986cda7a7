"""Article pages kept with their stories (``StoredPage``): rendered once, read in one query, never stale.

An anonymous reader's article page is rendered with three holes, then split there and stored: the date line
(it is the time of the request), the comment form's token (it dates the form), and the related stories
after the editor's picks (the section's newest, which every publication in the section changes). A later
reader's request reads the story's row and its stored page in one query (``lookup``), which brings the
section's newest along, and fills the holes. Comment pages, replies and notices (``?trang-binh-luan=``,
``?tra-loi=``, ``?binh-luan=``), staff and previews are rendered as before.

A stored page is used only while everything it shows is as it was:
- ``generation``: every change to the story (an edit, a workflow step, a correction, a restore), to a story
  it links to, or to its comments (approved, removed, answered) raises it in the writer's own transaction
  (``forget``). A reader stores a page only if the row still has the generation it read before rendering,
  and a story with no row gets one at the first change, so a page rendered from data older than a change
  can never be stored after it.
- ``epoch``: a change to a section, an author or a tag raises it (``forget_all``): the menu, bylines and tags
  are on many pages, and such changes are rare.
- ``photo_ids``: editing a photo forgets the pages that show it (``forget_photo``).
- ``made_for``: a fingerprint of the code, templates, translations, static files and settings, with the
  site's address; a deploy makes every page stale, and ``manage.py render_stories`` renders them again.
- ``valid_until``: the moment a scheduled related story goes up or the comments close by age.
The comments block is the comments app's: it gives the form token's hole and the closing moment through
``add_hole`` and ``add_expiry`` (comments/apps.py), so that this module never imports it.
Readers never write on a hit; a miss stores what it rendered (one more query). PostgreSQL and SQLite alike.
"""

import hashlib
import json
import re
import secrets
from datetime import UTC
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsroom.db import prepared

from ..stories.models import Article, RelatedArticle, Section
from ..stories.workflow import LIVE_STATUSES, is_live
from ..templatetags.newsroom import excerpt
from .models import StoredPage, StoredPageEpoch

RELATED_SHOWN = 5
# Query parameters that change the comments block: such a page is rendered on the spot.
COMMENT_PARAMETERS = frozenset({"trang-binh-luan", "tra-loi", "binh-luan"})
HOLES = ("dateline", "related")  # and those of add_hole()
_FINGERPRINTED = ("articles", "comments", "newsroom", "templates", "locale")
_FINGERPRINTED_SUFFIXES = {".py", ".html", ".txt", ".mo"}


@cache
def code_fingerprint():
    """A hash of everything a page is rendered with that only a deploy changes: code, templates,
    translations, the static files' hashed names, the settings pages read. Computed once per process."""
    digest = hashlib.blake2b(digest_size=12)
    root = Path(settings.BASE_DIR)
    for top in _FINGERPRINTED:
        for path in sorted((root / top).rglob("*")):
            if path.suffix in _FINGERPRINTED_SUFFIXES and "migrations" not in path.parts and path.is_file():
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    hashed = getattr(staticfiles_storage, "hashed_files", None)
    digest.update(json.dumps(sorted(hashed.items()) if hashed else [], ensure_ascii=False).encode())
    digest.update(
        repr(
            (
                settings.NEWSROOM,
                settings.LANGUAGE_CODE,
                settings.STATIC_URL,
                settings.MEDIA_URL,
                settings.COMMENTS_PAGE_SIZE,
                settings.COMMENTS_CLOSE_AFTER_DAYS,
                settings.LIVE_POLL_SECONDS,
            )
        ).encode()
    )
    return digest.hexdigest()


def made_for(origin):
    return f"{code_fingerprint()}|{origin}"


def origin_of(request):
    return f"{request.scheme}://{request.get_host()}"


def storable(request):
    """Whether ``request`` may read and store a stored page: an anonymous reader's, with the default
    comments block, on a site whose reader pages are cached."""
    return (
        getattr(request, "reader_page_versions", None) is not None
        and not request.user.is_authenticated
        and not COMMENT_PARAMETERS.intersection(request.GET)
    )


# --- Reading ---------------------------------------------------------------------------------------------


def _json(value):
    if isinstance(value, str):
        value = json.loads(value)
    return value


def _lookup_sql():
    """(sql, where each value goes): the story's row, its stored page if valid, the section's newest (a hit
    fills them in) or the menu (a miss renders it), in one statement for PostgreSQL and SQLite alike."""
    table, pages, epochs = Article._meta.db_table, StoredPage._meta.db_table, StoredPageEpoch._meta.db_table
    sections, live = Section._meta.db_table, ", ".join(["%s"] * len(LIVE_STATUSES))
    if connection.vendor == "postgresql":
        agg, array, obj = "JSONB_AGG", "JSONB_BUILD_ARRAY", "JSONB_BUILD_OBJECT"
        latest_order, menu_order = " ORDER BY l.published_at DESC, l.id DESC", " ORDER BY m.position, m.name"
    else:  # SQLite keeps the order of the subquery it aggregates
        agg, array, obj, latest_order, menu_order = "JSON_GROUP_ARRAY", "JSON_ARRAY", "JSON_OBJECT", "", ""
    latest = (
        f"(SELECT {agg}({array}(l.id, l.title, l.slug, l.lead){latest_order}) FROM ("
        f"SELECT b.id, b.title, b.slug, b.lead, b.published_at FROM {table} b WHERE b.section_id = x.section_id "
        f"AND b.status IN ({live}) AND b.published_at <= %s AND b.id <> x.id "
        f"ORDER BY b.published_at DESC, b.id DESC LIMIT {2 * RELATED_SHOWN}) l)"
    )
    menu = (
        f"(SELECT {agg}({obj}('id', m.id, 'name', m.name, 'slug', m.slug, 'position', m.position)"
        f"{menu_order}) FROM (SELECT * FROM {sections} WHERE is_active ORDER BY position, name) m)"
    )
    sql = (
        "SELECT x.id, x.slug, x.status, x.published_at, x.comments_open, x.section_id, x.section_slug, "
        "x.generation, x.epoch, CASE WHEN x.ok THEN x.segments END, CASE WHEN x.ok THEN x.related END, "
        f"CASE WHEN x.ok THEN {latest} END, CASE WHEN x.ok THEN NULL ELSE {menu} END FROM ("
        "SELECT a.id, a.slug, a.status, a.published_at, a.comments_open, a.section_id, s.slug AS section_slug, "
        "p.generation, e.value AS epoch, p.segments, p.related, (p.segments IS NOT NULL AND p.made_for = %s "
        "AND p.epoch = e.value AND (p.valid_until IS NULL OR p.valid_until > %s)) AS ok "
        f"FROM {table} a JOIN {sections} s ON s.id = a.section_id "
        f"CROSS JOIN (SELECT COALESCE((SELECT value FROM {epochs} WHERE id = 1), 0) AS value) e "
        f"LEFT JOIN {pages} p ON p.article_id = a.id WHERE a.id = %s) x"
    )
    # The values in the order of their placeholders in the text.
    order = [*(f"live{i}" for i in range(len(LIVE_STATUSES))), "now", "made_for", "now", "pk"]
    return sql, order


class Found:
    """What ``lookup`` read: the story's row, the stored page when it is valid, and what a miss needs."""

    __slots__ = (
        "pk",
        "slug",
        "status",
        "published_at",
        "comments_open",
        "section_id",
        "section_slug",
        "generation",
        "epoch",
        "segments",
        "related",
        "latest",
        "menu",
    )

    def __init__(self, row):
        (
            self.pk,
            self.slug,
            self.status,
            self.published_at,
            self.comments_open,
            self.section_id,
            self.section_slug,
            self.generation,
            self.epoch,
            segments,
            related,
            latest,
            menu,
        ) = row
        self.segments, self.related = _json(segments), _json(related)
        self.latest, self.menu = _json(latest) or [], _json(menu)
        if connection.vendor != "postgresql" and self.published_at is not None:
            self.published_at = _aware(self.published_at)

    @property
    def is_public(self):
        return is_live(self.status, self.published_at, timezone.now())

    def menu_sections(self):
        """The section menu a miss renders (read with the row, so a miss costs no query for it)."""
        names = ["id", "name", "slug", "position"]
        return [Section.from_db(connection.alias, names, [m[k] for k in names]) for m in self.menu or []]


def _aware(value):
    moment = parse_datetime(value) if isinstance(value, str) else value
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def lookup(pk, origin, *, now=None):
    """The story ``pk`` with its stored page for ``origin`` if still valid, in one query; None if no story.

    Prepared once per connection on PostgreSQL (newsroom/db/prepared.py): planning this statement took
    1.4 ms, four times its running (EXPLAIN ANALYZE at 20,000 stories).
    """
    now = now or timezone.now()
    sql, order = _lookup_sql_cached(connection.vendor)
    values = {
        "pk": pk,
        "made_for": made_for(origin),
        "now": connection.ops.adapt_datetimefield_value(now),
        **{f"live{i}": status for i, status in enumerate(sorted(LIVE_STATUSES))},
    }
    with connection.cursor() as cursor:
        prepared.execute(cursor, [sql], [values[name] for name in order])
        row = cursor.fetchone()
    return Found(row) if row else None


@cache
def _lookup_sql_cached(_vendor):
    return _lookup_sql()


# --- Filling the holes -----------------------------------------------------------------------------------


def related_item(pk, title, slug, lead, section_slug):
    url = reverse("articles:detail", kwargs={"section": section_slug, "slug": slug, "pk": pk})
    return f'<li><a href="{escape(url)}">{escape(title)}</a><p>{escape(excerpt(lead, 30))}</p></li>'


def related_block(items):
    """The "Tin liên quan" block around ``items`` (HTML of each), or nothing when there are none."""
    if not items:
        return ""
    return mark_safe(
        '<section class="related" aria-labelledby="tin-lien-quan">\n'
        f'  <h2 id="tin-lien-quan">{escape(_("Tin liên quan"))}</h2>\n'
        "  <ul>" + "".join(f"\n    {item}" for item in items) + "\n  </ul>\n</section>\n"
    )


def _related_html(found):
    picked = found.related or []
    items = [html for _pk, html in picked][:RELATED_SHOWN]
    shown = {pk for pk, _html in picked} | {found.pk}
    for pk, title, slug, lead in found.latest:
        if len(items) >= RELATED_SHOWN:
            break
        if pk not in shown:
            items.append(related_item(pk, title, slug, lead, found.section_slug))
    return related_block(items)


def fill(segments, *, found, now=None):
    """The page from its stored ``segments``: the date line, the related stories, and the holes of the
    blocks other apps render (the comment form's token), each filled by the function its app gave."""
    from ..templatetags.newsroom import header_date

    values = {"dateline": escape(header_date(now or timezone.now())), "related": _related_html(found)}
    for name, filler in _FILLERS.items():
        values[name] = escape(filler(found.pk))
    return "".join(part if i % 2 == 0 else values[part] for i, part in enumerate(segments))


# Blocks of the article page that other apps render (the comments block: comments/apps.py) tell how their
# part of a stored page is filled per request and until when it holds; articles never import them.
_FILLERS = {}
_EXPIRIES = []


def add_hole(name, filler):
    """A hole named ``name`` in a block of the page: ``filler(article_id)`` gives its text per request. The
    block's template writes ``holes.<name>`` where that text goes when ``holes`` is in its context."""
    _FILLERS[name] = filler


def add_expiry(expiry):
    """``expiry(article)``: the moment a block stops being right by itself (None: never)."""
    if expiry not in _EXPIRIES:
        _EXPIRIES.append(expiry)


# --- Rendering and storing -------------------------------------------------------------------------------


def new_holes():
    """Markers for one rendering, and the pattern that splits the page at them (HTML at even positions,
    the hole's name at odd ones): random, so nothing a person wrote can contain them."""
    marker = secrets.token_hex(12)
    names = [*HOLES, *_FILLERS]
    return {name: mark_safe(f"@{marker}:{name}@") for name in names}, re.compile(
        rf"@{marker}:({'|'.join(names)})@"
    )


def valid_until(article, picked_scheduled):
    """When the page stops being right by itself: a picked story going up, a block's own moment (the
    comments closing by age)."""
    moments = [*picked_scheduled, *(expiry(article) for expiry in _EXPIRIES)]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def store(found, origin, *, segments, related, photo_ids, until):
    """Keep the page rendered after ``found`` was read, unless a change raised the generation since."""
    values = {
        "made_for": made_for(origin),
        "epoch": found.epoch,
        "segments": segments,
        "related": related,
        "photo_ids": "," + ",".join(str(pk) for pk in sorted(photo_ids)) + "," if photo_ids else "",
        "valid_until": until,
        "rendered_at": timezone.now(),
    }
    if found.generation is None:
        # No row yet: one made meanwhile by a change (generation 1) wins over this page.
        StoredPage.objects.bulk_create(
            [StoredPage(article_id=found.pk, generation=0, **values)], ignore_conflicts=True
        )
    else:
        StoredPage.objects.filter(article_id=found.pk, generation=found.generation).update(**values)


# --- Forgetting: called inside the writer's transaction --------------------------------------------------


def forget(article_ids, *, linked=True):
    """The stories ``article_ids`` changed (and, with ``linked``, what the stories linking to them show):
    raise their generation, creating the row where there is none, in one statement."""
    ids = sorted({int(pk) for pk in article_ids})
    if not ids:
        return
    pages, table, links = StoredPage._meta.db_table, Article._meta.db_table, RelatedArticle._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    where = f"a.id IN ({marks})"
    params = list(ids)
    if linked:
        where += f" OR a.id IN (SELECT r.from_article_id FROM {links} r WHERE r.to_article_id IN ({marks}))"
        params += ids
    sql = (
        f"INSERT INTO {pages} (article_id, generation, made_for, epoch, photo_ids) "
        f"SELECT a.id, 1, '', 0, '' FROM {table} a WHERE {where} "
        f"ON CONFLICT (article_id) DO UPDATE SET generation = {pages}.generation + 1, segments = NULL, "
        f"related = NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def forget_photo(photo_id):
    """A photo's caption, credit, alt text or image changed: the pages that show it are stale."""
    StoredPage.objects.filter(photo_ids__contains=f",{int(photo_id)},").update(
        generation=F("generation") + 1, segments=None, related=None
    )


def forget_all():
    """Something many pages show changed (a section, an author, a tag): every stored page is stale."""
    table = StoredPageEpoch._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, value) VALUES (1, 2) ON CONFLICT (id) DO UPDATE SET value = {table}.value + 1"
        )
