from django.urls import path, re_path

from .site import live, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    re_path(
        r"^(?P<section>[-a-z0-9]+)/(?P<slug>[-a-z0-9]*)-(?P<pk>[0-9]+)\.html$",
        views.article_detail,
        name="detail",
    ),
    path("tim-kiem/", views.search, name="search"),
    path("luot-doc/<int:pk>/", views.view_beacon, name="view-beacon"),
    path("truc-tiep/<int:pk>/", live.live_updates, name="live"),
    path("the/<slug:slug>/", views.tag_detail, name="tag"),
    path("tac-gia/<slug:slug>/", views.author_detail, name="author"),
    path("xem-truoc/<int:pk>/", views.preview, name="preview"),
    path("xem-truoc/chia-se/<str:token>/", views.shared_preview, name="shared-preview"),
    path("<slug:slug>/", views.section_detail, name="section"),
]
