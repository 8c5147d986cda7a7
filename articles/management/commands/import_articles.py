"""`manage.py import_articles FILE.jsonl`: load an archive of articles (format: docs/import-format.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.stories.importer import import_articles

PROGRESS_EVERY = 100


class Command(BaseCommand):
    help = (
        "Nhập bài viết từ tệp JSON Lines, mỗi dòng một bài; nhập lại cùng tệp sẽ cập nhật, không tạo bản sao. "
        "Định dạng: docs/import-format.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Tệp .jsonl; đường dẫn ảnh tính từ thư mục của tệp.")
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Ghi đè cả những bài đã được sửa trong tòa soạn sau lần nhập trước (mặc định: giữ bản của tòa soạn).",
        )
        parser.add_argument("--quiet", action="store_true", help="Không in tiến độ, chỉ in lỗi và tổng kết.")
        parser.add_argument(
            "--progress-every",
            type=int,
            default=PROGRESS_EVERY,
            metavar="N",
            help=f"In tiến độ sau mỗi N dòng (mặc định {PROGRESS_EVERY}).",
        )

    def handle(self, *args, file, quiet, progress_every, overwrite=False, **options):
        if not file.is_file():
            raise CommandError(_("Không tìm thấy tệp %(path)s.") % {"path": file})
        if progress_every < 1:
            raise CommandError(_("--progress-every phải là số nguyên dương."))

        counter_on_tty = not quiet and self.stdout.isatty()

        def show_progress(line_number):
            if counter_on_tty:
                self.stdout.write(f"\r{_('Đã đọc %(count)s dòng') % {'count': line_number}}", ending="")
                self.stdout.flush()
            elif line_number % progress_every == 0:
                self.stdout.write(_("Đã đọc %(count)s dòng…") % {"count": line_number})

        def show_problem(problem):
            if counter_on_tty:
                self.stdout.write("")  # end the counter's line before the message
            self.stderr.write(str(problem), style_func=self.style.WARNING if problem.is_warning else None)

        report = import_articles(
            path=file,
            overwrite=overwrite,
            on_progress=None if quiet else show_progress,
            on_problem=show_problem,
        )
        if counter_on_tty:
            self.stdout.write("")
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                ngettext(
                    "%(count)s dòng không nhập được; xem các lỗi ở trên.",
                    "%(count)s dòng không nhập được; xem các lỗi ở trên.",
                    report.failed,
                )
                % {"count": report.failed}
            )
