from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as OTPStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OTPTOTPAppConfig


class NewsroomAdminConfig(AdminConfig):
    # Its own module: newsroom/admin.py registers models on this site, and must not be what creates it.
    default_site = "newsroom.sites.NewsroomAdminSite"


class NewsroomConfig(AppConfig):
    """The newsroom itself: the staff's sign-in security (locks, the audit list, two-step sign-in by role)."""

    name = "newsroom"
    verbose_name = _("Bảo mật tòa soạn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .permissions import name_permissions_in_vietnamese

        # Connected after django.contrib.auth's create_permissions (auth is set up first), so the rows a
        # migrate creates in English are renamed in the same run.
        post_migrate.connect(name_permissions_in_vietnamese, dispatch_uid="newsroom.permissions")

        from . import vietnamese

        vietnamese.install()


# Third-party apps under a Vietnamese name (the permission picker shows it: "app | model | right").
class AxesConfig(AxesAppConfig):
    verbose_name = _("Chống dò mật khẩu")


class OTPTOTPConfig(OTPTOTPAppConfig):
    verbose_name = _("Ứng dụng xác thực")


class OTPStaticConfig(OTPStaticAppConfig):
    verbose_name = _("Mã dự phòng")
