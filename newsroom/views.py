"""Project-level views: the health check, the error pages (the desk's look on staff pages), media without nginx."""

import json
import logging
import sys

from django.conf import settings
from django.contrib import admin
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseForbidden, HttpResponseNotFound, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.static import serve

from . import webapp
from .permissions import vietnamese_permission_names

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


# The pages drawn with the admin's look: the desk and the moderation pages.
DESK_PREFIXES = ("/quan-tri/", "/kiem-duyet/")
# The admin's URL names end in the view; each needs one of the model's built-in rights.
ADMIN_VIEW_RIGHTS = {
    "changelist": "view",
    "history": "view",
    "add": "add",
    "change": "change",
    "delete": "delete",
}


def _on_desk(request):
    return request.path.startswith(DESK_PREFIXES)


def missing_right(request, exception):
    """What the person lacks, in words: the refusal's own message, else the admin right its URL needs."""
    message = str(exception or "")
    if message:
        return message
    match = getattr(request, "resolver_match", None)
    if match and match.namespace == "admin" and match.url_name:
        for model in admin.site._registry:
            opts = model._meta
            for view, action in ADMIN_VIEW_RIGHTS.items():
                if match.url_name == f"{opts.app_label}_{opts.model_name}_{view}":
                    name = vietnamese_permission_names().get((opts.app_label, f"{action}_{opts.model_name}"))
                    return _("Trang này cần quyền “%(right)s”.") % {"right": name}
    return _("Tài khoản của bạn không có quyền mở trang này.")


def permission_denied(request, exception=None):
    """The 403 handler: on the desk, in the admin's look, saying which right is missing."""
    if not _on_desk(request):
        return HttpResponseForbidden(loader.render_to_string("403.html", request=request))
    context = {
        **admin.site.each_context(request),
        "title": _("Không có quyền truy cập"),
        "reason": missing_right(request, exception),
    }
    return HttpResponseForbidden(loader.render_to_string("admin/403.html", context, request=request))


def page_not_found(request, exception=None):
    """The 404 handler: the desk's pages keep the admin's look; the reader's site keeps its own page."""
    if not _on_desk(request):
        return HttpResponseNotFound(loader.render_to_string("404.html", request=request))
    context = {**admin.site.each_context(request), "title": _("Không tìm thấy trang")}
    return HttpResponseNotFound(loader.render_to_string("admin/404.html", context, request=request))


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
    elif _on_desk(request):
        # No request context: nothing here may need the database or the session.
        context = {"site_header": admin.site.site_header, "site_title": admin.site.site_title}
        response = HttpResponse(loader.render_to_string("admin/500.html", context), status=500)
    else:
        response = HttpResponse(loader.render_to_string("500.html"), status=500)
    response["Cache-Control"] = "private, no-store"
    return response


def media(request, path):
    """Uploaded photos, for development and `make serve` only (SERVE_MEDIA); nginx serves them in production."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=86400"
    return response


# Browsers ask for /favicon.ico and the manifest on every visit: a day in every cache, a week for the icon.
ICON_MAX_AGE = 7 * 86400
MANIFEST_MAX_AGE = 86400


@require_GET
def favicon(request):
    """/favicon.ico, which browsers fetch whatever the page links: the static file's bytes, no database."""
    with open(finders.find(webapp.FAVICON), "rb") as source:
        content = source.read()
    response = HttpResponse(content, content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={ICON_MAX_AGE}"
    return response


@require_GET
def web_manifest(request):
    """/manifest.webmanifest: the name, colours and icons a phone uses when the site is put on its home screen."""
    newspaper = settings.NEWSROOM
    body = webapp.manifest(
        name=newspaper["NAME"],
        mark=newspaper["MARK"],
        tagline=newspaper["TAGLINE"],
        static_url=staticfiles_storage.url,
    )
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1),
        content_type="application/manifest+json; charset=utf-8",
    )
    response["Cache-Control"] = f"public, max-age={MANIFEST_MAX_AGE}"
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
