"""The story's own admin screens: a workflow step, its revisions and a restore. Each calls one service."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .diff import compare_revisions
from .forms import WorkflowForm
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
