"""Reader views for comments: send one, report one. Thin: parse, validate with a form, call a service."""

import logging
from urllib.parse import urlencode

from django.db import OperationalError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from articles.models import Article

from . import services
from .forms import CommentForm, ReportForm, make_form_token
from .models import Comment

logger = logging.getLogger("newsroom.comments")

# Query values the article page reads to tell the reader what happened (the page itself stays cacheable).
SENT, ALREADY_RECEIVED, REPORTED = "cho-duyet", "da-nhan", "da-bao-cao"


def client_ip(request):
    return request.META.get("REMOTE_ADDR") or None


def _back_to_article(article, outcome):
    return HttpResponseRedirect(f"{article.get_absolute_url()}?{urlencode({'binh-luan': outcome})}#binh-luan")


def _csrf_passes(request):
    """Django's own CSRF check, run by hand: the view is exempt only so a failure can keep the reader's text."""
    return CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {}) is None


@never_cache
@require_GET
def csrf_token(request):
    """The token the comment form needs; fetched by the page's script, since cached pages carry none."""
    return JsonResponse({"token": get_token(request)})


@never_cache
@csrf_exempt
@require_POST
def post_comment(request, article_pk):
    article = Article.objects.comment_target(article_pk)
    if article is None:
        raise Http404
    form = CommentForm(request.POST, article=article)

    def form_page(message="", status=200, confirm=False):
        return render(
            request,
            "comments/form_page.html",
            {"article": article, "form": form, "message": message, "confirm": confirm},
            status=status,
        )

    if not services.comments_open(article):
        return form_page(_("Bài viết này đã đóng bình luận."), status=403)
    if not _csrf_passes(request):
        # Without JavaScript the cached page has no CSRF token: ask once more, from a page that has one.
        return form_page(_("Vui lòng bấm “Gửi bình luận” một lần nữa để xác nhận."), confirm=True)
    if not form.is_valid():
        if form.has_error("token", "expired"):
            form.data = form.data.copy()
            form.data["token"] = make_form_token(article)
        return form_page(status=400)
    try:
        submission = services.submit_comment(
            article=article,
            parent=form.cleaned_data["parent"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            honeypot_filled=form.honeypot_filled,
            seconds_to_fill=form.seconds_to_fill,
        )
    except services.SubmissionRefused as refusal:
        return form_page(refusal.message, status=429)
    except OperationalError:
        # The database is busy or away (SQLite's write lock, a PostgreSQL restart): nothing was stored, so
        # the reader gets the form back with the text, to send again in a moment.
        logger.warning("Comment on article %s not stored: database unavailable", article.pk, exc_info=True)
        response = form_page(
            _(
                "Hệ thống đang bận nên bình luận chưa được gửi. Nội dung vẫn còn dưới đây: vui lòng bấm gửi lại."
            ),
            status=503,
        )
        response["Retry-After"] = "5"
        return response
    return _back_to_article(article, SENT if submission.created else ALREADY_RECEIVED)


@never_cache
@require_http_methods(["GET", "POST"])
def report_comment(request, comment_pk):
    comment = get_object_or_404(
        Comment.objects.approved().select_related("article__section"),
        pk=comment_pk,
        article__in=Article.objects.published(),
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_comment(
            comment=comment,
            reason=form.cleaned_data["reason"],
            detail=form.cleaned_data["detail"],
            ip_address=client_ip(request),
        )
        return _back_to_article(comment.article, REPORTED)
    return render(request, "comments/report.html", {"comment": comment, "form": form})
