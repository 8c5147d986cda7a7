"""Values every page template needs: the newspaper's identity and colour, the section menu, the current time."""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from .webapp import THEME_COLOR


def newspaper(request):
    from articles.models import Section

    return {
        "newspaper": settings.NEWSROOM,
        "theme_color": THEME_COLOR,
        "now": timezone.now(),
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.active())),
    }
