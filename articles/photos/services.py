"""Every write on the photo library: a photo is stored, its renditions made after commit, its files removed."""

from django.db import transaction

from ..site.page_cache import purge_site
from .models import Photo
from .originals import reencode
from .renditions import make_renditions_on_commit


def save_photo(*, photo, image_changed=None):
    """Save ``photo`` (new or edited); a new image is re-encoded, and its renditions made once the save commits.

    The admin, the archive importer and the demo loader all store photos through here, so every stored
    original is one Pillow wrote (no appended payload, no GPS position) and no page ever has to make a
    rendition while a reader waits.
    """
    if image_changed is None:
        image_changed = photo.pk is None or _image_changed(photo)
    if image_changed and photo.image and not getattr(photo.image, "_committed", True):
        # A file not stored yet (an upload, an import): what is stored is the re-encoded image.
        cleaned = reencode(photo.image.file)
        photo.image.save(cleaned.name, cleaned, save=False)
    with transaction.atomic():
        photo.save()
        if image_changed:
            make_renditions_on_commit(photo)
        # Captions and credits show on every page that uses the photo.
        transaction.on_commit(purge_site)
    return photo


def _image_changed(photo):
    stored = Photo.objects.filter(pk=photo.pk).values_list("image", flat=True).first()
    return stored != photo.image.name
