import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Section
from articles.site import sitemaps
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def read_xml(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.iterfind("./*/sm:loc", NS)]


def absolute(article):
    return f"http://testserver{article.get_absolute_url()}"


def test_sitemap_index_lists_article_section_and_news_sitemaps(client):
    ArticleFactory()
    root = read_xml(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert locations(root) == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-sections.xml",
        "http://testserver/sitemap-news.xml",
    ]
    for entry in root.iterfind("sm:sitemap", NS):
        lastmod = entry.findtext("sm:lastmod", namespaces=NS)
        assert datetime.fromisoformat(lastmod).utcoffset() == timedelta(hours=7)


def test_sitemap_index_answers_with_no_stories(client):
    root = read_xml(client, "/sitemap.xml")
    assert "http://testserver/sitemap-news.xml" in locations(root)


def test_article_sitemap_lists_only_public_articles_with_lastmod(client):
    public = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    root = read_xml(client, "/sitemap-articles.xml")
    assert locations(root) == [absolute(public)]
    lastmod = timezone.localtime(max(public.published_at, public.updated_at)).date().isoformat()
    assert root.findtext("sm:url/sm:lastmod", namespaces=NS) == lastmod


def test_article_sitemap_limit_is_fifty_thousand():
    assert sitemaps.ArticleSitemap.limit == 50_000


def test_article_sitemap_splits_into_pages_of_its_limit(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    stories = [
        ArticleFactory(published_at=timezone.now() - timedelta(hours=hours)) for hours in range(5, 0, -1)
    ]
    index = locations(read_xml(client, "/sitemap.xml"))
    pages = [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
        "http://testserver/sitemap-articles.xml?p=3",
    ]
    assert [url for url in index if "articles" in url] == pages
    listed = [locations(read_xml(client, page.removeprefix("http://testserver"))) for page in pages]
    assert [len(urls) for urls in listed] == [2, 2, 1]
    # Oldest first: a new story goes to the last page and the earlier pages stay as they were.
    assert sum(listed, []) == [absolute(story) for story in stories]
    assert client.get("/sitemap-articles.xml?p=4").status_code == 404


def test_section_sitemap_lists_active_sections_with_their_latest_story(client):
    economy = SectionFactory(name="Kinh tế")
    Section.objects.create(name="Lưu trữ", is_active=False)
    ArticleFactory(section=economy, published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(section=economy, published_at=timezone.now() + timedelta(days=3))
    Article.objects.update(updated_at=timezone.now() - timedelta(days=5))
    root = read_xml(client, "/sitemap-sections.xml")
    assert locations(root) == ["http://testserver/kinh-te/"]
    expected = timezone.localtime(timezone.now() - timedelta(days=3)).date().isoformat()
    assert root.findtext("sm:url/sm:lastmod", namespaces=NS) == expected


def test_unknown_sitemap_is_404(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def news_entries(client):
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in response.text
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return root.findall("sm:url", NS)


def test_news_sitemap_lists_recent_public_stories_only(client):
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    ArticleFactory(published_at=timezone.now() - timedelta(days=3))
    ArticleFactory(published_at=timezone.now() + timedelta(minutes=10))
    ArticleFactory(draft=True)
    assert [entry.findtext("sm:loc", namespaces=NS) for entry in news_entries(client)] == [absolute(recent)]


def test_news_sitemap_entry_names_publication_language_date_and_title(client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu"}
    article = ArticleFactory(title="Giá <xăng> & dầu", published_at=timezone.now() - timedelta(hours=5))
    (entry,) = news_entries(client)
    news = entry.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Báo Lai Châu"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "vi"
    assert news.findtext("news:title", namespaces=NS) == "Giá <xăng> & dầu"
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published.endswith("+07:00")
    assert datetime.fromisoformat(published) == article.published_at.replace(microsecond=0)


def test_news_sitemap_lists_newest_first_up_to_its_cap(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    stories = [ArticleFactory(published_at=timezone.now() - timedelta(hours=hours)) for hours in (3, 2, 1)]
    listed = [entry.findtext("sm:loc", namespaces=NS) for entry in news_entries(client)]
    assert listed == [absolute(stories[2]), absolute(stories[1])]


def test_news_sitemap_cap_is_one_thousand():
    assert sitemaps.NEWS_LIMIT == 1000


@pytest.mark.parametrize(
    "path", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-sections.xml", "/sitemap-news.xml"]
)
def test_sitemap_query_count_does_not_grow_with_items(client, django_assert_max_num_queries, path):
    ArticleFactory()
    with django_assert_max_num_queries(100) as few:
        assert client.get(path).status_code == 200
    for n in range(29):
        ArticleFactory(section=SectionFactory(name=f"Chuyên mục {n % 5}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(path).status_code == 200


def test_robots_txt_allows_readers_pages_and_names_the_sitemaps(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.text.splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for path in ("/quan-tri/", "/kiem-duyet/", "/binh-luan/", "/xem-truoc/"):
        assert f"Disallow: {path}" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_robots_txt_sitemaps_follow_the_request_scheme(client):
    response = client.get("/robots.txt", secure=True)
    assert "Sitemap: https://testserver/sitemap.xml" in response.text.splitlines()
