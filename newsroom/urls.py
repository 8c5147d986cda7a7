"""Root URLs: the admin, comments and moderation, then the reader's site (articles last: broadest patterns)."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import views

handler500 = "newsroom.views.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("quan-tri/", admin.site.urls),
    path("", include("comments.urls")),
    path("", include("newsroom.seo_urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    # Development and `make serve` only; in production nginx serves /media/ from disk.
    media = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(0, re_path(rf"^{media}(?P<path>.*)$", views.media, name="media"))
