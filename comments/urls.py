from django.urls import path

from . import moderation, views

app_name = "comments"

urlpatterns = [
    path("binh-luan/token/", views.csrf_token, name="csrf-token"),
    path("binh-luan/gui/<int:article_pk>/", views.post_comment, name="post"),
    path("binh-luan/<int:comment_pk>/bao-vi-pham/", views.report_comment, name="report"),
    path("kiem-duyet/", moderation.queue, name="queue"),
    path("kiem-duyet/quyet-dinh/", moderation.decide, name="decide"),
    path("kiem-duyet/bao-cao/", moderation.reports, name="reports"),
    path("kiem-duyet/bao-cao/<int:pk>/giu-lai/", moderation.keep_reported, name="keep-reported"),
    path("kiem-duyet/<int:pk>/tra-loi/", moderation.reply, name="reply"),
    path("kiem-duyet/nhat-ky/", moderation.decision_log, name="log"),
]
