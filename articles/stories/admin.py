"""The story admin: an editor writes a story with its photos, authors and related stories; the service saves it.

Declarative: saving goes through ``services.save_article``, the workflow buttons post to
``views.workflow_step``, restore to ``views.restore``; nothing here writes a story itself.
"""

from django.contrib import admin, messages
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.common.dates import format_publish_time
from newsroom.common.sanitizer import sanitize_html

from ..photos.admin import thumbnail_html
from . import services, views, workflow
from .forms import ArticleAdminForm, BulkActionForm, WorkflowForm
from .history import Correction
from .models import Article, ArticleAuthor, ArticlePhoto, Author, RelatedArticle, Section, Tag


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    autocomplete_fields = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class CorrectionInline(admin.StackedInline):
    """Corrections already published are shown read-only; the managing editor adds new ones here."""

    model = Correction
    extra = 1
    fields = ["text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return obj is not None and obj.is_public and request.user.has_perm("articles.correct_article")

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    autocomplete_fields = ["author"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    autocomplete_fields = ["photo"]
    fields = ["photo", "thumbnail", "position", "caption", "credit", "alt_text"]
    readonly_fields = ["thumbnail"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("photo").prefetch_related("photo__renditions")

    @admin.display(description=_("xem trước"))
    def thumbnail(self, use):
        return thumbnail_html(use.photo if use.photo_id else None)


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("to_article")


# What each bulk action reports: the summary of what was done, then one line per refused story.
_BULK_DONE = {
    "publish": lambda n: ngettext(
        "Đã xuất bản %(count)d bài: %(titles)s.", "Đã xuất bản %(count)d bài: %(titles)s.", n
    ),
    "schedule": lambda n: ngettext(
        "Đã hẹn giờ xuất bản %(count)d bài: %(titles)s.", "Đã hẹn giờ xuất bản %(count)d bài: %(titles)s.", n
    ),
    "take_down": lambda n: ngettext(
        "Đã gỡ %(count)d bài: %(titles)s.", "Đã gỡ %(count)d bài: %(titles)s.", n
    ),
    "feature": lambda n: ngettext(
        "Đã đưa %(count)d bài lên nổi bật: %(titles)s.", "Đã đưa %(count)d bài lên nổi bật: %(titles)s.", n
    ),
    "unfeature": lambda n: ngettext(
        "Đã bỏ nổi bật %(count)d bài: %(titles)s.", "Đã bỏ nổi bật %(count)d bài: %(titles)s.", n
    ),
}


def _bulk_action(action, description, permission):
    """An action of the story list that runs ``services.apply_in_bulk`` and reports per story."""

    def run(modeladmin, request, queryset):
        form = modeladmin.action_form(request.POST)
        form.fields["action"].choices = modeladmin.get_action_choices(request)
        if not form.is_valid():
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            modeladmin.message_user(request, " ".join(errors), messages.ERROR)
            return
        done, refused = services.apply_in_bulk(
            articles=list(queryset.select_related(None).order_by("pk")),
            user=request.user,
            action=action,
            note=form.cleaned_data["note"],
            publish_at=form.cleaned_data["publish_at"],
        )
        if done:
            titles = ", ".join(f"“{article.title}”" for article in done)
            modeladmin.message_user(
                request,
                _BULK_DONE[action](len(done)) % {"count": len(done), "titles": titles},
                messages.SUCCESS,
            )
        for article, reason in refused:
            modeladmin.message_user(
                request,
                _("Không thực hiện với “%(title)s”: %(reason)s") % {"title": article.title, "reason": reason},
                messages.ERROR,
            )
        if not done and not refused:
            modeladmin.message_user(request, _("Không có bài nào cần thay đổi."), messages.INFO)

    run.__name__ = f"{action}_selected"
    return admin.action(description=description, permissions=[permission])(run)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    action_form = BulkActionForm
    actions = [
        _bulk_action("publish", _("Xuất bản ngay các bài chờ duyệt đã chọn"), "publish"),
        _bulk_action("schedule", _("Hẹn giờ xuất bản các bài chờ duyệt đã chọn"), "publish"),
        _bulk_action("feature", _("Đưa các bài đã chọn lên nổi bật"), "publish"),
        _bulk_action("unfeature", _("Bỏ nổi bật các bài đã chọn"), "publish"),
        _bulk_action("take_down", _("Gỡ các bài đã chọn (ghi lý do)"), "takedown"),
    ]
    change_form_template = "admin/articles/article/change_form.html"

    class Media:
        # admin.css is on every admin page (templates/admin/base_site.html); the action bar's script here.
        js = ["js/article-bulk.js"]

    list_display = [
        "title",
        "section",
        "status_label",
        "featured",
        "published_at_vn",
        "created_by",
        "updated_at_vn",
    ]
    list_filter = ["status", "featured", "section", "authors", "published_at"]
    list_select_related = ["section", "created_by"]
    search_fields = ["title"]
    search_help_text = _("Tìm theo tiêu đề và sapo, gõ có dấu hay không dấu đều được.")
    date_hierarchy = "published_at"
    autocomplete_fields = ["section", "tags", "cover_photo"]
    inlines = [ArticleAuthorInline, ArticlePhotoInline, RelatedArticleInline, CorrectionInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "section", "lead", "body", "cover_photo", "tags", "edit_version"]},
        ),
        (_("Xuất bản"), {"fields": ["status", "published_at", "featured", "comments_open", "external_id"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (a reporter's submitted story): the body as a page draws it, not its tags; and no
        # version to send back, since there is no save.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "body_rendered" if f == "body" else f
                        for f in options["fields"]
                        if f != "edit_version"
                    ],
                },
            )
            for name, options in fieldsets
        ]

    @admin.display(description=_("nội dung"))
    def body_rendered(self, article):
        # Sanitized again here: a body stored before the allow-list changed must not reach staff unfiltered.
        return format_html('<div class="readonly-body">{}</div>', mark_safe(sanitize_html(article.body)))  # noqa: S308

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "external_id"]
        if not request.user.has_perm("articles.publish_article"):
            readonly += ["published_at", "featured", "comments_open"]
        return readonly

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.PUBLISH)

    def has_takedown_permission(self, request):
        return request.user.has_perm(workflow.TAKE_DOWN)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return queryset.matching(search_term), False

    @admin.display(description=_("trạng thái"), ordering="status")
    def status_label(self, article):
        return article.shown_status.label

    @admin.display(description=_("xuất bản (GMT+7)"), ordering="published_at")
    def published_at_vn(self, article):
        return format_publish_time(article.published_at) if article.published_at else "—"

    @admin.display(description=_("cập nhật (GMT+7)"), ordering="updated_at")
    def updated_at_vn(self, article):
        # The same date line as everywhere else in the newsroom, not Django's long format.
        return format_publish_time(article.updated_at)

    def save_model(self, request, obj, form, change):
        """Nothing yet: save_related saves the story and everything hanging off it in one service call."""

    def save_related(self, request, form, formsets, change):
        def write_related(article):
            form.save_m2m()
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

        services.save_article(
            article=form.instance,
            user=request.user,
            opened_version=form.cleaned_data.get("edit_version") if change else None,
            write_related=write_related,
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            # New corrections go through their service (rights, event log, page purge); old ones never change.
            formset.save(commit=False)
            formset.new_objects = [
                services.add_correction(article=form.instance, user=request.user, text=new.text)
                for new in formset.new_objects
            ]
            return
        super().save_formset(request, form, formset, change)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["workflow_actions"] = services.allowed_transitions(request.user, obj)
            context["workflow_form"] = WorkflowForm(
                initial={"version": obj.version, "publish_at": obj.published_at}
            )
            context["workflow_url"] = reverse("admin:articles_article_workflow", args=[obj.pk])
            context["preview_url"] = reverse("articles:preview", args=[obj.pk])
            context["shared_preview_url"] = request.build_absolute_uri(
                reverse("articles:shared-preview", args=[services.make_preview_token(obj)])
            )
            context["events"] = obj.events.select_related("actor")[:20]
            context["live_desk"] = services.may_open_live_desk(request.user, obj)
            if any(action.action in services.PUBLISHING_ACTIONS for action in context["workflow_actions"]):
                # Known before the click: the buttons show them at once; the server checks them again.
                context["publish_warnings"] = [text for _code, text in services.publish_warnings(obj)]
                context["pending_step"] = views.pending_step(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        own = [
            path("<int:pk>/quy-trinh/", wrap(views.workflow_step), name="articles_article_workflow"),
            path("<int:pk>/phien-ban/", wrap(views.revisions), name="articles_article_revisions"),
            path("<int:pk>/truc-tiep/", wrap(views.live_desk), name="articles_article_live"),
            path(
                "<int:pk>/phien-ban/<int:number>/khoi-phuc/",
                wrap(views.restore),
                name="articles_article_restore",
            ),
        ]
        return own + super().get_urls()
