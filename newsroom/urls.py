"""Root URLs: the admin, comments and moderation, then the reader's site (articles last: broadest patterns)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import views
from .security import views as security

handler403 = "newsroom.views.permission_denied"
handler404 = "newsroom.views.page_not_found"
handler500 = "newsroom.views.server_error"

security_urls = [
    path("bao-mat/", security.setup, name="setup"),
    path("xac-thuc/", security.verify, name="verify"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("csp-report/", views.csp_report, name="csp-report"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.web_manifest, name="web-manifest"),
    path("quan-tri/", include((security_urls, "security"))),
    # "admin_password_reset" is the name the admin's login page looks for to offer "Quên mật khẩu".
    path("quan-tri/quen-mat-khau/", security.PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "quan-tri/quen-mat-khau/da-gui/", security.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "quan-tri/dat-lai-mat-khau/<uidb64>/<token>/",
        security.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "quan-tri/dat-lai-mat-khau/xong/",
        security.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("quan-tri/", admin.site.urls),
    path("", include("comments.urls")),
    path("", include("newsroom.seo_urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    # Development and `make serve` only; in production nginx serves /media/ from disk.
    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(0, re_path(rf"^{media}(?P<path>.*)$", views.media, name="media"))
