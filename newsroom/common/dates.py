"""Dates as Vietnamese newspapers print them, always in GMT+7 (Asia/Ho_Chi_Minh)."""

import zoneinfo

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
WEEKDAYS = (
    gettext_noop("Thứ hai"),
    gettext_noop("Thứ ba"),
    gettext_noop("Thứ tư"),
    gettext_noop("Thứ năm"),
    gettext_noop("Thứ sáu"),
    gettext_noop("Thứ bảy"),
    gettext_noop("Chủ nhật"),
)


def weekday_name(moment):
    # Only the day shown is translated: a page prints dozens of dates (every comment, every card).
    return _(WEEKDAYS[moment.weekday()])


def in_vietnam(moment):
    return moment.astimezone(VIETNAM)


def format_iso(moment):
    """'2024-04-24T23:04:00+07:00': ISO 8601 (W3C) in GMT+7, to the second (what <time> and feeds want)."""
    return in_vietnam(moment).isoformat(timespec="seconds")


def format_publish_time(moment):
    """'Thứ hai, 27/08/2012 - 16:29': the publish time under an article's title."""
    local = in_vietnam(moment)
    return f"{weekday_name(local)}, {local:%d/%m/%Y - %H:%M}"


def format_header_date(moment):
    """'Thứ tư, 24/04/2024, 23:04 [GMT+7]': the date line at the top of every page."""
    local = in_vietnam(moment)
    return f"{weekday_name(local)}, {local:%d/%m/%Y, %H:%M} [GMT+7]"


def format_clock(moment):
    """'16:29 · 27/08': an entry's time in live coverage (the year is the story's)."""
    local = in_vietnam(moment)
    return f"{local:%H:%M} · {local:%d/%m}"
