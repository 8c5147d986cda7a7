"""Reader pages for anonymous visitors, kept in the shared cache and purged exactly when what they show changes.

Keys carry versions: a site version that every change to a story, section, author, tag or photo bumps
(listings, feeds and sitemaps show them all), and a version per article that an approved comment bumps
(only its page shows comments). Purging writes a new version, so a reader never gets a copy older than the
last change, in any worker or process that shares the cache. No copy outlives the next scheduled
publication: at that moment every cached page expires and the story appears with no cron job.

ReaderPageCacheMiddleware answers a hit before the rest of the middleware runs, in one cache round trip;
views marked with ``cache_for_readers`` render a miss, which the middleware then stores with its headers.
A response that sets a cookie (a CSRF token, a session) is never stored, so a cached page carries no
token. Signed-in staff neither get nor fill a cached copy. Responses stored here say how long a proxy
may keep them (``s-maxage``); the nginx micro-cache of deploy/ reads it.
"""

import hashlib
import time
from collections import OrderedDict
from datetime import UTC, datetime
from functools import lru_cache, wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

from newsroom.cache import process_copies

from ..stories.models import Article
from ..stories.workflow import Status

SITE_VERSION_KEY = "pages:site-version"


def _article_version_key(article_id):
    return f"pages:article-version:{article_id}"


def _versions(*keys):
    """The current version under each key, in one round trip; a key never set gets one now."""
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            cache.add(key, time.time_ns(), timeout=None)
            found[key] = cache.get(key, 0)
    return [found[key] for key in keys]


def current_site_version():
    """The version every listing is kept under (a part kept apart from its page keys on it too)."""
    return _versions(SITE_VERSION_KEY)[0]


def purge_article_page(article_id):
    """The article's own page changed (a comment approved or replied to); listings did not."""
    forget_held_copies()
    cache.set(_article_version_key(article_id), time.time_ns(), timeout=None)


def purge_site():
    """Every reader page may have changed: a story went up or down, a section, tag, author or photo changed."""
    forget_held_copies()
    cache.set(SITE_VERSION_KEY, time.time_ns(), timeout=None)


def purge_story(article_id):
    """A story changed: its page, and every listing, feed and sitemap that may show it."""
    purge_article_page(article_id)
    purge_site()


