"""Comment settings with their defaults, read when used (never at import time)."""

from django.conf import settings

DEFAULTS = {
    # Flood limits, per IP address and per email.
    "COMMENTS_MIN_INTERVAL_SECONDS": 15,
    "COMMENTS_MAX_PER_HOUR": 10,
    # The same text from the same email on the same article within this window is stored once.
    "COMMENTS_DUPLICATE_WINDOW_SECONDS": 600,
    # The signed form token (article + render time) is refused after this age.
    "COMMENTS_TOKEN_MAX_AGE_SECONDS": 2 * 60 * 60,
    # A form sent sooner than this after it was rendered is treated as a robot's.
    "COMMENTS_MIN_FILL_SECONDS": 3,
    # Close comments on every article this many days after publication (None: never).
    "COMMENTS_CLOSE_AFTER_DAYS": None,
    "COMMENTS_PAGE_SIZE": 20,
    # At most one "comments are waiting" mail to moderators per this many seconds.
    "COMMENTS_NOTIFY_INTERVAL_SECONDS": 15 * 60,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
