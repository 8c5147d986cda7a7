"""Listings and the article page at archive scale: queries that do not grow, indexes used, a light page."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticlePhoto, Photo, RelatedArticle
from articles.photos.renditions import ensure_renditions
from articles.site import stored_pages
from articles.site.views import LIST_PAGE_SIZE
from articles.stories.workflow import LIVE_STATUSES
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

LISTINGS = ("home", "section", "tag", "author")
# The same bound for 1 and for 100 stories per listing (home: a few more blocks, no more queries).
# Home and section: +2 for Đọc nhiều (today, this week), one query each whatever they list.
LISTING_QUERIES = {"home": 9, "section": 7, "tag": 5, "author": 5}


@pytest.fixture(autouse=True)
def _json_support_known():
    connection.features.supports_json_field  # noqa: B018 - probed once per connection


def _stories(n, *, section, tag, author, photo):
    """``n`` published stories in bulk (the listings read rows, not what save() derives)."""
    now = timezone.now()
    stories = Article.objects.bulk_create(
        Article(
            title=f"Mùa lúa mới ở Tam Đường số {i}",
            slug=f"mua-lua-moi-{i}",
            lead="Bà con nông dân thu hoạch lúa.",
            section=section,
            cover_photo=photo,
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=i + 1),
            featured=i < 3,
        )
        for i in range(n)
    )
    Article.tags.through.objects.bulk_create(Article.tags.through(article=s, tag=tag) for s in stories)
    ArticleAuthor.objects.bulk_create(ArticleAuthor(article=s, author=author) for s in stories)
    return stories


def _urls(n):
    section, tag, author = SectionFactory(name="Kinh tế"), TagFactory(name="Nông nghiệp"), AuthorFactory()
    photo = PhotoFactory()
    ensure_renditions(photo)
    _stories(n, section=section, tag=tag, author=author, photo=photo)
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
    }


@pytest.mark.parametrize("page", LISTINGS)
@pytest.mark.parametrize("stories", [1, 100])
def test_listing_query_count_is_the_same_for_1_and_100_stories(
    client, django_assert_max_num_queries, page, stories
):
    url = _urls(stories)[page]
    cache.clear()
    with django_assert_max_num_queries(LISTING_QUERIES[page]):
        response = client.get(url)
    assert response.status_code == 200
    shown = min(stories, LIST_PAGE_SIZE)
    assert response.content.decode().count("Mùa lúa mới ở Tam Đường") >= shown


@pytest.mark.parametrize("page", LISTINGS)
def test_listings_never_read_the_story_bodies(client, page):
    """A listing shows headlines and leads: the body and its search copies (9 KB a story) stay in the table."""
    url = _urls(30)[page]
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    story_queries = [query["sql"] for query in queries if 'FROM "articles_article"' in query["sql"]]
    assert story_queries
    for sql in story_queries:
        for column in ("body", "search_text", "search_exact", "search_title"):
            assert f'"articles_article"."{column}"' not in sql


def _full_story():
    """A story with 3 photos, 20 comments, 10 related stories, tags and several authors."""
    section = SectionFactory(name="Thời sự")
    story = ArticleFactory(
        section=section,
        body="<p>Đoạn một.</p><p>[ảnh 1]</p><p>Đoạn hai.</p><p>[ảnh 2]</p><p>[ảnh 3]</p>",
        cover_photo=PhotoFactory(),
    )
    for position in range(3):
        ArticlePhoto.objects.create(article=story, photo=PhotoFactory(), position=position + 1)
    for _ in range(20):
        CommentFactory(article=story)
    for i in range(10):
        RelatedArticle.objects.create(
            from_article=story, to_article=ArticleFactory(section=section), position=i
        )
    story.tags.add(TagFactory(name="Giao thông"), TagFactory(name="Cầu treo"))
    for position in range(3):
        story.article_authors.create(author=AuthorFactory(), position=position + 1)
    for photo in Photo.objects.all():
        ensure_renditions(photo)
    return story


def test_article_page_with_everything_takes_at_most_6_queries(client, django_assert_max_num_queries):
    story = _full_story()
    cache.clear()
    with django_assert_max_num_queries(6):
        response = client.get(story.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="comment"') == 20
    assert html.count("<figure") == 3
    assert len(re.findall(r'<section class="related".*?</section>', html, re.S)[0].split("<li>")) == 6


def test_article_page_is_light_and_its_images_do_not_shift_the_layout(client):
    story = _full_story()
    for url in ("/", story.section.get_absolute_url(), story.get_absolute_url()):
        cache.clear()
        html = client.get(url).content.decode()
        if url == story.get_absolute_url():
            assert len(html.encode()) < 100_000
        images = re.findall(r"<img\b[^>]*>", html)
        assert images, url
        for image in images:
            assert re.search(r'\swidth="\d+"', image) and re.search(r'\sheight="\d+"', image), image


_LISTING_SQL = {
    "home latest": lambda: Article.objects.published().for_listing()[:13],
    "home featured": lambda: Article.objects.published().filter(featured=True).for_listing()[:5],
    "section": lambda: Article.objects.published().filter(section__slug="muc-3").for_listing()[:15],
    "tag": lambda: Article.objects.published().filter(tags__slug="the-3").for_listing()[:15],
    "author": lambda: Article.objects.published().filter(authors__slug="tac-gia-3").for_listing()[:15],
}


@pytest.mark.postgresql
def test_listing_queries_read_articles_through_indexes_on_postgresql():
    from articles.models import Author, Section, Tag

    sections = Section.objects.bulk_create(Section(name=f"Mục {i}", slug=f"muc-{i}") for i in range(8))
    tags = Tag.objects.bulk_create(Tag(name=f"Thẻ {i}", slug=f"the-{i}") for i in range(40))
    authors = Author.objects.bulk_create(Author(name=f"Tác giả {i}", slug=f"tac-gia-{i}") for i in range(20))
    now = timezone.now()
    stories = Article.objects.bulk_create(
        (
            Article(
                title=f"Bài {i}",
                slug=f"bai-{i}",
                lead="Sapo.",
                section=sections[i % 8],
                status=Article.Status.PUBLISHED if i % 10 else Article.Status.DRAFT,
                published_at=now - timedelta(minutes=i),
                featured=i % 50 == 0,
            )
            for i in range(6000)
        ),
        batch_size=2000,
    )
    Article.tags.through.objects.bulk_create(
        (Article.tags.through(article=s, tag=tags[s.pk % 40]) for s in stories), batch_size=2000
    )
    ArticleAuthor.objects.bulk_create(
        (ArticleAuthor(article=s, author=authors[s.pk % 20]) for s in stories), batch_size=2000
    )
    with connection.cursor() as cursor:
        for table in (
            "articles_article",
            "articles_article_tags",
            "articles_articleauthor",
            "articles_section",
        ):
            cursor.execute(f"ANALYZE {table}")
    plans = {name: query().explain() for name, query in _LISTING_SQL.items()}
    with connection.cursor() as cursor:
        sql, params = Article.objects.newest_per_section_query(4)
        cursor.execute("EXPLAIN " + sql, params)
        plans["home sections"] = "\n".join(row[0] for row in cursor.fetchall())
        # The stored article page's lookup, which reads the section's newest stories along with the row.
        sql, order = stored_pages._lookup_sql()
        values = {
            "pk": stories[5].pk,
            "made_for": stored_pages.made_for("http://testserver"),
            "now": now,
            **{f"live{i}": status for i, status in enumerate(sorted(LIVE_STATUSES))},
        }
        stored_pages.forget([stories[5].pk])
        cursor.execute("EXPLAIN " + sql, [values[name] for name in order])
        plans["stored page lookup"] = "\n".join(row[0] for row in cursor.fetchall())
    for name, plan in plans.items():
        assert "Seq Scan on articles_article " not in plan + " ", f"{name}:\n{plan}"


@pytest.mark.postgresql
def test_most_read_lists_read_daily_views_through_their_index_on_postgresql():
    from articles.models import DailyViews, Section
    from articles.site.readership import most_read_query

    sections = Section.objects.bulk_create(Section(name=f"Mục {i}", slug=f"muc-{i}") for i in range(8))
    now = timezone.now()
    stories = Article.objects.bulk_create(
        (
            Article(
                title=f"Bài {i}",
                slug=f"bai-{i}",
                lead="Sapo.",
                section=sections[i % 8],
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(hours=i),
            )
            for i in range(3000)
        ),
        batch_size=1000,
    )
    today = timezone.localdate()
    # A year of reading: each story read on the days around its publication.
    DailyViews.objects.bulk_create(
        (
            DailyViews(article=s, day=today - timedelta(days=(n // 8) + k), views=(n * 7 + k) % 97 + 1)
            for n, s in enumerate(stories)
            for k in range(3)
        ),
        batch_size=3000,
    )
    with connection.cursor() as cursor:
        for table in ("articles_article", "articles_dailyviews", "articles_section"):
            cursor.execute(f"ANALYZE {table}")
    for days, section in ((1, None), (7, None), (1, sections[3]), (7, sections[3])):
        plan = most_read_query(days=days, section=section)[:5].explain()
        assert "Seq Scan on articles_dailyviews" not in plan, f"{days} days, {section}:\n{plan}"
