"""Template filters for the reader's pages: Vietnamese date lines and short excerpts."""

from django import template
from django.utils.text import Truncator

from articles.site.live import poll_seconds
from articles.site.search import highlight as highlight_terms
from newsroom.common import dates

register = template.Library()


@register.filter
def publish_time(value):
    return dates.format_publish_time(value) if value else ""


@register.simple_tag
def live_poll_seconds():
    return poll_seconds()


@register.filter
def clock_time(value):
    return dates.format_clock(value) if value else ""


@register.filter
def header_date(value):
    return dates.format_header_date(value) if value else ""


@register.filter
def excerpt(value, words=30):
    """The first ``words`` words of a plain-text lead, ended with an ellipsis when cut."""
    return Truncator(value or "").words(int(words), truncate="…")


@register.filter
def highlight(value, folded_terms):
    """Mark the words of ``value`` that match the reader's search terms."""
    return highlight_terms(value or "", folded_terms)


@register.filter
def elided_range(paginator, number):
    """Page numbers around ``number`` with the first and last kept: 1 2 … 7 8 9 … 40 41."""
    return paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)


@register.filter
def iso_time(value):
    """A machine-readable time for <time datetime>, in GMT+7 and to the second: 2012-08-27T16:29:00+07:00."""
    return dates.format_iso(value) if value else ""
