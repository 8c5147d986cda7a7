"""`manage.py make_bench_archive`: fill an empty database with a large realistic archive, to measure at scale."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.demo.archive import make_archive
from articles.models import Article


class Command(BaseCommand):
    help = _(
        "Tạo kho lưu trữ để đo hiệu năng: N bài (mặc định 100.000) trải trên 15 năm, mỗi bài 3 ảnh, "
        "10 tin liên quan và 25 bình luận, ghi hàng loạt. Chỉ chạy trên cơ sở dữ liệu chưa có bài, trừ khi có --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=100_000, help=_("Số bài cần tạo."))
        parser.add_argument(
            "--seed", type=int, default=1, help=_("Hạt giống ngẫu nhiên (cùng hạt, cùng dữ liệu).")
        )
        parser.add_argument("--batch-size", type=int, default=2000, help=_("Số bài ghi trong mỗi đợt."))
        parser.add_argument(
            "--force", action="store_true", help=_("Thêm bài cả khi cơ sở dữ liệu đã có bài viết.")
        )

    def handle(self, *args, stories, seed, batch_size, force, **options):
        if stories < 1 or batch_size < 1:
            raise CommandError(_("Số bài và số bài mỗi đợt phải là số dương."))
        existing = Article.objects.count()
        if existing and not force:
            raise CommandError(
                _(
                    "Cơ sở dữ liệu đã có %(count)d bài viết: không tạo kho đo hiệu năng. "
                    "Thêm --force nếu bạn chắc chắn muốn thêm bài vào đó."
                )
                % {"count": existing}
            )
        summary = make_archive(
            stories=stories, seed=seed, batch_size=batch_size, log=lambda line: self.stdout.write(line)
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã tạo %(stories)d bài và %(comments)d bình luận trong %(seconds).0f giây.")
                % summary.__dict__
            )
        )
