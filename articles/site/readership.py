"""Đọc nhiều: readers' views counted in the shared cache, added to ``DailyViews`` a minute at a time, listed.

A reader page cannot count its own views: it is served whole from the page cache, the nginx micro-cache or
a stored copy. The article page's script (static/js/read-count.js) sends one small POST per view, with no
cookie; ``count_view`` takes it without touching the database or a session:

- at most one view per reader address, story and clock hour: ``cache.add`` of a key made from a keyed hash
  of (hour, story, address), so the cache never holds an address, nor anything that links one reader's
  views of two stories or two hours;
- robots (by User-Agent) and prefetches (``Sec-Purpose``/``Purpose``/``X-Moz``) are not counted;
- a counted view adds one to the story's count for the current minute (``cache.add`` or ``cache.incr``),
  and the minute's first view of a story writes the story's id into the minute's list of stories.

A minute's counts stay in the shared cache until ``flush_views`` adds them to ``DailyViews`` in one upsert:
the first beacon a process takes in a new minute looks for minutes that ended (``FLUSH_GRACE`` seconds ago,
so that a view counted at the minute's last instant is in), and whichever process wins a minute's
``cache.add`` lock writes it; ``manage.py flush_views`` (a systemd timer, deploy/systemd) does the same when
no reader comes. Restarting the app servers loses nothing (the counts are in Redis); losing Redis loses
the minutes not yet written, about one. Stories that are not public when their minute is written (an id
no page of ours carries, a draft, a story taken down since) are dropped then, not on the hot path.

The lists (``most_read``) are one query each, through the (day, article) index, and are kept in the shared
cache under the site version (a takedown drops the story at once) for ``MOST_READ_SECONDS``: the counts
move without any version bump, so a list is at most that old, plus the life of the page that shows it.
"""

import hashlib
import re
import time
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from newsroom.cache import process_copies

from ..stories.models import Article
from .models import DailyViews
from .page_cache import current_site_version

MOST_READ_SHOWN = 5
# A minute is written this many seconds after it ends: a view counted at its last instant is already in.
FLUSH_GRACE = 5
# How far back a flush looks for minutes not yet written (a quiet night with no reader and no timer).
FLUSH_LOOKBACK_MINUTES = 120
# A minute's counts and its "written" mark live longer than the look-back, so none is written twice.
BUCKET_SECONDS = (FLUSH_LOOKBACK_MINUTES + 60) * 60
UPSERT_BATCH = 500
MAX_STORY_ID = 2**63  # past a bigint: no story, and the database would refuse to compare it

