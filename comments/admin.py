"""Comments in the admin: the same decisions as the queue page (same service), the log read-only."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Comment, CommentFlag, CommentReport, ModerationDecision, WordListEntry


class CommentFlagInline(admin.TabularInline):
    model = CommentFlag
    extra = 0
    can_delete = False
    readonly_fields = ["code", "detail"]

    def has_add_permission(self, request, obj=None):
        return False


def _decision_action(to_status, description):
    def action(modeladmin, request, queryset):
        try:
            moved = services.moderate_comments(
                comments=list(queryset.order_by("pk")), moderator=request.user, to_status=to_status
            )
        except PermissionDenied as denied:
            modeladmin.message_user(request, str(denied), messages.ERROR)
            return
        modeladmin.message_user(
            request,
            _("Đã chuyển %(count)d bình luận sang “%(status)s”.")
            % {"count": moved, "status": Comment.Status(to_status).label},
        )

    action.__name__ = f"mark_{to_status}"
    return admin.action(description=description, permissions=["moderate"])(action)


# Read-only foreign keys are shown as text, not as Django's links to the related object's admin page:
# a moderator may not open a story's or an account's page, and a link must never lead to a refusal.


def _person(user):
    return (user.get_full_name() or user.get_username()) if user else "—"


@admin.display(description=_("bài viết"))
def article_title(obj):
    article = obj.article
    if article.is_public:
        return format_html('<a href="{}">{}</a>', article.get_absolute_url(), article.title)
    return article.title


@admin.display(description=_("người trả lời (tòa soạn)"))
def staff_author_name(obj):
    return _person(obj.staff_author)


@admin.display(description=_("người xử lý"))
def resolved_by_name(obj):
    return _person(obj.resolved_by)


@admin.display(description=_("người kiểm duyệt"))
def moderator_name(obj):
    return _person(obj.moderator)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_body", "article", "status", "reasons", "submitted_at", "ip_address"]
    list_filter = ["status", "flags__code", "submitted_at"]
    list_select_related = ["article"]
    search_fields = ["name", "email", "body", "ip_address"]
    date_hierarchy = "submitted_at"
    inlines = [CommentFlagInline]
    actions = [
        _decision_action(Comment.Status.APPROVED, _("Duyệt các bình luận đã chọn")),
        _decision_action(Comment.Status.REJECTED, _("Từ chối các bình luận đã chọn")),
        _decision_action(Comment.Status.SPAM, _("Đánh dấu spam các bình luận đã chọn")),
    ]
    readonly_fields = [
        article_title,
        "parent",
        "name",
        "email",
        "body",
        "status",
        staff_author_name,
        "ip_address",
        "user_agent",
        "submitted_at",
    ]
    fields = readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("flags")

    def has_add_permission(self, request):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm(services.MODERATE_PERMISSION)

    @admin.display(description=_("nội dung"))
    def short_body(self, comment):
        return comment.body[:80]

    @admin.display(description=_("lý do"))
    def reasons(self, comment):
        return format_html_join(", ", "{}", ((flag.get_code_display(),) for flag in comment.flags.all()))


@admin.register(ModerationDecision)
class ModerationDecisionAdmin(admin.ModelAdmin):
    list_display = ["decided_at", "moderator", "comment", "from_status", "to_status", "note"]
    list_filter = ["to_status", "from_status", "moderator", "decided_at"]
    list_select_related = ["moderator", "comment"]
    date_hierarchy = "decided_at"
    fields = readonly_fields = ["decided_at", moderator_name, "comment", "from_status", "to_status", "note"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WordListEntry)
class WordListEntryAdmin(admin.ModelAdmin):
    list_display = ["word", "kind", "created_at"]
    list_editable = ["kind"]
    list_filter = ["kind"]
    search_fields = ["word"]


@admin.register(CommentReport)
class CommentReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "detail", "reported_at", "resolved_at", "resolved_by"]
    list_filter = ["reason", "resolved_at"]
    list_select_related = ["comment", "resolved_by"]
    readonly_fields = [
        "comment",
        "reason",
        "detail",
        "ip_address",
        "reported_at",
        "resolved_at",
        resolved_by_name,
    ]

    def has_add_permission(self, request):
        return False
