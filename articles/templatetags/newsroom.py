"""Template filters for the reader's pages: Vietnamese date lines and short excerpts."""

from django import template
from django.utils.text import Truncator

from articles import dates

register = template.Library()


@register.filter
def publish_time(value):
    return dates.format_publish_time(value) if value else ""


@register.filter
def header_date(value):
    return dates.format_header_date(value) if value else ""


@register.filter
def excerpt(value, words=30):
    """The first ``words`` words of a plain-text lead, ended with an ellipsis when cut."""
    return Truncator(value or "").words(int(words), truncate="…")
