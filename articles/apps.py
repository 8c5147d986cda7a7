from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Bài viết")

    def ready(self):
        from .photos import signal_handlers  # noqa: F401
        from .stories import signal_handlers as story_signal_handlers  # noqa: F401
