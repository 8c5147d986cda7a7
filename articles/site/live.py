"""The live block's endpoint: what static/js/live.js polls while a story is covered live.

``GET /truc-tiep/<id>/?sau=<stamp>``: the stamp is the one the reader's page (or last answer) was made with
(``coverage_stamp``). When nothing changed since, the answer is a few bytes; otherwise it carries the
block's status line and every entry's HTML, newest first, drawn by the same templates as the page, so the
script puts in new entries, replaces edited ones and drops removed ones. A reader page like any other
(``cache_for_readers``): readers polling with the same stamp share one cached answer, and every change to
the coverage purges it (the services call ``purge_story``). Never a cookie, never a write.
"""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string

from ..stories.live import LIVE_FIELDS, LiveEntry, coverage_stamp
from ..stories.models import Article
from .page_cache import cache_for_readers


def poll_seconds():
    """How often a live story's page asks for new entries (settings.LIVE_POLL_SECONDS, at least 1)."""
    return max(1, settings.LIVE_POLL_SECONDS)


def entries_of(article):
    """The story's entries, newest first, with their photos' renditions: three queries at most."""
    return list(
        LiveEntry.objects.filter(article=article)
        .select_related("photo")
        .prefetch_related("photo__renditions")
        .defer("text")
        .order_by("-created_at", "-pk")
    )


@cache_for_readers
def live_updates(request, pk):
    article = (
        Article.objects.published()
        .filter(pk=pk, live_started_at__isnull=False)
        .select_related("section")
        .only("id", "slug", "status", "published_at", "section__slug", *LIVE_FIELDS)
        .first()
    )
    if article is None:
        raise Http404
    entries = entries_of(article)
    stamp = coverage_stamp(article, entries)
    data = {"stamp": stamp, "live": article.is_live_now, "poll": poll_seconds()}
    if request.GET.get("sau") == stamp:
        data["changed"] = False
    else:
        context = {"article": article}
        data["changed"] = True
        data["status"] = render_to_string("articles/_live_status.html", context, request)
        data["entries"] = [
            {
                "id": entry.pk,
                "stamp": entry.stamp,
                "html": render_to_string("articles/_live_entry.html", {**context, "entry": entry}, request),
            }
            for entry in entries
        ]
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["X-Robots-Tag"] = "noindex"
    return response
