"""`manage.py load_demo`: fill an empty development site with the demo paper and print the staff accounts."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.translation import gettext as _

from articles.demo.loader import DemoLoadError, PasswordSource, load_demo

DEV_SERVER = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = _(
        "Nạp dữ liệu mẫu của Báo Lai Châu vào cơ sở dữ liệu chưa có bài: chuyên mục, tác giả, bài viết, ảnh, "
        "bình luận và tài khoản tòa soạn. Cơ sở dữ liệu đã có bài thì giữ nguyên, trừ khi có --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=_("Xóa mọi bài viết, ảnh, bình luận, thẻ, tác giả, chuyên mục rồi nạp lại dữ liệu mẫu."),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Chạy cả khi DEBUG tắt. Khi nạp, mọi tài khoản mẫu được đặt lại mật khẩu."),
        )

    def handle(self, *args, reset=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG đang tắt: đây có vẻ là máy chủ thật, không nạp dữ liệu mẫu. "
                    "Thêm --force nếu bạn chắc chắn muốn chạy."
                )
            )
        try:
            summary = load_demo(reset=reset)
        except DemoLoadError as error:
            raise CommandError(str(error)) from error

        if summary.loaded:
            self.stdout.write(self.style.SUCCESS(_("Đã nạp dữ liệu mẫu.")))
            self.stdout.write(
                _(
                    "%(sections)d chuyên mục, %(authors)d tác giả, %(articles)d bài viết "
                    "(%(public)d đã đăng, %(drafts)d bản nháp, %(scheduled)d hẹn giờ), %(photos)d ảnh, "
                    "%(comments)d bình luận."
                )
                % summary.__dict__
            )
            for warning in summary.warnings:
                self.stderr.write(warning)
        else:
            self.stdout.write(
                _(
                    "Cơ sở dữ liệu đã có %(articles)d bài viết: không thay đổi gì, mọi chỉnh sửa được giữ "
                    "nguyên. Chạy `manage.py load_demo --reset` để xóa hết và nạp lại dữ liệu mẫu từ đầu."
                )
                % {"articles": summary.articles}
            )
        if summary.accounts:
            self._write_accounts(summary)
        self.stdout.write("")
        self.stdout.write(_("Trang quản trị: %(url)s") % {"url": DEV_SERVER + reverse("admin:index")})

    def _write_accounts(self, summary):
        self.stdout.write("")
        self.stdout.write(
            {
                PasswordSource.SETTING: _(
                    "Tài khoản (mật khẩu là DEMO_PASSWORD trong .env hoặc biến môi trường, "
                    "giống nhau mỗi lần chạy):"
                ),
                PasswordSource.RANDOM: _(
                    "Tài khoản (mật khẩu mới được tạo ngẫu nhiên lần này; "
                    "đặt DEMO_PASSWORD trong .env để giữ cố định):"
                ),
            }.get(summary.password_source, _("Tài khoản:"))
        )
        rows = [(_("Tên đăng nhập"), _("Vai trò"), _("Mật khẩu"))]
        rows += [(account.username, account.role, account.password) for account in summary.accounts]
        widths = [max(len(row[column]) for row in rows) for column in range(2)]
        for username, role, password in rows:
            self.stdout.write(f"  {username.ljust(widths[0])}  {role.ljust(widths[1])}  {password}")
