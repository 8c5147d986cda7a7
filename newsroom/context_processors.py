"""Values every page template needs: the newspaper's identity, the section menu and the current time."""

from django.conf import settings
from django.utils import timezone
from django.utils.functional import SimpleLazyObject


def newspaper(request):
    from articles.models import Section

    return {
        "newspaper": settings.NEWSROOM,
        "now": timezone.now(),
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.active())),
    }
