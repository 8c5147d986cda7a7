"""`manage.py flush_views`: write the readers' view counts of every ended minute from the cache to the database."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.site.readership import flush_views


class Command(BaseCommand):
    help = (
        "Ghi lượt đọc của các phút đã qua từ bộ nhớ đệm vào cơ sở dữ liệu (mục “Đọc nhiều”); "
        "phút nào đã ghi thì bỏ qua."
    )

    def handle(self, *args, **options):
        written = flush_views()
        self.stdout.write(_("Đã ghi %(count)s lượt đọc.") % {"count": written})
