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

    def ready(self):
        from django.db.models.signals import post_migrate

        from .permissions import name_permissions_in_vietnamese

        # Connected after django.contrib.auth's create_permissions (auth is set up first), so the rows a
        # migrate creates in English are renamed in the same run.
        post_migrate.connect(name_permissions_in_vietnamese, dispatch_uid="newsroom.permissions")
