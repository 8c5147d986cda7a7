from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Bình luận")

    def ready(self):
        from . import signal_handlers  # noqa: F401
