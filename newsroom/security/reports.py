"""What an error report (Django's error email or page) may show of a request and of the settings.

granian puts the process environment into every request's WSGI environ, so ``request.META`` holds
``DATABASE_URL`` and ``CACHE_URL`` with their passwords. Django hides names with KEY, SECRET, PASS, TOKEN...
but not URLs, so this filter also hides every name ending in ``_URL`` or ``_DSN``.
"""

import re

from django.views.debug import SafeExceptionReporterFilter


class NewsroomReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        SafeExceptionReporterFilter.hidden_settings.pattern + r"|_URL$|_DSN$|^DATABASES$|^CACHES$",
        flags=re.IGNORECASE,
    )
