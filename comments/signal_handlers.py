"""Keep what comments copy from the database in step with it: the word list every submission reads."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .checks import forget_local_word_list, forget_word_list
from .models import WordListEntry


@receiver(post_save, sender=WordListEntry, dispatch_uid="comments-word-list-saved")
@receiver(post_delete, sender=WordListEntry, dispatch_uid="comments-word-list-deleted")
def word_list_changed(**kwargs):
    forget_local_word_list()  # this process's next comment reads the list afresh, even before commit
    transaction.on_commit(forget_word_list)
