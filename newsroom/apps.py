from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class NewsroomAdminConfig(AdminConfig):
    # Its own module: newsroom/admin.py registers models on this site, and must not be what creates it.
    default_site = "newsroom.sites.NewsroomAdminSite"


class NewsroomConfig(AppConfig):
    """The newsroom itself: the staff's sign-in security (locks, the audit list, two-step sign-in by role)."""

    name = "newsroom"
    verbose_name = _("Bảo mật tòa soạn")
    default_auto_field = "django.db.models.BigAutoField"
