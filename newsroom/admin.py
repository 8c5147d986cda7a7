"""Sign-in security in the admin: locks the managing editor lifts, the sign-in audit, two-step sign-in by role,
and django-otp's device screens with Vietnamese headings."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import RoleSecurity, SignInFailure, SignInLock, SignInRecord


def _column(field, label):
    """A list column with a Vietnamese heading (django-axes names its fields in English)."""

    @admin.display(description=label, ordering=field)
    def show(obj):
        value = getattr(obj, field)
        return "—" if value in (None, "") else value

    show.__name__ = f"col_{field}"
    return show


USERNAME = _column("username", _("tên đăng nhập"))
ADDRESS = _column("ip_address", _("địa chỉ IP"))
AT = _column("attempt_time", _("thời điểm"))
BROWSER = _column("user_agent", _("trình duyệt"))
FAILURES = _column("failures_since_start", _("số lần sai"))
LOGOUT = _column("logout_time", _("đăng xuất lúc"))


@admin.display(description=_("bị khóa"), boolean=True, ordering="locked_out")
def LOCKED(obj):  # noqa: N802 - a column, named like the others
    return obj.locked_out


class ReadOnly(admin.ModelAdmin):
    """An audit list: nobody adds or edits its rows."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SignInLock)
class SignInLockAdmin(ReadOnly):
    list_display = [USERNAME, ADDRESS, FAILURES, AT, BROWSER]
    search_fields = ["username", "ip_address"]
    fields = readonly_fields = [USERNAME, ADDRESS, FAILURES, AT, BROWSER]
    actions = ["lift"]

    @admin.action(description=_("Mở khóa đăng nhập"), permissions=["delete"])
    def lift(self, request, queryset):
        count = queryset.count()
        queryset.delete()
        self.message_user(
            request,
            ngettext("Đã mở khóa %(count)d lượt.", "Đã mở khóa %(count)d lượt.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(SignInRecord)
class SignInRecordAdmin(ReadOnly):
    list_display = [USERNAME, ADDRESS, AT, LOGOUT, BROWSER]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignInFailure)
class SignInFailureAdmin(ReadOnly):
    list_display = [USERNAME, ADDRESS, AT, LOCKED, BROWSER]
    list_filter = ["locked_out"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoleSecurity)
class RoleSecurityAdmin(admin.ModelAdmin):
    list_display = ["group", "require_two_factor"]
    list_editable = ["require_two_factor"]
    list_select_related = ["group"]
    # The role by name, not as the read-only field's link to the group's page: only an admin may open that.
    fields = ["role", "require_two_factor"]

    def has_add_permission(self, request):
        return False  # one row per role, made by the migrations

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["role"]

    @admin.display(description=_("vai trò"))
    def role(self, obj):
        return obj.group.name


# django-otp titles its fieldsets in plain English.
OTP_FIELDSETS = {
    "Identity": _("Thiết bị"),
    "Timestamps": _("Thời điểm"),
    "Configuration": _("Cấu hình"),
    "State": _("Độ lệch đồng hồ"),
    "Throttling": _("Chặn dò mã"),
}
OTP_SEARCH_HELP = _("Tìm theo tên đăng nhập hoặc địa chỉ email của người dùng.")


class VietnameseFieldsets:
    def get_fieldsets(self, request, obj=None):
        return [
            (OTP_FIELDSETS.get(name, name), options) for name, options in super().get_fieldsets(request, obj)
        ]


class NewsroomTOTPDeviceAdmin(VietnameseFieldsets, TOTPDeviceAdmin):
    search_help_text = OTP_SEARCH_HELP

    @admin.display(description=_("mã QR"))
    def qrcode_link(self, device):
        href = reverse("admin:otp_totp_totpdevice_config", kwargs={"pk": device.pk})
        return format_html('<a href="{}">{}</a>', href, _("Xem mã QR"))


class NewsroomStaticDeviceAdmin(VietnameseFieldsets, StaticDeviceAdmin):
    search_help_text = OTP_SEARCH_HELP


for model, model_admin in [(TOTPDevice, NewsroomTOTPDeviceAdmin), (StaticDevice, NewsroomStaticDeviceAdmin)]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
