"""The "Bình luận" block of the article page: approved comments, paged, with replies and the form."""

from django import template
from django.conf import settings
from django.core.paginator import Paginator

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
    comments = Comment.objects.for_article_page(article)
    paginator = Paginator(comments, settings.COMMENTS_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("trang-binh-luan"))
    total = Comment.objects.approved().filter(article=article).count()
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
