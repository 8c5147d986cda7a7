"""The admin site: its home page is the editor's desk."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class NewsroomAdminSite(admin.AdminSite):
    index_template = "admin/desk.html"
    site_title = _("Tòa soạn")
    index_title = _("Bàn làm việc")
    # The desk is the way round the admin; a sidebar of every model would take a third of a laptop's width
    # from the story list and the story form.
    enable_nav_sidebar = False

    @property
    def site_header(self):
        return _("%(name)s – Tòa soạn") % {"name": settings.NEWSROOM["NAME"]}

    def index(self, request, extra_context=None):
        # Imported here: this module is loaded while the apps are being set up, before models can be.
        from articles.stories.desk import build_desk
        from comments.desk import build_moderation_desk

        desk = {**build_desk(request.user), **build_moderation_desk(request.user)}
        extra_context = {**(extra_context or {}), "desk": desk}
        return super().index(request, extra_context)
