"""Side effects of deleting photos: their files leave the storage once the deletion commits."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Photo, Rendition


def _delete_file(storage, name):
    if name:
        storage.delete(name)


# post_delete runs for every way a row goes (admin, bulk delete, cascade); a rolled-back deletion keeps
# its files because nothing happens before the commit.
@receiver(post_delete, sender=Photo, dispatch_uid="photos.delete_image_file")
@receiver(post_delete, sender=Rendition, dispatch_uid="photos.delete_rendition_file")
def delete_files_on_commit(sender, instance, **kwargs):
    field = instance.image if sender is Photo else instance.file
    transaction.on_commit(partial(_delete_file, field.storage, field.name))
