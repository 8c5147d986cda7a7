"""A URLconf with a view that fails, to see the 500 page readers would get."""

from django.urls import path


def broken(request):
    raise RuntimeError("lỗi thử nghiệm")


urlpatterns = [path("loi/", broken)]
