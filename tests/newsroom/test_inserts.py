"""The one-statement insert stores exactly what save() would, and steps aside when save() has listeners."""

import pytest
from django.db.models.signals import post_save
from django.forms.models import model_to_dict
from django.utils import timezone

from comments.models import Comment
from newsroom.common.inserts import insert
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


WHEN = timezone.now()


def _comment(article, **overrides):
    values = {
        "article": article,
        "name": "Lò Thị Mai",
        # Decomposed "ệ" (e + U+0323 + U+0302): the field normalises it to NFC on the way in, as in save().
        "email": "mai@example.com",
        "body": "Bà con bản Nà Ngh\u0065\u0323\u0302u mong sớm có đường.",
        "status": Comment.Status.PENDING,
        "ip_address": "2001:db8::7",
        "user_agent": "Mozilla/5.0",
        "submitted_at": WHEN,
        "fingerprint": "a" * 64,
    }
    return Comment(**{**values, **overrides})


def test_insert_stores_the_same_row_as_save():
    article = ArticleFactory()
    fast = insert(_comment(article))
    slow = _comment(article)
    slow.save()
    assert fast.pk and fast.pk != slow.pk and not fast._state.adding
    stored_fast, stored_slow = Comment.objects.get(pk=fast.pk), Comment.objects.get(pk=slow.pk)
    assert model_to_dict(stored_fast, exclude=["id"]) == model_to_dict(stored_slow, exclude=["id"])
    assert "Nà Nghệu" in stored_fast.body


def test_insert_falls_back_to_save_when_something_listens():
    heard = []

    def listener(sender, instance, created, **kwargs):
        heard.append((instance.pk, created))

    post_save.connect(listener, sender=Comment, dispatch_uid="test-insert-listener")
    try:
        comment = insert(_comment(ArticleFactory()))
    finally:
        post_save.disconnect(dispatch_uid="test-insert-listener", sender=Comment)
    assert heard == [(comment.pk, True)]


class _Refused(Exception):
    pass


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_commit_with_the_insert_ends_only_the_outermost_transaction():
    from django.db import connection, transaction

    from newsroom.common.inserts import ends_outermost_transaction

    article = ArticleFactory()
    ran = []
    with transaction.atomic():
        assert ends_outermost_transaction()
        committed = insert(_comment(article, body="Một"), commit=True)
        transaction.on_commit(lambda: ran.append("on_commit"))
        assert connection.connection.info.transaction_status.name == "IDLE"  # the COMMIT went with it
    assert ran == ["on_commit"]
    assert Comment.objects.filter(pk=committed.pk).exists()

    # Inside an enclosing transaction (or a savepoint) the insert must not commit it: a rollback of the
    # enclosing block takes the row back.
    with pytest.raises(_Refused), transaction.atomic():
        with transaction.atomic():
            assert not ends_outermost_transaction()
            inner = insert(_comment(article, body="Hai"), commit=True)
        raise _Refused
    assert not Comment.objects.filter(pk=inner.pk).exists()
    assert list(Comment.objects.values_list("body", flat=True)) == ["Một"]


def test_commit_is_ignored_inside_the_tests_own_transaction():
    from django.db import transaction

    article = ArticleFactory()
    with pytest.raises(_Refused), transaction.atomic():
        stored = insert(_comment(article), commit=True)
        raise _Refused
    assert not Comment.objects.filter(pk=stored.pk).exists()
