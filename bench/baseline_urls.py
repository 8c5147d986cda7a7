"""The site's URLs plus the naive baseline page at /bench/baseline/<pk>/; used only by bench/archive.sh."""

from django.urls import path

from newsroom.urls import handler403, handler404, handler500
from newsroom.urls import urlpatterns as site_urlpatterns

from . import baseline

urlpatterns = [path("bench/baseline/<int:pk>/", baseline.article, name="bench-baseline"), *site_urlpatterns]

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]
