"""Query helpers on the article manager that hot paths use instead of the ORM's general machinery."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_comment_target_is_the_published_article_with_what_the_view_needs():
    live = ArticleFactory()
    target = Article.objects.comment_target(live.pk)
    assert (target.pk, target.slug, target.comments_open, target.published_at) == (
        live.pk,
        live.slug,
        True,
        live.published_at,
    )
    assert target.get_absolute_url() == live.get_absolute_url()
    assert target.title == live.title  # any other field loads on first use
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    future = ArticleFactory(status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=1))
    assert Article.objects.comment_target(draft.pk) is None
    assert Article.objects.comment_target(future.pk) is None
    assert Article.objects.comment_target(10**9) is None
