"""Every anonymous reader page is cached in the shared cache and purged exactly when what it shows changes."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Section
from articles.stories import services
from comments.services import moderate_comment
from tests.factories import ArticleFactory, CommentFactory, SectionFactory

pytestmark = pytest.mark.django_db
S = Article.Status

READER_PAGES = [
    "/",
    "/thoi-su/",
    "/tim-kiem/?q=cau",
    "/rss/",
    "/rss/thoi-su/",
    "/sitemap.xml",
    "/sitemap-articles.xml",
    "/sitemap-news.xml",
    "/robots.txt",
]


def _state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Page-Cache"), response


@pytest.fixture
def section():
    return SectionFactory(name="Thời sự")


def test_every_anonymous_reader_page_is_served_from_the_cache(client, page_cache, section):
    article = ArticleFactory(title="Cầu treo mới", section=section)
    for url in dict.fromkeys([*READER_PAGES, article.get_absolute_url(), section.get_absolute_url()]):
        first, _ = _state(client, url)
        second, response = _state(client, url)
        assert (first, second) == ("miss", "hit"), url
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=5, stale-while-revalidate=5", url


def test_publishing_a_story_purges_home_section_feeds_and_sitemaps(
    client, page_cache, section, editor, django_capture_on_commit_callbacks
):
    draft = ArticleFactory(title="Lũ quét ở Sìn Hồ", section=section, status=S.SUBMITTED, published_at=None)
    for url in READER_PAGES:
        _state(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_article(article=draft, user=editor, action="publish")
    for url in ["/", "/thoi-su/", "/rss/", "/rss/thoi-su/", "/sitemap-news.xml"]:
        state, response = _state(client, url)
        assert state == "miss" and "Lũ quét ở Sìn Hồ" in response.text, url


def test_an_approved_comment_purges_its_article_page_only(
    client, page_cache, section, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(section=section)
    comment = CommentFactory(article=article, status="pending", body="Cảm ơn tòa soạn đã đưa tin kịp thời.")
    _state(client, "/")
    _state(client, article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(comment=comment, moderator=moderator, to_status="approved")
    state, page = _state(client, article.get_absolute_url())
    assert state == "miss" and "Cảm ơn tòa soạn đã đưa tin kịp thời." in page.text
    assert _state(client, "/")[0] == "hit"  # the home page shows no comments: still its cached copy


def test_renaming_a_section_purges_every_page(
    client, page_cache, section, django_capture_on_commit_callbacks
):
    article = ArticleFactory(section=section)
    _state(client, article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        renamed = Section.objects.get(pk=section.pk)
        renamed.name = "Thời sự – Chính trị"
        renamed.save()
    state, page = _state(client, article.get_absolute_url())
    assert state == "miss" and "Thời sự – Chính trị" in page.text


def test_a_cached_page_never_outlives_the_next_scheduled_publication(
    client, page_cache, section, editor, django_capture_on_commit_callbacks
):
    soon = ArticleFactory(title="Bài hẹn giờ", section=section, status=S.SUBMITTED, published_at=None)
    ArticleFactory(title="Bài đã đăng", section=section)
    with django_capture_on_commit_callbacks(execute=True):
        services.transition_article(
            article=soon, user=editor, action="schedule", publish_at=timezone.now() + timedelta(seconds=2)
        )
    state, home = _state(client, "/")
    assert state == "miss" and "Bài hẹn giờ" not in home.text
    assert int(home["Cache-Control"].split("s-maxage=")[1].split(",")[0]) <= 2  # nginx may not keep it longer
    assert _state(client, "/")[0] == "hit"
    time.sleep(2.2)
    state, home = _state(client, "/")
    assert state == "miss" and "Bài hẹn giờ" in home.text


def test_staff_never_get_or_fill_a_cached_copy(client, page_cache, section, editor):
    article = ArticleFactory(section=section)
    _state(client, article.get_absolute_url())  # an anonymous reader fills the cache
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response and "no-store" in response["Cache-Control"]
    client.logout()
    assert _state(client, article.get_absolute_url())[0] == "hit"


def test_a_reader_who_fetched_a_comment_token_still_shares_the_cached_copy(client, page_cache, section):
    _state(client, "/")
    token = client.get(
        "/binh-luan/token/"
    )  # the comment form's script did this: the reader has a CSRF cookie
    assert "csrftoken" in token.cookies
    state, home = _state(client, "/")
    assert state == "hit" and not home.cookies and "csrfmiddlewaretoken" not in home.text


def test_not_found_is_never_cached(client, page_cache):
    first = client.get("/khong-co-chuyen-muc-nay/")
    assert first.status_code == 404 and "X-Page-Cache" not in first
    assert "no-store" in first["Cache-Control"]


def test_a_hit_carries_every_header_of_the_page_it_copies(client, page_cache, section):
    article = ArticleFactory(section=section)
    miss = client.get(article.get_absolute_url())
    hit = client.get(article.get_absolute_url())
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    assert hit.content == miss.content
    for name in ["Content-Type", "Content-Security-Policy", "Permissions-Policy", "X-Frame-Options"]:
        assert hit[name] == miss[name], name
    assert hit["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert not hit.cookies


def test_a_purge_from_another_process_shows_once_the_held_copy_is_due(client, page_cache, section, settings):
    """Another process bumps the version in the shared cache; this one may answer from memory only briefly."""
    from django.core.cache import cache

    from articles.site.page_cache import SITE_VERSION_KEY

    settings.PAGE_CACHE_HELD_SECONDS = 0.3
    assert _state(client, "/")[0] == "miss"
    assert _state(client, "/")[0] == "hit"
    cache.set(SITE_VERSION_KEY, time.time_ns(), timeout=None)  # what purge_site() writes, from elsewhere
    time.sleep(0.35)
    assert _state(client, "/")[0] == "miss"


def test_a_held_copy_is_never_given_to_someone_signed_in(client, page_cache, section, editor):
    article = ArticleFactory(section=section)
    assert [_state(client, article.get_absolute_url())[0] for _ in range(2)] == ["miss", "hit"]
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert "X-Page-Cache" not in response and "no-store" in response["Cache-Control"]


def test_a_host_outside_allowed_hosts_gets_the_400_page_never_a_copy(client, page_cache, section):
    assert _state(client, "/")[0] == "miss"
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and "X-Page-Cache" not in response
