"""Every write on the photo library: a photo is stored, its renditions made after commit, its files removed."""

from django.db import transaction

from ..site.page_cache import purge_site
from .models import Photo
from .renditions import make_renditions_on_commit


def save_photo(*, photo, image_changed=None):
    """Save ``photo`` (new or edited); when its image is new, its renditions are made once the save commits.

    The admin, the archive importer and the demo loader all store photos through here, so no page ever
    has to make a rendition while a reader waits.
    """
    if image_changed is None:
        image_changed = photo.pk is None or _image_changed(photo)
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
