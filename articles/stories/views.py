"""The story's own admin screens: a workflow step, its revisions and a restore. Each calls one service."""

from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .diff import compare_revisions
from .forms import LiveEntryForm, LiveStartForm, WorkflowForm
from .models import Article
from .workflow import Status


def _article_or_404(request, pk):
    article = Article.objects.filter(pk=pk).select_related("section").first()
    model_admin = admin.site.get_model_admin(Article)
    if article is None or not model_admin.has_view_or_change_permission(request, article):
        raise Http404
    return article


# The session key of a publishing step held back by warnings, until the editor overrides or leaves.
PENDING_STEP_KEY = "articles.pending_publish_step"


def pending_step(request, article):
    """The publishing step on ``article`` that warnings held back, taken out of the session (shown once)."""
    pending = request.session.get(PENDING_STEP_KEY)
    if not pending or pending.get("pk") != article.pk:
        return None
    del request.session[PENDING_STEP_KEY]
    return pending


def _change_page(pk):
    return redirect("admin:articles_article_change", pk)


@require_POST
def workflow_step(request, pk):
    """Take one workflow step (submit, return, publish, schedule, take down) on a story."""
    article = _article_or_404(request, pk)
    form = WorkflowForm(request.POST)
    if not form.is_valid():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        messages.error(request, " ".join(errors))
        return _change_page(pk)
    try:
        services.transition_article(
            article=article,
            user=request.user,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
            publish_at=form.cleaned_data["publish_at"],
            opened_version=form.cleaned_data["version"],
            check_warnings=not form.cleaned_data["override_warnings"],
        )
    except services.PublishWarnings as warnings:
        # Shown on the story's page with a "Vẫn xuất bản" button that repeats this step with the override.
        request.session[PENDING_STEP_KEY] = {
            "pk": article.pk,
            "action": form.cleaned_data["action"],
            "note": form.cleaned_data["note"],
            "publish_at": request.POST.get("publish_at_0", ""),
            "publish_at_time": request.POST.get("publish_at_1", ""),
            "warnings": [text for _code, text in warnings.warnings],
        }
        messages.warning(request, _("Bài chưa đủ để xuất bản; xem các cảnh báo bên dưới."))
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, services.refusal_text(refusal))
    else:
        messages.success(
            request, _("Đã chuyển bài sang “%(status)s”.") % {"status": Status(article.status).label}
        )
    return _change_page(pk)


def revisions(request, pk):
    """Every revision of a story, and the word-by-word difference between two of them."""
    article = _article_or_404(request, pk)
    found = list(article.revisions.select_related("created_by"))
    numbers = {revision.number: revision for revision in found}
    comparison = None
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if a.isdigit() and b.isdigit() and int(a) in numbers and int(b) in numbers:
        old, new = sorted([numbers[int(a)], numbers[int(b)]], key=lambda revision: revision.number)
        comparison = {"old": old, "new": new, "rows": compare_revisions(old, new)}
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "article": article,
        "revisions": found,
        "comparison": comparison,
        "can_restore": services.can_edit(request.user, article),
        "title": _("Các phiên bản của “%(title)s”") % {"title": article.title},
    }
    return TemplateResponse(request, "admin/articles/article/revisions.html", context)


@require_POST
def restore(request, pk, number):
    """Copy revision ``number`` back into the story, as a new revision."""
    article = _article_or_404(request, pk)
    revision = article.revisions.filter(number=number).first()
    if revision is None:
        raise Http404
    try:
        restored = services.restore_revision(revision=revision, user=request.user)
    except (PermissionDenied, ValidationError) as refusal:
        messages.error(request, services.refusal_text(refusal))
    else:
        messages.success(
            request,
            _("Đã khôi phục phiên bản #%(old)s thành phiên bản mới #%(new)s.")
            % {"old": number, "new": restored.number},
        )
    return _change_page(pk)


# --- The live desk: start, end, and the entries of a story covered live ----------------------------------


