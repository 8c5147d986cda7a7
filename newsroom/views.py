"""Project-level views: the health check, the error page of a database outage, media without nginx."""

import logging
import sys

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.static import serve

logger = logging.getLogger("newsroom")

# How long a reader is asked to wait when the database is away (a PostgreSQL restart takes seconds).
RETRY_AFTER_SECONDS = 30
HEALTH_KEY = "newsroom:healthz"


def _cache_answers():
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    try:
        cache.set(HEALTH_KEY, "ok", 10)
        return cache.get(HEALTH_KEY) == "ok"
    except Exception:  # noqa: BLE001 - any backend failure is "not healthy", never a 500
        return False


def _database_answers():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


@never_cache
def healthz(request):
    """200 when the database and the cache answer, 503 otherwise; no session, no template, no login."""
    checks = {"database": _database_answers(), "cache": _cache_answers()}
    status = 200 if all(checks.values()) else 503
    body = {name: "ok" if healthy else "unavailable" for name, healthy in checks.items()}
    return JsonResponse(body, status=status)


def server_error(request):
    """The 500 handler. A database that is away (restart, outage) is a 503 with Retry-After, not a 500.

    Django calls this while handling the exception, so ``sys.exc_info()`` tells which one it was. The
    templates here read nothing from the database: they must render while it is down.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        logger.warning("Database unavailable: %s", error)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = HttpResponse(loader.render_to_string("500.html"), status=500)
    response["Cache-Control"] = "private, no-store"
    return response


def media(request, path):
    """Uploaded photos, for development and `make serve` only (SERVE_MEDIA); nginx serves them in production."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    return response


# A browser's report of a blocked script, style or frame is small; anything bigger is not a report.
CSP_REPORT_MAX_BYTES = 16 * 1024
csp_logger = logging.getLogger("newsroom.csp")


@csrf_exempt  # browsers send reports without a token, and the endpoint changes nothing
@require_POST
def csp_report(request):
    """Log what the Content-Security-Policy blocked (the policy's report-uri); answers 204, stores nothing."""
    body = request.body[:CSP_REPORT_MAX_BYTES].decode("utf-8", "replace")
    csp_logger.warning("Content-Security-Policy violation from %s: %s", request.META.get("REMOTE_ADDR"), body)
    response = HttpResponse(status=204)
    response["Cache-Control"] = "private, no-store"
    return response
