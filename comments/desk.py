"""The moderators' part of the desk on the admin home: the comment queue and the reports, in fixed queries."""

from .models import Comment
from .services import MODERATE_PERMISSION

DESK_ROWS = 10


def build_moderation_desk(user):
    """Counts and the oldest waiting comments for someone who may moderate; nothing for anyone else."""
    if not user.has_perm(MODERATE_PERMISSION):
        return {}
    waiting = Comment.objects.pending()
    return {
        "comments_waiting": waiting.count(),
        "oldest_waiting": list(waiting.select_related("article").order_by("submitted_at", "pk")[:DESK_ROWS]),
        "reports_open": Comment.objects.reported().count(),
    }