def live_desk(request, pk):
    """A story's live coverage for the desk: start or end it (editors), post, edit or remove entries (its
    reporters and editors). A refused form is shown again with what was typed and why."""
    article = _article_or_404(request, pk)
    can_post = services.may_post_live(request.user, article)
    can_run = services.may_run_live(request.user, article)
    if not (can_post or can_run):
        raise PermissionDenied
    start_form = LiveStartForm(initial={"planned_end": _default_end(article)})
    entry_form = LiveEntryForm()
    editing, edit_form, status = None, None, 200
    if (number := _entry_number(request.GET.get("sua"))) is not None:
        editing = article.live_entries.filter(pk=number).first()
        if editing is not None:
            edit_form = LiveEntryForm(initial={"text": editing.text}, prefix="sua")
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "start":
                start_form = LiveStartForm(request.POST)
                if start_form.is_valid():
                    services.start_live(
                        article=article, user=request.user, planned_end=start_form.cleaned_data["planned_end"]
                    )
                    messages.success(request, _("Đã mở tường thuật trực tiếp."))
                    return _live_page(pk)
            elif action == "end":
                services.end_live(article=article, user=request.user)
                messages.success(request, _("Đã kết thúc tường thuật. Bài giữ nguyên các tin đã đưa."))
                return _live_page(pk)
            elif action == "add":
                entry_form = LiveEntryForm(request.POST, request.FILES)
                if entry_form.is_valid():
                    services.add_live_entry(
                        article=article,
                        user=request.user,
                        text=entry_form.cleaned_data["text"],
                        photo=entry_form.photo(),
                    )
                    messages.success(request, _("Đã đưa tin lên bài."))
                    return _live_page(pk)
            elif action in ("edit", "remove"):
                number = _entry_number(request.POST.get("entry"))
                entry = None if number is None else article.live_entries.filter(pk=number).first()
                if entry is None:
                    raise ValidationError(_("Tin này không còn trên bài (có thể vừa bị gỡ)."), code="gone")
                if action == "remove":
                    services.remove_live_entry(entry=entry, user=request.user)
                    messages.success(request, _("Đã gỡ tin khỏi bài; nội dung vẫn còn trong các phiên bản."))
                    return _live_page(pk)
                editing, edit_form = entry, LiveEntryForm(request.POST, request.FILES, prefix="sua")
                if edit_form.is_valid():
                    services.edit_live_entry(
                        entry=entry,
                        user=request.user,
                        text=edit_form.cleaned_data["text"],
                        photo=edit_form.photo(),
                        remove_photo=edit_form.cleaned_data["remove_photo"],
                    )
                    messages.success(request, _("Đã sửa tin."))
                    return _live_page(pk)
            else:
                raise ValidationError(_("Thao tác không hợp lệ."), code="unknown_action")
        except (PermissionDenied, ValidationError) as refusal:
            messages.error(request, services.refusal_text(refusal))
        status = 400  # shown again below, with what was typed
        article = _article_or_404(request, pk)
    context = {
        **admin.site.each_context(request),
        "opts": Article._meta,
        "article": article,
        "entries": list(
            article.live_entries.select_related("photo", "created_by").prefetch_related("photo__renditions")
        ),
        "can_post": can_post,
        "can_run": can_run,
        "start_form": start_form,
        "entry_form": entry_form,
        "editing": editing,
        "edit_form": edit_form,
        "reader_url": article.get_absolute_url() if article.is_public else None,
        "title": _("Tường thuật trực tiếp: “%(title)s”") % {"title": article.title},
    }
    return TemplateResponse(request, "admin/articles/article/live.html", context, status=status)


def _entry_number(value):
    """The entry number a form or link sends, or None for anything else ("", "abc", "²")."""
    value = value or ""
    return int(value) if value.isascii() and value.isdigit() else None


def _live_page(pk):
    return redirect("admin:articles_article_live", pk)


def _default_end(article):
    """The planned end a start form offers: the one set, or three hours from now, on the quarter hour."""
    if article.live_planned_end and article.live_planned_end > timezone.now():
        return timezone.localtime(article.live_planned_end)
    moment = timezone.localtime() + timedelta(hours=3)
    return moment.replace(minute=moment.minute - moment.minute % 15, second=0, microsecond=0)
