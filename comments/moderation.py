"""The moderators' pages: the queue, the reported comments, replies as the newspaper, and the decision log."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from newsroom.common.dates import in_vietnam
from newsroom.common.pagination import page_or_404
from newsroom.common.spreadsheet import SafeWriter

from . import services
from .models import Comment, CommentFlag, CommentReport, ModerationDecision

QUEUE_PAGE_SIZE = 50
LOG_PAGE_SIZE = 100


def moderator_required(view):
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not request.user.has_perm(services.MODERATE_PERMISSION):
            # The 403 page names the right that is missing.
            raise PermissionDenied(
                _("Trang này cần quyền “%(right)s”.") % {"right": _("Kiểm duyệt bình luận")}
            )
        return view(request, *args, **kwargs)

    return login_required(checked, login_url="admin:login")


def _safe_next(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_GET
@moderator_required
def queue(request):
    status = request.GET.get("trang-thai", Comment.Status.PENDING)
    if status not in Comment.Status.values:
        status = Comment.Status.PENDING
    comments = Comment.objects.for_queue().filter(status=status)
    reason = request.GET.get("ly-do", "")
    if reason in CommentFlag.Code.values:
        comments = comments.filter(flags__code=reason).distinct()
    article_id = request.GET.get("bai", "")
    if article_id.isdigit():
        comments = comments.filter(article_id=article_id)
    counts = dict(Comment.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return render(
        request,
        "comments/moderation/queue.html",
        {
            "page": page_or_404(request, comments, QUEUE_PAGE_SIZE),
            "status": status,
            "reason": reason,
            "article_id": article_id,
            "statuses": [(value, label, counts.get(value, 0)) for value, label in Comment.Status.choices],
            "reasons": CommentFlag.Code.choices,
            "open_reports": Comment.objects.reported().count(),
        },
    )


@require_POST
@moderator_required
def decide(request):
    """One decision on one comment (a row's button) or on every selected comment (the bulk bar)."""
    fallback = reverse("comments:queue")
    single = request.POST.get("single", "")
    if single:
        comment_id, _sep, action = single.partition(":")
        ids, action = [comment_id], action
    else:
        ids, action = request.POST.getlist("comments"), request.POST.get("action", "")
    if action not in {Comment.Status.APPROVED, Comment.Status.REJECTED, Comment.Status.SPAM}:
        messages.error(request, _("Quyết định không hợp lệ."))
        return HttpResponseRedirect(_safe_next(request, fallback))
    selected = list(Comment.objects.filter(pk__in=[i for i in ids if i.isdigit()]).order_by("pk"))
    if not selected:
        messages.error(request, _("Chưa chọn bình luận nào."))
        return HttpResponseRedirect(_safe_next(request, fallback))
    moved = services.moderate_comments(
        comments=selected, moderator=request.user, to_status=action, note=request.POST.get("note", "")
    )
    label = Comment.Status(action).label
    messages.success(
        request,
        ngettext(
            "Đã chuyển %(count)d bình luận sang “%(status)s”.",
            "Đã chuyển %(count)d bình luận sang “%(status)s”.",
            moved,
        )
        % {"count": moved, "status": label},
    )
    return HttpResponseRedirect(_safe_next(request, fallback))


@require_GET
@moderator_required
def reports(request):
    open_reports = CommentReport.objects.filter(resolved_at__isnull=True).order_by("reported_at", "pk")
    comments = (
        Comment.objects.for_queue()
        .reported()
        .prefetch_related(Prefetch("reports", queryset=open_reports, to_attr="open_reports"))
    )
    return render(
        request, "comments/moderation/reports.html", {"page": page_or_404(request, comments, QUEUE_PAGE_SIZE)}
    )


@require_POST
@moderator_required
def keep_reported(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    closed = services.resolve_reports(comment=comment, moderator=request.user)
    messages.success(request, _("Đã giữ bình luận và đóng %(count)d báo cáo.") % {"count": closed})
    return HttpResponseRedirect(_safe_next(request, reverse("comments:reports")))


@require_POST
@moderator_required
def reply(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    try:
        services.reply_as_newspaper(comment=comment, staff=request.user, body=request.POST.get("body", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã đăng trả lời của tòa soạn."))
    return HttpResponseRedirect(_safe_next(request, reverse("comments:queue") + "?trang-thai=approved"))


def _filtered_log(request):
    decisions = ModerationDecision.objects.select_related("moderator", "comment__article").order_by(
        "-decided_at", "-pk"
    )
    filters = {}
    if (moderator := request.GET.get("nguoi", "")).isdigit():
        decisions = decisions.filter(moderator_id=moderator)
        filters["nguoi"] = moderator
    if (to_status := request.GET.get("sang", "")) in Comment.Status.values:
        decisions = decisions.filter(to_status=to_status)
        filters["sang"] = to_status
    if day := parse_date(request.GET.get("tu", "") or ""):
        decisions = decisions.filter(decided_at__date__gte=day)
        filters["tu"] = day.isoformat()
    if day := parse_date(request.GET.get("den", "") or ""):
        decisions = decisions.filter(decided_at__date__lte=day)
        filters["den"] = day.isoformat()
    return decisions, filters


@require_GET
@moderator_required
def decision_log(request):
    decisions, filters = _filtered_log(request)
    if request.GET.get("dinh-dang") == "csv":
        return _log_csv(decisions)
    moderators = (
        ModerationDecision.objects.values_list("moderator_id", "moderator__username")
        .distinct()
        .order_by("moderator__username")
    )
    return render(
        request,
        "comments/moderation/log.html",
        {
            "page": page_or_404(request, decisions, LOG_PAGE_SIZE),
            "filters": filters,
            "csv_query": urlencode({**filters, "dinh-dang": "csv"}),
            "moderators": moderators,
            "statuses": Comment.Status.choices,
        },
    )


def _log_csv(decisions):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nhat-ky-kiem-duyet.csv"'
    response.write("\ufeff")  # a BOM, so spreadsheet programs read the Vietnamese text as UTF-8
    writer = SafeWriter(response)  # titles and notes are typed by people: no cell may run as a formula
    writer.writerow(
        [
            _("Thời điểm (GMT+7)"),
            _("Kiểm duyệt viên"),
            _("Bình luận"),
            _("Bài viết"),
            _("Từ"),
            _("Sang"),
            _("Ghi chú"),
        ]
    )
    for decision in decisions.iterator(chunk_size=2000):
        writer.writerow(
            [
                in_vietnam(decision.decided_at).strftime("%d/%m/%Y %H:%M:%S"),
                decision.moderator.get_username(),
                decision.comment_id,
                decision.comment.article.title,
                decision.get_from_status_display(),
                decision.get_to_status_display(),
                decision.note,
            ]
        )
    return response
