"""The Redis cache in production: a Redis outage is a slower site, never a broken one, and it heals itself."""

import logging
import time

import pytest
from django.core.cache import cache

from comments.models import Comment
from newsroom import cache as resilient
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_redis_cache_stores_and_reads_for_real(redis_cache):
    cache.set("tin", "Báo Lai Châu", 30)
    assert cache.get("tin") == "Báo Lai Châu"
    assert cache.ping() is True


def test_pages_and_comments_work_while_redis_is_away(client, dead_redis_cache, page_cache, caplog, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    article = ArticleFactory(title="Mưa lớn ở Mường Tè")
    with caplog.at_level(logging.WARNING, logger="newsroom.cache"):
        for _ in range(3):
            home = client.get("/")
            assert home.status_code == 200 and "Mưa lớn ở Mường Tè" in home.text
        pages = [client.get(article.get_absolute_url()) for _ in range(2)]
    # Rendered every time, never served from a cache that is not there.
    assert [(page.status_code, page["X-Page-Cache"]) for page in pages] == [(200, "miss"), (200, "miss")]

    from comments.forms import make_form_token

    sent = client.post(
        f"/binh-luan/gui/{article.pk}/",
        {
            "token": make_form_token(article),
            "name": "Lò Văn A",
            "email": "a@example.com",
            "body": "Mong mọi người an toàn.",
        },
    )
    assert sent.status_code == 302 and Comment.objects.count() == 1
    # One warning for the outage, not one per request.
    assert [record.levelname for record in caplog.records].count("WARNING") == 1


def test_caching_resumes_by_itself_when_redis_comes_back(
    client, redis_cache, page_cache, monkeypatch, settings
):
    monkeypatch.setattr(resilient, "RETRY_AFTER", 0.2)
    article = ArticleFactory()
    url = article.get_absolute_url()
    assert client.get(url)["X-Page-Cache"] == "miss"
    assert client.get(url)["X-Page-Cache"] == "hit"

    redis_cache.stop()
    # A copy this process held from Redis a moment ago may answer for PAGE_CACHE_HELD_SECONDS; then none.
    time.sleep(settings.PAGE_CACHE_HELD_SECONDS)
    away = [client.get(url) for _ in range(2)]
    assert [(page.status_code, page["X-Page-Cache"]) for page in away] == [(200, "miss"), (200, "miss")]

    redis_cache.start()  # an empty Redis, as after a restart
    time.sleep(0.3)  # past RETRY_AFTER: the next call asks Redis again
    back = [client.get(url)["X-Page-Cache"] for _ in range(2)]
    assert back == ["miss", "hit"]
