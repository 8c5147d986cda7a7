"""Side effects of saving articles: readers' cached copies of the page are purged once the save commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Article
from .page_cache import purge_article_page


@receiver(post_save, sender=Article, dispatch_uid="articles.purge_page_on_save")
def purge_page_on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    transaction.on_commit(lambda: purge_article_page(instance.pk))
