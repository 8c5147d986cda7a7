"""The newsroom's admin: an editor creates and publishes a story with its photos, authors and related stories."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_prose_editor.widgets import AdminProseEditorWidget

from . import services
from .dates import format_publish_time
from .diff import compare_revisions
from .history import Correction
from .models import Article, ArticleAuthor, ArticlePhoto, Author, Photo, RelatedArticle, Section, Tag
from .text import strip_leading_mark

# What the body editor offers: the same small set the sanitizer keeps. Pasting from Word or a web page
# goes through this schema, so only clean paragraphs, headings, lists, quotes and links survive.
BODY_EDITOR_CONFIG = {
    "extensions": {
        "Bold": True,
        "Italic": True,
        "Underline": True,
        "Strike": True,
        "Subscript": True,
        "Superscript": True,
        "Heading": {"levels": [2, 3, 4]},
        "BulletList": True,
        "OrderedList": True,
        "ListItem": True,
        "Blockquote": True,
        "HorizontalRule": True,
        "HardBreak": True,
        "Link": {"protocols": ["http", "https", "mailto"]},
        "HTML": True,
        "Typographic": True,
        "History": True,
    }
}


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


class PhotoAdminForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "alt_text"]
        error_messages = {
            "image": {
                "invalid_image": _("Tệp không phải là ảnh hợp lệ. Hãy chọn ảnh JPEG, PNG hoặc WebP."),
                "required": _("Vui lòng chọn ảnh để tải lên."),
            }
        }


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoAdminForm
    list_display = ["thumbnail", "caption", "credit", "width", "height", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["thumbnail", "width", "height"]
    fields = ["image", "thumbnail", "caption", "credit", "alt_text", "width", "height"]

    @admin.display(description=_("xem trước"))
    def thumbnail(self, photo):
        if not photo.image:
            return "—"
        return format_html('<img src="{}" alt="" style="max-height:60px">', photo.image.url)


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


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    autocomplete_fields = ["photo"]
    extra = 1


class RelatedArticleInline(admin.TabularInline):
    model = RelatedArticle
    fk_name = "from_article"
    autocomplete_fields = ["to_article"]
    extra = 1


class ArticleAdminForm(forms.ModelForm):
    # The version the editor opened; a save from an older version is an edit conflict (see clean()).
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title",
            "slug",
            "section",
            "lead",
            "body",
            "cover_photo",
            "tags",
            "published_at",
            "featured",
            "comments_open",
        ]
        widgets = {
            "body": AdminProseEditorWidget(config=BODY_EDITOR_CONFIG, preset="configurable"),
            "title": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "slug": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "lead": forms.Textarea(attrs={"rows": 3, "class": "vLargeTextField"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
        if "published_at" in self.fields:
            self.fields["published_at"].help_text = _(
                "Giờ Việt Nam (GMT+7). Dùng khi hẹn giờ; “Xuất bản ngay” lấy thời điểm bấm nút."
            )

    def clean_lead(self):
        # Archives and reporters often type the mark themselves; the page adds it, so keep it once.
        return strip_leading_mark(self.cleaned_data["lead"], settings.NEWSROOM["MARK"])

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            # The admin's change view runs in one transaction: this lock holds until the save commits.
            current = Article.objects.select_for_update().get(pk=self.instance.pk)
            opened = self.cleaned_data.get("edit_version")
            if opened != current.version:
                # Let a deliberate second save (after merging by hand) go through.
                self.data = self.data.copy()
                self.data["edit_version"] = str(current.version)
                raise forms.ValidationError(services.conflict_message(current), code="edit_conflict")
        return cleaned


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"

    class Media:
        css = {"all": ["css/admin.css"]}

    list_display = [
        "title",
        "section",
        "status_label",
        "featured",
        "published_at_vn",
        "created_by",
        "updated_at",
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        else:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            # New corrections go through the service (rights, event log, page purge); old ones never change.
            formset.save(commit=False)
            formset.new_objects = [
                services.add_correction(article=form.instance, user=request.user, text=new.text)
                for new in formset.new_objects
            ]
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines: the revision holds authors, photos and related stories as saved.
        services.save_revision(article=form.instance, user=request.user)

    def _workflow_response(self, request, obj):
        action = request.POST.get("_workflow")
        if not action:
            return None
        try:
            services.transition_article(
                article=obj, user=request.user, action=action, note=request.POST.get("_workflow_note", "")
            )
        except (ValidationError, PermissionDenied) as refusal:
            message = " ".join(refusal.messages) if isinstance(refusal, ValidationError) else str(refusal)
            self.message_user(request, message, messages.ERROR)
        else:
            self.message_user(
                request,
                _("Đã chuyển bài sang “%(status)s”.") % {"status": Article.Status(obj.status).label},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def response_change(self, request, obj):
        return self._workflow_response(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._workflow_response(request, obj) or super().response_add(request, obj, post_url_continue)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["workflow_actions"] = (
            services.allowed_transitions(request.user, obj) if obj else [services.TRANSITIONS["submit"]]
        )
        if obj is not None:
            context["preview_url"] = reverse("articles:preview", args=[obj.pk])
            context["shared_preview_url"] = request.build_absolute_uri(
                reverse("articles:shared-preview", args=[services.make_preview_token(obj)])
            )
            context["events"] = obj.events.select_related("actor")[:20]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        own = [
            path(
                "<int:pk>/phien-ban/",
                self.admin_site.admin_view(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<int:pk>/phien-ban/<int:number>/khoi-phuc/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
        ]
        return own + super().get_urls()

    def _article_or_404(self, request, pk):
        article = Article.objects.filter(pk=pk).select_related("section").first()
        if article is None or not self.has_view_or_change_permission(request, article):
            raise Http404
        return article

    def revisions_view(self, request, pk):
        article = self._article_or_404(request, pk)
        revisions = list(article.revisions.select_related("created_by"))
        comparison = None
        numbers = {revision.number: revision for revision in revisions}
        a, b = request.GET.get("a", ""), request.GET.get("b", "")
        if a.isdigit() and b.isdigit() and int(a) in numbers and int(b) in numbers:
            old, new = sorted([numbers[int(a)], numbers[int(b)]], key=lambda revision: revision.number)
            comparison = {"old": old, "new": new, "rows": compare_revisions(old, new)}
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "revisions": revisions,
            "comparison": comparison,
            "can_restore": services.can_edit(request.user, article),
            "title": _("Các phiên bản của “%(title)s”") % {"title": article.title},
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def restore_view(self, request, pk, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article_or_404(request, pk)
        revision = article.revisions.filter(number=number).first()
        if revision is None:
            raise Http404
        try:
            restored = services.restore_revision(revision=revision, user=request.user)
        except PermissionDenied as denied:
            self.message_user(request, str(denied), messages.ERROR)
        else:
            self.message_user(
                request,
                _("Đã khôi phục phiên bản #%(old)s thành phiên bản mới #%(new)s.")
                % {"old": number, "new": restored.number},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[pk]))
