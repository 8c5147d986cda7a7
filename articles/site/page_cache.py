"""Reader pages for anonymous visitors, kept in the shared cache and purged exactly when what they show changes.

Keys carry versions: a site version that every change to a story, section, author, tag or photo bumps
(listings, feeds and sitemaps show them all), and a version per article that an approved comment bumps
(only its page shows comments). Purging writes a new version, so a reader never gets a copy older than the
last change, in any worker or process that shares the cache. No copy outlives the next scheduled
publication: at that moment every cached page expires and the story appears with no cron job.

A response that sets a cookie (a CSRF token, a session) is never stored, so a cached page carries no
token. Signed-in staff neither get nor fill a cached copy. Responses stored here say how long a proxy
may keep them (``s-maxage``); the nginx micro-cache of deploy/ reads it.
"""

import hashlib
import time
from datetime import UTC, datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

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


def purge_article_page(article_id):
    """The article's own page changed (a comment approved or replied to); listings did not."""
    cache.set(_article_version_key(article_id), time.time_ns(), timeout=None)


def purge_site():
    """Every reader page may have changed: a story went up or down, a section, tag, author or photo changed."""
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


def _edge_headers(response, remaining):
    """What a proxy may do with this copy: keep it a few seconds (never past its own expiry), then refresh."""
    edge = max(0, min(settings.EDGE_CACHE_SECONDS, int(remaining)))
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=edge, stale_while_revalidate=settings.EDGE_CACHE_SECONDS
    )


def _cacheable(request, response):
    sets_cookie = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    return response.status_code == 200 and not sets_cookie and not getattr(response, "streaming", False)


def cache_for_readers(view):
    """Serve anonymous GETs of ``view`` from the shared cache; a view with a ``pk`` argument is an article's."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        lifetime = settings.PAGE_CACHE_SECONDS
        if request.method not in ("GET", "HEAD") or not lifetime or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if "pk" in kwargs:
            site_version, article_version = _versions(SITE_VERSION_KEY, _article_version_key(kwargs["pk"]))
        else:
            (site_version,), article_version = _versions(SITE_VERSION_KEY), "-"
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"pages:{site_version}:{article_version}:{path}"
        now = time.time()
        if (hit := cache.get(key)) is not None:
            content, content_type, expires_at = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            _edge_headers(response, expires_at - now)
            return response
        # The bound is taken before rendering: a page rendered just before a story's time must expire at
        # that time, even when it is stored just after it.
        until_publication = seconds_until_next_publication(
            site_version=site_version, now=datetime.fromtimestamp(now, tz=UTC)
        )
        response = view(request, *args, **kwargs)
        if getattr(response, "is_rendered", True) is False:
            response.render()  # sitemaps and other TemplateResponses: the content is what is stored
        if _cacheable(request, response):
            if until_publication is not None:
                # What is left of the bound once the page is ready to be stored.
                lifetime = min(lifetime, until_publication - (time.time() - now))
            if request.method == "GET" and lifetime >= 1:
                cache.set(key, (response.content, response["Content-Type"], now + lifetime), int(lifetime))
                response["X-Page-Cache"] = "miss"
            _edge_headers(response, lifetime)
        return response

    return wrapped
