"""A cache of article pages for anonymous readers, purged per article when what the page shows changes.

Each article has a version in the cache; the page is stored under it, and purging writes a new version,
so a reader never gets a copy older than the last approved comment or article save. A response that sets
a cookie (a CSRF token, a session) is never stored, so the page itself must not carry a token.
"""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse


def _version_key(article_id):
    return f"article-page:version:{article_id}"


def _version(article_id):
    key = _version_key(article_id)
    version = cache.get(key)
    if version is None:
        version = time.time_ns()
        cache.add(key, version, timeout=None)
        version = cache.get(key, version)
    return version


def purge_article_page(article_id):
    cache.set(_version_key(article_id), time.time_ns(), timeout=None)


def cache_article_page(view):
    """Serve anonymous GETs of an article page from the cache; ``view`` takes the article id as ``pk``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        timeout = settings.ARTICLE_PAGE_CACHE_SECONDS
        if request.method != "GET" or not timeout or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        key = f"article-page:{kwargs['pk']}:{_version(kwargs['pk'])}:{path}"
        if (hit := cache.get(key)) is not None:
            content, content_type = hit
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        sets_cookie = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code == 200 and not sets_cookie and not getattr(response, "streaming", False):
            cache.set(key, (response.content, response["Content-Type"]), timeout)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapped
