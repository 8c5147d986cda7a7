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
    """Take a reader's comment. The article is read by the service, in the same round trip as its checks
    (a comment POST is the busiest write of the site); only a page with an error reads it here."""
    form = CommentForm(request.POST, article_id=article_pk)

    def form_page(message="", status=200, confirm=False, article=None):
        article = article or Article.objects.comment_target(article_pk)
        if article is None:
            raise Http404
        if not services.comments_open(article):
            message, status, confirm = _("Bài viết này đã đóng bình luận."), 403, False
        form.article = article
        return render(
            request,
            "comments/form_page.html",
            {"article": article, "form": form, "message": message, "confirm": confirm},
            status=status,
        )

    if not _csrf_passes(request):
        # Without JavaScript the cached page has no CSRF token: ask once more, from a page that has one.
        return form_page(_("Vui lòng bấm “Gửi bình luận” một lần nữa để xác nhận."), confirm=True)
    if not form.is_valid():
        if form.has_error("token", "expired"):
            form.data = form.data.copy()
            form.data["token"] = make_form_token(article_pk)
        return form_page(status=400)
    try:
        submission = services.submit_comment(
            article_id=article_pk,
            parent=form.cleaned_data["parent"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["body"],
            ip_address=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            honeypot_filled=form.honeypot_filled,
            seconds_to_fill=form.seconds_to_fill,
        )
    except Article.DoesNotExist as missing:
        raise Http404 from missing
    except services.SubmissionRefused as refusal:
        return form_page(refusal.message, status=403 if refusal.code == "closed" else 429)
    except OperationalError:
        # The database is busy or away (SQLite's write lock, a PostgreSQL restart): nothing was stored, so
        # the reader gets the form back with the text, to send again in a moment.
        logger.warning("Comment on article %s not stored: database unavailable", article_pk, exc_info=True)
        # The article cannot be read either: the page shows the form, with the text, and no breadcrumb.
        response = render(
            request,
            "comments/form_page.html",
            {
                "article": None,
                "form": form,
                "message": _(
                    "Hệ thống đang bận nên bình luận chưa được gửi. Nội dung vẫn còn dưới đây: vui lòng bấm gửi lại."
                ),
                "confirm": False,
            },
            status=503,
        )
        response["Retry-After"] = "5"
        return response
    article = submission.comment.article
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