# Crawlers, link previews (Facebook, Zalo, Telegram, Slack...), headless browsers and HTTP libraries.
# Zalo's own in-app browser says "Zalo" too and is a reader: only its crawler's names are listed.
ROBOT_AGENTS = re.compile(
    r"(?<!cu)bot|crawl|spider|slurp|preview|facebookexternalhit|facebookcatalog|mediapartners|"
    r"google-inspectiontool|zalo-?(?:crawler|preview)|headless|phantomjs|puppeteer|playwright|selenium|"
    r"lighthouse|pagespeed|curl|wget|python-|httpx|aiohttp|go-http-client|java/|okhttp|scrapy|node-fetch|"
    r"axios|libwww|httpclient|feedfetcher",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_MOZ", "HTTP_X_PURPOSE")

_state = {"checked_minute": None}


@process_copies
def forget_process_state():
    """This process forgets which minute it last checked (as a new process would)."""
    _state["checked_minute"] = None


# --- Who is counted --------------------------------------------------------------------------------------


def is_robot(user_agent):
    return not user_agent or ROBOT_AGENTS.search(user_agent) is not None


def is_prefetch(meta):
    """A page fetched ahead of a click (Chrome's ``Sec-Purpose``, ``Purpose``, Firefox's ``X-Moz``, Safari's
    ``X-Purpose: preview``): nobody has read it yet."""
    return any(
        word in meta.get(name, "").lower() for name in PREFETCH_HEADERS for word in ("prefetch", "preview")
    )


def is_same_site(request):
    """Whether the POST comes from one of our own pages, by the headers a browser writes and a page of
    another site cannot: ``Sec-Fetch-Site``, and ``Origin`` (every browser sends it on a POST)."""
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE")
    if fetch_site is not None and fetch_site != "same-origin":
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return fetch_site == "same-origin"
    return origin == f"{request.scheme}://{request.get_host()}" or origin in settings.CSRF_TRUSTED_ORIGINS


# --- Counting: the shared cache only ---------------------------------------------------------------------


def _reader_key(story_id, address, hour):
    """A keyed hash (BLAKE2's own key, from SECRET_KEY): without the key, no address can be tried against it."""
    key = hashlib.blake2s(f"newsroom.views|{settings.SECRET_KEY}".encode()).digest()
    digest = hashlib.blake2s(f"{hour}|{story_id}|{address}".encode(), key=key, digest_size=16).hexdigest()
    return f"views:reader:{digest}"


def _count_key(minute, story_id):
    return f"views:count:{minute}:{story_id}"


def _stories_key(minute):
    return f"views:stories:{minute}"


def _story_slot_key(minute, slot):
    return f"views:story:{minute}:{slot}"


def _written_key(minute):
    return f"views:written:{minute}"


def count_view(story_id, *, address, now=None):
    """Count one reader's view of ``story_id`` at ``now`` (seconds since the epoch); False when this
    address was already counted for this story this hour. Cache operations only: no database."""
    if not 0 < story_id < MAX_STORY_ID:
        return False
    now = time.time() if now is None else now
    if not cache.add(_reader_key(story_id, address, int(now // 3600)), 1, 3600):
        return False
    minute = int(now // 60)
    key = _count_key(minute, story_id)
    if cache.add(key, 1, BUCKET_SECONDS):
        # The minute's first view of this story: put the story in the minute's list (a slot of its own).
        cache.add(_stories_key(minute), 0, BUCKET_SECONDS)
        slot = cache.incr(_stories_key(minute))
        cache.set(_story_slot_key(minute, slot), story_id, BUCKET_SECONDS)
    else:
        try:
            cache.incr(key)
        except ValueError:  # it expired in between: this view starts the count again
            cache.add(key, 1, BUCKET_SECONDS)
    return True


# --- Writing the counts: a minute at a time -------------------------------------------------------------


def flush_if_due(now=None):
    """On a beacon: once per minute per process, write the minutes that ended (see ``flush_views``)."""
    now = time.time() if now is None else now
    minute = int((now - FLUSH_GRACE) // 60)
    if _state["checked_minute"] == minute:
        return 0
    _state["checked_minute"] = minute
    return flush_views(now=now)


def flush_views(*, now=None):
    """Add every ended minute's counts that no process has written yet to ``DailyViews``; the number of
    views written. A minute is taken by ``cache.add`` of its "written" mark, so two processes never write
    the same minute; if writing fails the mark is removed and a later flush writes it."""
    now = time.time() if now is None else now
    last = int((now - FLUSH_GRACE) // 60) - 1  # the newest minute that has ended
    minutes = range(last - FLUSH_LOOKBACK_MINUTES + 1, last + 1)
    found = cache.get_many([key for m in minutes for key in (_stories_key(m), _written_key(m))])
    due = [m for m in minutes if found.get(_stories_key(m)) and _written_key(m) not in found]
    taken = [m for m in due if cache.add(_written_key(m), 1, BUCKET_SECONDS)]
    if not taken:
        return 0
    try:
        return _write(_read_counts(taken, found))
    except BaseException:
        cache.delete_many([_written_key(m) for m in taken])
        raise


def _read_counts(minutes, found):
    """{(story id, day): views} of ``minutes``, read from the shared cache in two round trips."""
    slots = cache.get_many(
        [_story_slot_key(m, slot) for m in minutes for slot in range(1, int(found[_stories_key(m)]) + 1)]
    )
    keys = {}
    for m in minutes:
        day = timezone.localtime(datetime.fromtimestamp(m * 60, tz=UTC)).date()  # Asia/Ho_Chi_Minh
        for slot in range(1, int(found[_stories_key(m)]) + 1):
            story_id = slots.get(_story_slot_key(m, slot))
            if story_id is not None:
                keys[_count_key(m, story_id)] = (story_id, day)
    totals = {}
    for key, views in cache.get_many(list(keys)).items():
        totals[keys[key]] = totals.get(keys[key], 0) + int(views)
    return totals


def _write(totals):
    """Add ``totals`` to ``DailyViews``, public stories only, in one upsert per ``UPSERT_BATCH`` rows."""
    if not totals:
        return 0
    public = set(
        Article.objects.published()
        .filter(pk__in={story for story, _day in totals})
        .values_list("pk", flat=True)
    )
    rows = [(story, day, views) for (story, day), views in sorted(totals.items()) if story in public]
    table = connection.ops.quote_name(DailyViews._meta.db_table)
    with transaction.atomic():
        with connection.cursor() as cursor:
            for start in range(0, len(rows), UPSERT_BATCH):
                batch = rows[start : start + UPSERT_BATCH]
                cursor.execute(
                    f"INSERT INTO {table} (article_id, day, views) VALUES "
                    + ", ".join(["(%s, %s, %s)"] * len(batch))
                    + f" ON CONFLICT (day, article_id) DO UPDATE SET views = {table}.views + excluded.views",
                    [value for row in batch for value in row],
                )
    return sum(views for _story, _day, views in rows)


# --- The lists -------------------------------------------------------------------------------------------


def most_read(*, days, section=None, today=None, limit=MOST_READ_SHOWN):
    """The ``limit`` public stories most read over the ``days`` days up to ``today`` (of ``section``),
    most read first: one query, through the (day, article) index."""
    return list(most_read_query(days=days, section=section, today=today)[:limit])


def most_read_query(*, days, section=None, today=None):
    today = today or timezone.localdate()
    stories = Article.objects.published().filter(
        daily_views__day__gte=today - timedelta(days=days - 1), daily_views__day__lte=today
    )
    if section is not None:
        stories = stories.filter(section=section)
    return (
        stories.annotate(read=Sum("daily_views__views"))
        .select_related("section")
        .only("pk", "title", "slug", "published_at", "section__slug", "section__name")
        .order_by("-read", "-published_at", "-pk")
    )


def most_read_lists(request, *, section=None):
    """Today's and this week's lists for a page: {"today": [...], "week": [...]}, each item a dict of what
    templates/articles/_most_read.html shows; kept in the shared cache (see the module's docstring)."""
    today = timezone.localdate()
    # Kept only where pages are (the page cache on): elsewhere, as for a page, every read is fresh.
    keep = settings.MOST_READ_SECONDS if settings.PAGE_CACHE_SECONDS else 0
    lists = None
    if keep:
        state = getattr(request, "reader_page_versions", None)
        site_version = state[0] if state else current_site_version()
        key = f"most-read:{site_version}:{today.isoformat()}:{section.pk if section else 'site'}"
        lists = cache.get(key)
    if lists is None:
        lists = {
            name: [
                {"url": story.get_absolute_url(), "title": story.title, "views": story.read}
                for story in most_read(days=days, section=section, today=today)
            ]
            for name, days in (("today", 1), ("week", 7))
        }
        if keep:
            cache.set(key, lists, keep)
    return lists
