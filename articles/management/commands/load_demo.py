"""`manage.py load_demo`: fill a development site with the demo paper and print the staff accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.demo import load_demo

DEV_SERVER = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = _("Nạp dữ liệu mẫu của Báo Lai Châu: chuyên mục, tác giả, bài viết, ảnh và tài khoản tòa soạn.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Chạy cả khi DEBUG tắt. Mọi tài khoản mẫu sẽ được đặt lại mật khẩu."),
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG đang tắt: đây có vẻ là máy chủ thật, không nạp dữ liệu mẫu. "
                    "Thêm --force nếu bạn chắc chắn muốn chạy."
                )
            )
        summary = load_demo()
        self.stdout.write(self.style.SUCCESS(_("Đã nạp dữ liệu mẫu.")))
        self.stdout.write(
            _(
                "%(sections)d chuyên mục, %(authors)d tác giả, %(articles)d bài viết "
                "(%(public)d đã đăng, %(drafts)d bản nháp, %(scheduled)d hẹn giờ), %(photos)d ảnh."
            )
            % summary.__dict__
        )
        self.stdout.write("")
        self.stdout.write(_("Tài khoản (mật khẩu mới được tạo mỗi lần chạy):"))
        rows = [(_("Tên đăng nhập"), _("Vai trò"), _("Mật khẩu"))]
        rows += [(account.username, account.role, account.password) for account in summary.accounts]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        for username, role, password in rows:
            self.stdout.write(f"  {username.ljust(widths[0])}  {role.ljust(widths[1])}  {password}")
        self.stdout.write("")
        self.stdout.write(_("Trang quản trị: %(url)s") % {"url": DEV_SERVER + reverse("admin:index")})
