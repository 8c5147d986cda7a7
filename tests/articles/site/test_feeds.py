from datetime import timedelta
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from django.utils import timezone

from articles.models import Section
from articles.site import feeds
from tests.factories import ArticleFactory, SectionFactory, add_authors

pytestmark = pytest.mark.django_db


def read_feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    return feed


def test_feed_names_the_paper_in_vietnamese(client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu"}
    feed = read_feed(client, "/rss/")
    assert feed.feed.title == "Báo Lai Châu – Tin mới"
    assert feed.feed.language == "vi"
    assert feed.feed.link == "http://testserver/"


def test_feed_item_has_permalink_guid_and_gmt7_date(client):
    article = ArticleFactory(published_at=timezone.now() - timedelta(hours=3))
    (entry,) = read_feed(client, "/rss/").entries
    url = f"http://testserver{article.get_absolute_url()}"
    assert entry.link == url
    assert entry.id == url
    assert f'<guid isPermaLink="true">{url}</guid>' in client.get("/rss/").text
    assert entry.published.endswith("+0700")
    assert parsedate_to_datetime(entry.published) == article.published_at.replace(microsecond=0)


def test_feed_item_has_comma_joined_byline_and_lead_as_description(client):
    article = ArticleFactory(lead="Người dân trong bản đã cùng nhau làm đường bê tông.")
    add_authors(article, 2)
    (entry,) = read_feed(client, "/rss/").entries
    assert entry.author == ", ".join(author.name for author in article.byline)
    assert entry.summary == "Người dân trong bản đã cùng nhau làm đường bê tông."
    assert entry.title == article.title
    assert [tag.term for tag in entry.tags] == [article.section.name]


def test_feed_item_without_byline_has_no_author(client):
    ArticleFactory()
    (entry,) = read_feed(client, "/rss/").entries
    assert "author" not in entry


def test_feed_keeps_markup_in_title_and_lead_as_text(client):
    ArticleFactory(title="Giá <b>xăng</b> & dầu", lead="Nhiệt độ <5 độ & có mưa.")
    (entry,) = read_feed(client, "/rss/").entries
    # Readers treat RSS titles and descriptions as HTML: escaped once more, they show the words as typed.
    assert entry.title == "Giá &lt;b&gt;xăng&lt;/b&gt; &amp; dầu"
    assert entry.summary == "Nhiệt độ &lt;5 độ &amp; có mưa."


def test_feed_lists_only_public_stories_newest_first(client):
    older = ArticleFactory(title="Bài cũ hơn", published_at=timezone.now() - timedelta(days=1))
    newer = ArticleFactory(title="Bài mới hơn", published_at=timezone.now() - timedelta(minutes=5))
    ArticleFactory(title="Bài nháp", draft=True)
    ArticleFactory(title="Bài hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    entries = read_feed(client, "/rss/").entries
    assert [entry.title for entry in entries] == [newer.title, older.title]


def test_feed_keeps_only_the_latest_stories(client, monkeypatch):
    monkeypatch.setattr(feeds, "FEED_SIZE", 2)
    stories = [ArticleFactory(published_at=timezone.now() - timedelta(hours=hours)) for hours in (3, 2, 1)]
    entries = read_feed(client, "/rss/").entries
    assert [entry.title for entry in entries] == [stories[2].title, stories[1].title]


def test_feed_size_is_fifty():
    assert feeds.FEED_SIZE == 50


def test_section_feed_lists_only_that_section(client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu"}
    economy = SectionFactory(name="Kinh tế")
    ours = ArticleFactory(section=economy)
    ArticleFactory(section=SectionFactory(name="Xã hội"))
    ArticleFactory(section=economy, draft=True)
    feed = read_feed(client, f"/rss/{economy.slug}/")
    assert feed.feed.title == "Báo Lai Châu – Kinh tế"
    assert feed.feed.link == f"http://testserver{economy.get_absolute_url()}"
    assert [entry.link for entry in feed.entries] == [f"http://testserver{ours.get_absolute_url()}"]


def test_section_feed_of_unknown_or_hidden_section_is_404(client):
    hidden = Section.objects.create(name="Lưu trữ", is_active=False)
    assert client.get("/rss/khong-co/").status_code == 404
    assert client.get(f"/rss/{hidden.slug}/").status_code == 404


@pytest.mark.parametrize("path", ["/rss/", "/rss/thoi-su/"])
def test_feed_query_count_does_not_grow_with_items(client, django_assert_max_num_queries, path):
    section = SectionFactory(name="Thời sự")
    add_authors(ArticleFactory(section=section), 2)
    with django_assert_max_num_queries(100) as few:
        read_feed(client, path)
    for _ in range(29):
        add_authors(ArticleFactory(section=section), 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(read_feed(client, path).entries) == 30
