"""`manage.py render_stories`: render and store the page of every public story (articles/site/stored_pages.py).

After a deploy every stored page is stale (the code's fingerprint changed), and a reader's first view of an
archive story would render it. Run this once the new code is up (docs/deploy.md): it renders each public
story for the site's address (SITE_URL) as an anonymous reader sees it, skipping those still current.
``--part 1/2`` and ``--part 2/2`` in two processes share the work between two cores.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from articles.models import Article
from articles.site import stored_pages
from articles.site.views import store_page


class ReaderRequest(HttpRequest):
    """An anonymous reader's GET on ``origin`` (scheme://host), for rendering outside a request."""

    def __init__(self, origin):
        super().__init__()
        parts = urlsplit(origin)
        self._origin_scheme = parts.scheme
        self.method = "GET"
        self.path = self.path_info = "/"
        self.META = {
            "REQUEST_METHOD": "GET",
            "HTTP_HOST": parts.netloc,
            "SERVER_NAME": parts.hostname or "",
            "SERVER_PORT": str(parts.port or (443 if parts.scheme == "https" else 80)),
        }
        self.user = AnonymousUser()

    def _get_scheme(self):
        return self._origin_scheme


def _part(value):
    try:
        index, count = (int(number) for number in value.split("/"))
    except ValueError as exc:
        raise CommandError(_("--part phải có dạng K/N, ví dụ 1/2.")) from exc
    if not 1 <= index <= count:
        raise CommandError(_("--part phải có dạng K/N với 1 ≤ K ≤ N."))
    return index, count


class Command(BaseCommand):
    help = "Dựng sẵn và lưu trang của mọi bài đang xuất bản, để lượt đọc đầu tiên không phải dựng trang."

    def add_arguments(self, parser):
        parser.add_argument("--origin", default=None, help=_("Địa chỉ trang (mặc định: SITE_URL)."))
        parser.add_argument("--part", default="1/1", help=_("Phần việc của tiến trình này, K/N."))
        parser.add_argument("--force", action="store_true", help=_("Dựng lại cả trang còn mới."))

    def handle(self, *args, origin, part, force, **options):
        origin = (origin or settings.SITE_URL).rstrip("/")
        if urlsplit(origin).scheme not in ("http", "https") or not urlsplit(origin).netloc:
            raise CommandError(_("Địa chỉ trang không hợp lệ: %(origin)s") % {"origin": origin})
        index, count = _part(part)
        request = ReaderRequest(origin)
        request.get_host()  # the address must be one the site answers (ALLOWED_HOSTS): a clear error now
        started = time.monotonic()
        rendered = current = 0
        ids = Article.objects.published().order_by("pk").values_list("pk", flat=True)
        for pk in ids.iterator(chunk_size=2000):
            if pk % count != index - 1:
                continue
            found = stored_pages.lookup(pk, origin)
            if found is None or not found.is_public:
                continue
            if found.segments is not None and not force:
                current += 1
                continue
            store_page(request, found, origin, Article.objects.page_story(pk))
            rendered += 1
        self.stdout.write(
            _("Đã dựng %(rendered)s trang bài trong %(seconds).0f giây; %(current)s trang còn mới.")
            % {"rendered": rendered, "seconds": time.monotonic() - started, "current": current}
        )
