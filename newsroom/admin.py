"""The admin site: its home page is the editor's desk."""

from django.conf import settings
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class NewsroomAdminSite(admin.AdminSite):
    index_template = "admin/desk.html"
    site_title = _("Tòa soạn")
    index_title = _("Bàn làm việc")

    @property
    def site_header(self):
        return _("%(name)s – Tòa soạn") % {"name": settings.NEWSROOM["NAME"]}

    def index(self, request, extra_context=None):
        from articles.desk import build_desk

        extra_context = {**(extra_context or {}), "desk": build_desk(request.user)}
        return super().index(request, extra_context)
