"""A reader's GET never writes: every public page type renders without an INSERT, UPDATE or DELETE."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, Rendition
from articles.stories.services import make_preview_token
from tests.articles.site.test_query_counts import build

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def test_public_pages_with_missing_renditions_write_nothing(client):
    # Photos saved inside the test's transaction: their on-commit renditions were never made, which is
    # also what a page meets for a photo whose making failed.
    urls = build(3, renditions=False)
    article_url = urls["article"]
    article_pk = int(re.search(r"-(\d+)\.html$", article_url).group(1))
    urls.update(
        {
            "shared_preview": f"/xem-truoc/chia-se/{make_preview_token(Article.objects.get(pk=article_pk))}/",
            "robots": "/robots.txt",
            "comment_token": "/binh-luan/token/",
            "article_cached": article_url,  # a second read, served from the page cache
        }
    )
    public = {name: url for name, url in urls.items() if not url.startswith(("/quan-tri/", "/kiem-duyet/"))}
    assert not Rendition.objects.exists()
    cache.clear()
    for name, url in public.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        writes = [query["sql"] for query in queries if WRITE.match(query["sql"])]
        assert writes == [], (name, writes)
    assert not Rendition.objects.exists()
    # The pages fell back to the originals instead: every <img> still has a source and a size.
    page = client.get(article_url).text
    assert "<picture>" not in page and 'loading="lazy" decoding="async"' in page