def seconds_until_next_publication(*, site_version, now=None):
    """Seconds until the next scheduled story goes live (None: none is scheduled); one query per change."""
    now = now or timezone.now()
    key = f"pages:next-publication:{site_version}"
    moment = cache.get(key)
    if moment is None or (moment and moment <= now.timestamp()):
        upcoming = (
            Article.objects.filter(status=Status.SCHEDULED, published_at__gt=now)
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        moment = upcoming.timestamp() if upcoming else 0
        cache.set(key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    return max(0.0, moment - now.timestamp()) if moment else None


def kept_lifetime(seconds, *, site_version, now=None):
    """How long a part of a reader page (article parts, a fragment) may be kept: ``seconds``, or less when a
    scheduled story goes live sooner, since the part may list it. Below 1: do not keep it."""
    until = seconds_until_next_publication(site_version=site_version, now=now)
    return seconds if until is None else min(seconds, int(until))


def _edge_headers(response, remaining):
    """What a proxy may do with this copy: keep it a few seconds (never past its own expiry), then refresh."""
    edge = max(0, min(settings.EDGE_CACHE_SECONDS, int(remaining)))
    response.headers["Cache-Control"] = (
        f"public, max-age=0, s-maxage={edge}, stale-while-revalidate={settings.EDGE_CACHE_SECONDS}"
    )


def _cacheable(request, response):
    sets_cookie = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    return response.status_code == 200 and not sets_cookie and not getattr(response, "streaming", False)


def cache_for_readers(view):
    """Mark ``view`` as a reader page: ReaderPageCacheMiddleware serves it from the shared cache and stores it.

    A view with a ``pk`` argument is an article's, whose copy also depends on the article's own version.
    Here, on a miss, the page is rendered, its lifetime bounded by the next scheduled publication, and its
    edge headers set; the middleware stores the finished response, with every header of the inner
    middleware, so that a hit is answered before any of it runs.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        state = getattr(request, "reader_page_versions", None)
        if state is None or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        site_version, _article_version, started = state
        # The bound is taken before rendering: a page rendered just before a story's time must expire at
        # that time, even when it is stored just after it.
        until_publication = seconds_until_next_publication(
            site_version=site_version, now=datetime.fromtimestamp(started, tz=UTC)
        )
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            response.render()  # sitemaps and other TemplateResponses: the content is what is stored
        if _cacheable(request, response):
            lifetime = settings.PAGE_CACHE_SECONDS
            if until_publication is not None:
                # What is left of the bound once the page is ready to be stored.
                lifetime = min(lifetime, until_publication - (time.time() - started))
            if request.method == "GET" and lifetime >= 1:
                response.reader_page_lifetime = lifetime
                response["X-Page-Cache"] = "miss"
            _edge_headers(response, lifetime)
        return response

    wrapped.reader_page = True
    return wrapped


@lru_cache(maxsize=4096)
def _route(path_info, urlconf):
    """(is a reader page, its article's id or None) for a path; resolving once per path and process."""
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return False, None
    return getattr(match.func, "reader_page", False), match.kwargs.get("pk")


def _answer(held, now):
    """The response for a copy: its stored bytes and headers, with edge headers for what is left of it."""
    _checked_at, _site, _article, content, headers, expires_at = held
    response = HttpResponse(content)
    # The stored headers are already checked and encoded (ResponseHeaders' own store, taken from the
    # response that was rendered); setting them one by one would check them all again.
    response.headers._store.update(headers)
    response.headers["X-Page-Cache"] = "hit"
    _edge_headers(response, expires_at - now)
    return response


# Copies this process found current in the shared cache a moment ago, by copy key: (checked at, site
# version, article version, content, headers, expires at). A hot page is answered from here without a round
# trip for up to PAGE_CACHE_HELD_SECONDS after the shared cache last vouched for it; a purge made by this
# process empties it at once, one made by another process is seen once that moment is over.
_held_copies = OrderedDict()
_HELD_MAX = 256


@process_copies
def forget_held_copies():
    """Empty this process's held copies (every purge does; so does a test that starts afresh)."""
    _held_copies.clear()


def _hold(copy_key, held):
    _held_copies[copy_key] = held
    _held_copies.move_to_end(copy_key)
    while len(_held_copies) > _HELD_MAX:
        try:
            _held_copies.popitem(last=False)
        except KeyError:  # another thread emptied it
            break


# Headers a stored copy does not keep: the edge headers are written again for what is left of its life.
_NOT_STORED = {"cache-control", "x-page-cache", "set-cookie"}


class ReaderPageCacheMiddleware:
    """Answer anonymous readers from the shared cache in one round trip, before the rest of the middleware.

    Right after WhiteNoise in MIDDLEWARE: a hit costs one ``get_many`` (the site version, the article's
    version for an article page, and the copy) and a response built from stored bytes and headers, without
    sessions, CSRF, authentication or the view. A copy is used only when both versions it was made under
    are still current and it has not reached the next scheduled publication, so purges stay exact. Any
    request with a session or messages cookie goes the whole way (a signed-in editor is never served a
    copy, and neither fills one).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.private_cookies = (settings.SESSION_COOKIE_NAME, "messages")
        self.allowed_hosts = set()  # Host headers that request.get_host() has accepted

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or not settings.PAGE_CACHE_SECONDS
            or any(name in request.COOKIES for name in self.private_cookies)
        ):
            return self.get_response(request)
        is_reader_page, article_id = _route(request.path_info, getattr(request, "urlconf", None))
        if not is_reader_page:
            return self.get_response(request)
        host = request.META.get("HTTP_HOST")
        if host not in self.allowed_hosts:
            try:
                host = request.get_host()
            except DisallowedHost:
                return self.get_response(request)  # the 400 page, never a copy
            if len(self.allowed_hosts) < 64:  # bounded: ALLOWED_HOSTS may take any subdomain
                self.allowed_hosts.add(host)
        where = f"{request.scheme}://{host}{request.get_full_path()}"
        copy_key = "pages:copy:" + hashlib.sha256(where.encode()).hexdigest()[:32]
        version_keys = (
            [SITE_VERSION_KEY] if article_id is None else [SITE_VERSION_KEY, _article_version_key(article_id)]
        )
        now = time.time()
        held = _held_copies.get(copy_key)
        if held is not None and now - held[0] < settings.PAGE_CACHE_HELD_SECONDS and held[5] > now:
            return _answer(held, now)
        found = cache.get_many([*version_keys, copy_key])
        versions = [found.get(key) for key in version_keys]
        if None in versions:
            versions = _versions(*version_keys)
        site_version = versions[0]
        article_version = versions[1] if article_id is not None else "-"
        copy = found.get(copy_key)
        if copy is not None:
            copy_site, copy_article, content, headers, expires_at = copy
            if copy_site == site_version and copy_article == article_version and expires_at > now:
                held = (now, copy_site, copy_article, content, headers, expires_at)
                _hold(copy_key, held)
                return _answer(held, now)
        request.reader_page_versions = (site_version, article_version, now)
        response = self.get_response(request)
        lifetime = getattr(response, "reader_page_lifetime", 0)
        if lifetime >= 1 and _cacheable(request, response):
            headers = {
                lower: item for lower, item in response.headers._store.items() if lower not in _NOT_STORED
            }
            cache.set(
                copy_key,
                (site_version, article_version, response.content, headers, now + lifetime),
                int(lifetime),
            )
        return response
