"""The "Bình luận" block of the article page: approved comments, paged, with replies and the form."""

from django import template
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Q

from .. import services
from ..forms import CommentForm, make_form_token
from ..models import Comment
from ..views import ALREADY_RECEIVED, REPORTED, SENT

register = template.Library()

_NOTICES = {
    SENT: "sent",
    ALREADY_RECEIVED: "already",
    REPORTED: "reported",
}


@register.inclusion_tag("comments/block.html", takes_context=True)
def comments_block(context, article):
    request = context["request"]
    # Two queries whatever the story has: the counts together, then the page's comments with their replies.
    counts = (
        Comment.objects.approved()
        .filter(article=article)
        .aggregate(total=Count("pk"), threads=Count("pk", filter=Q(parent__isnull=True)))
    )
    total = counts["total"]
    paginator = Paginator(Comment.objects.none(), settings.COMMENTS_PAGE_SIZE)
    paginator.count = counts["threads"]  # a cached property: the pager needs no COUNT of its own
    page = paginator.get_page(request.GET.get("trang-binh-luan"))
    start = (page.number - 1) * paginator.per_page
    page.object_list = Comment.objects.threads(article, start, start + paginator.per_page) if total else []
    reply_to = None
    if (parent_id := request.GET.get("tra-loi", "")).isdigit():
        reply_to = (
            Comment.objects.approved().filter(pk=parent_id, article=article, parent__isnull=True).first()
        )
    form = CommentForm(
        article=article,
        initial={"token": make_form_token(article), "parent": reply_to.pk if reply_to else None},
    )
    return {
        "article": article,
        "page": page,
        "total": total,
        "form": form,
        "reply_to": reply_to,
        "is_open": services.comments_open(article),
        "notice": _NOTICES.get(request.GET.get("binh-luan", "")),
    }
