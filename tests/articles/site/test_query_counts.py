"""Queries per page, literally, with 1 and 3 stories, photos, comments and related stories: no query per row."""

import pytest
from django.core.cache import cache
from django.db import connection

from articles.models import ArticlePhoto, Photo, RelatedArticle
from articles.photos.renditions import ensure_renditions
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

# Page: (queries with 1 of everything, queries with 3). Where the two differ, a block was empty with 1
# (the home page's "latest" list, whose photos then need no prefetch); 3 and 6 cost the same.
READER_PAGES = {
    # +1 on PostgreSQL: the sections' newest stories by id (LATERAL), then those stories; +2: Đọc nhiều
    "home": (7, 8),
    "section": (7, 7),  # +2: Đọc nhiều, today and this week
    "tag": (5, 5),
    "author": (5, 5),
    "search": (4, 4),
    "article": (5, 5),  # the story with everything (JSON columns), renditions, menu, comment counts, comments
    "rss": (3, 3),
    "section_rss": (4, 4),
    "sitemap_index": (5, 5),
    "sitemap_articles": (2, 2),
    "sitemap_sections": (2, 2),
    "news_sitemap": (1, 1),
}
# Staff pages include the two-step sign-in check (one query: does this person have, or need, a device?).
STAFF_PAGES = {
    "moderation_queue": (11, 11),
    # The managing editor's desk: review, schedule, own drafts and returned, covered live, published (no
    # comment count: the comment queue is the moderators').
    "desk": (12, 12),
    "article_list": (12, 12),
    # Django's autocomplete widget looks up the chosen value of each inline row: with 3 stories the
    # form has 2 more photo rows and 2 more related rows, one query each. Everything else is fixed.
    "article_change": (19, 23),  # +1: the photo rows' thumbnails, their renditions in one query
}


def build(n, *, renditions=True):
    """``n`` stories in one section, tag and byline; the first has ``n`` photos, comments and related."""
    section = SectionFactory(name="Thời sự")
    tag, author = TagFactory(name="Giao thông"), AuthorFactory(name="Thu Hà")
    stories = []
    for i in range(n):
        article = ArticleFactory(
            title=f"Cầu treo số {i}", section=section, cover_photo=PhotoFactory(), featured=(i == 0)
        )
        article.tags.add(tag)
        article.article_authors.create(author=author, position=i)
        stories.append(article)
    main = stories[0]
    for i in range(n):
        ArticlePhoto.objects.create(article=main, photo=PhotoFactory(), position=i + 1, caption=f"Ảnh {i}")
        CommentFactory(article=main)
        CommentFactory(article=main, status="pending")
    for i, other in enumerate([*stories[1:], ArticleFactory(section=section)]):
        RelatedArticle.objects.create(from_article=main, to_article=other, position=i)
    if renditions:
        for photo in Photo.objects.all():
            ensure_renditions(photo)
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "search": "/tim-kiem/?q=cau+treo",
        "article": main.get_absolute_url(),
        "rss": "/rss/",
        "section_rss": f"/rss/{section.slug}/",
        "sitemap_index": "/sitemap.xml",
        "sitemap_articles": "/sitemap-articles.xml",
        "sitemap_sections": "/sitemap-sections.xml",
        "news_sitemap": "/sitemap-news.xml",
        "moderation_queue": "/kiem-duyet/",
        "desk": "/quan-tri/",
        "article_list": "/quan-tri/articles/article/",
        "article_change": f"/quan-tri/articles/article/{main.pk}/change/",
    }


@pytest.fixture(autouse=True)
def _json_support_known():
    """Django probes the database's JSON support once per connection; a server has long done it."""
    connection.features.supports_json_field  # noqa: B018


def _get(client, url):
    cache.clear()  # the article page is cached for anonymous readers: count its real cost
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize("page", READER_PAGES)
@pytest.mark.parametrize("items", [1, 3])
def test_reader_page_query_count_is_fixed(client, django_assert_num_queries, page, items):
    url = build(items)[page]
    expected = READER_PAGES[page][items > 1] + (page == "home" and connection.vendor == "postgresql")
    with django_assert_num_queries(expected):
        _get(client, url)


@pytest.mark.parametrize("page", STAFF_PAGES)
@pytest.mark.parametrize("items", [1, 3])
def test_staff_page_query_count_is_fixed(
    client, django_assert_num_queries, managing_editor, moderator, page, items
):
    urls = build(items)
    user = moderator if page == "moderation_queue" else managing_editor
    client.force_login(user)
    _get(client, urls[page])  # the session and permission caches warm up once
    with django_assert_num_queries(STAFF_PAGES[page][items > 1]):
        _get(client, urls[page])
