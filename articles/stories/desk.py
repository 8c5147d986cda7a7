"""The editor's desk on the admin home: what is waiting for this person, in a fixed number of queries."""

from datetime import timedelta

from django.utils import timezone

from .models import Article
from .workflow import Status

DESK_ROWS = 10


def build_desk(user, *, now=None):
    now = now or timezone.now()
    articles = Article.objects.select_related("section", "created_by")

    desk = {
        "my_drafts": list(
            articles.filter(created_by=user, status=Status.DRAFT).order_by("-updated_at")[:DESK_ROWS]
        ),
        "returned_to_me": list(
            articles.filter(created_by=user, status=Status.RETURNED).order_by("-updated_at")[:DESK_ROWS]
        ),
        "recently_published": list(articles.published(at=now).order_by("-published_at", "-pk")[:DESK_ROWS]),
    }
    if user.has_perm("articles.publish_article"):
        desk["to_review"] = list(articles.filter(status=Status.SUBMITTED).order_by("updated_at")[:DESK_ROWS])
        desk["scheduled_soon"] = list(
            articles.filter(
                status=Status.SCHEDULED, published_at__gt=now, published_at__lte=now + timedelta(hours=24)
            ).order_by("published_at")[:DESK_ROWS]
        )
    return desk
