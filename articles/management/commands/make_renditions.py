"""`manage.py make_renditions`: make the missing renditions of every photo, so no reader waits for one."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.photos.models import Photo
from articles.photos.renditions import IMAGE_ERRORS, ensure_renditions


class Command(BaseCommand):
    help = (
        "Tạo trước các bản ảnh (WebP, JPEG theo từng chiều rộng) còn thiếu của mọi ảnh; "
        "bản đã có được giữ nguyên."
    )

    def handle(self, *args, **options):
        photos = made = failed = 0
        for photo in Photo.objects.order_by("pk").prefetch_related("renditions").iterator(chunk_size=200):
            photos += 1
            known = {rendition.pk for rendition in photo.renditions.all()}
            try:
                renditions = ensure_renditions(photo)
            except IMAGE_ERRORS as exc:
                failed += 1
                self.stderr.write(
                    _("Ảnh %(pk)s (%(name)s): %(error)s")
                    % {"pk": photo.pk, "name": photo.image.name, "error": exc}
                )
                continue
            made += sum(rendition.pk not in known for rendition in renditions)
        self.stdout.write(
            _("%(photos)s ảnh: đã tạo %(made)s bản ảnh mới, %(failed)s ảnh lỗi.")
            % {"photos": photos, "made": made, "failed": failed}
        )
        if failed:
            raise CommandError(_("%(failed)s ảnh không đọc được; xem các lỗi ở trên.") % {"failed": failed})
