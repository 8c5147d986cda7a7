from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = _("Bình luận")

    def ready(self):
        from articles.site import stored_pages

        from . import services, signal_handlers  # noqa: F401
        from .forms import make_form_token

        # The comments block of a stored article page: its form's token is dated per request, and the
        # page is right only until the comments close by age.
        stored_pages.add_hole("token", make_form_token)
        stored_pages.add_expiry(services.closing_moment)
