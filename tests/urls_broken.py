"""A URLconf with views that fail, to see the error pages readers and the newsroom's staff would get."""

from django.contrib import admin
from django.db import OperationalError
from django.urls import path


def broken(request):
    raise RuntimeError("lỗi thử nghiệm")


def database_away(request):
    # What psycopg raises (wrapped by Django) while PostgreSQL restarts: the connection is refused.
    raise OperationalError('connection to server on socket "/run/postgresql/.s.PGSQL.5432" failed')


handler500 = "newsroom.views.server_error"
urlpatterns = [
    path("loi/", broken),
    path("mat-ket-noi/", database_away),
    path("quan-tri/loi/", broken),
    path("quan-tri/", admin.site.urls),
]
