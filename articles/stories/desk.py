"""The desk on the admin home: what this person can act on, by their rights, in a fixed number of queries.

A reporter sees their drafts, returned and waiting stories; whoever may publish sees the review queue and
what is scheduled; a person without the right to read stories (a moderator) sees no story list at all.
"""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from . import workflow
from .models import Article
from .workflow import Status

DESK_ROWS = 10


def build_desk(user, *, now=None):
    """The desk's story lists for ``user``: only the lists of what they may open, each of DESK_ROWS at most."""
    now = now or timezone.now()
    desk = {"can_write": user.has_perm(workflow.ADD)}
    if not user.has_perm(workflow.VIEW):
        return desk
    articles = Article.objects.select_related("section", "created_by")
    if desk["can_write"]:
        mine = articles.filter(created_by=user)
        desk["returned_to_me"] = list(mine.filter(status=Status.RETURNED).order_by("-updated_at")[:DESK_ROWS])
        desk["my_drafts"] = list(mine.filter(status=Status.DRAFT).order_by("-updated_at")[:DESK_ROWS])
        if not user.has_perm(workflow.PUBLISH):
            desk["my_submitted"] = list(
                mine.filter(status=Status.SUBMITTED).order_by("updated_at")[:DESK_ROWS]
            )
    if user.has_perm(workflow.PUBLISH):
        desk["to_review"] = list(articles.filter(status=Status.SUBMITTED).order_by("updated_at")[:DESK_ROWS])
        desk["scheduled_soon"] = list(
            articles.filter(
                status=Status.SCHEDULED, published_at__gt=now, published_at__lte=now + timedelta(hours=24)
            ).order_by("published_at")[:DESK_ROWS]
        )
    live = articles.filter(live_started_at__isnull=False, live_ended_at__isnull=True)
    if not user.has_perm(workflow.PUBLISH):
        live = live.filter(Q(created_by=user) | Q(article_authors__author__user=user)).distinct()
    desk["live_now"] = list(live.order_by("-live_started_at")[:DESK_ROWS])
    desk["recently_published"] = list(articles.published(at=now).order_by("-published_at", "-pk")[:DESK_ROWS])
    return desk
