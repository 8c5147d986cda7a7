"""Side effects of editing sections, authors and tags in the admin: reader pages show them, so purge them
(cached copies) and make every stored article page stale (articles/site/stored_pages.py)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..site import stored_pages
from ..site.page_cache import purge_site
from .models import Author, Section, Tag


@receiver(post_save, sender=Section, dispatch_uid="stories.purge_on_section_save")
@receiver(post_save, sender=Author, dispatch_uid="stories.purge_on_author_save")
@receiver(post_save, sender=Tag, dispatch_uid="stories.purge_on_tag_save")
@receiver(post_delete, sender=Section, dispatch_uid="stories.purge_on_section_delete")
@receiver(post_delete, sender=Author, dispatch_uid="stories.purge_on_author_delete")
@receiver(post_delete, sender=Tag, dispatch_uid="stories.purge_on_tag_delete")
def purge_reader_pages(sender, raw=False, **kwargs):
    if not raw:
        stored_pages.forget_all()  # the menu, bylines and tags are on many stored pages
        transaction.on_commit(purge_site)
