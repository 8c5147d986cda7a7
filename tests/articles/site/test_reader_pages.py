"""The reader's site: home, section, tag, author and search pages, error pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleAuthor
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def _ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


# --- Every page ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/tim-kiem/?q=lua", "/khong-co-trang-nay/"])
def test_every_page_has_date_line_name_sections_search_box_and_masthead(client, settings, path):
    SectionFactory(name="Kinh tế")
    text = client.get(path).text
    assert "[GMT+7]" in text
    assert '<a class="brand" href="/">Báo Lai Châu</a>' in text
    assert '<a href="/kinh-te/">Kinh tế</a>' in text
    assert 'role="search"' in text and 'name="q"' in text
    for key in ("GOVERNING_AGENCY", "LICENCE", "EDITOR_IN_CHIEF", "ADDRESS", "PHONE", "EMAIL"):
        assert settings.NEWSROOM[key] in text


def test_404_page_is_vietnamese_in_the_site_design(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text and 'class="site-footer"' in response.text


def test_500_page_is_vietnamese(client, settings):
    settings.ROOT_URLCONF = "tests.urls_broken"
    client.raise_request_exception = False
    response = client.get("/loi/")
    assert response.status_code == 500
    assert "Xin lỗi, đã có lỗi xảy ra" in response.text and '<html lang="vi">' in response.text


# --- Home ------------------------------------------------------------------------------------------------


def test_home_shows_lead_featured_latest_and_section_blocks(client):
    economy, culture = SectionFactory(name="Kinh tế"), SectionFactory(name="Văn hóa")
    lead = ArticleFactory(
        title="Tin chính nổi bật mới nhất", featured=True, section=economy, published_at=_ago(30)
    )
    older_featured = ArticleFactory(
        title="Tin nổi bật cũ hơn", featured=True, section=culture, published_at=_ago(300)
    )
    latest = ArticleFactory(title="Tin mới nhất không nổi bật", section=culture, published_at=_ago(5))
    for n in range(6):
        ArticleFactory(title=f"Tin văn hóa số {n}", section=culture, published_at=_ago(100 + n))
    ArticleFactory(
        title="Tin hẹn giờ chưa đến", featured=True, published_at=timezone.now() + timedelta(hours=1)
    )
    text = client.get("/").text
    assert text.index("tin-chinh") < text.index("Tin chính nổi bật mới nhất") < text.index("tin-noi-bat")
    featured = text[text.index('id="tin-noi-bat"') : text.index('id="tin-moi"')]
    assert older_featured.title in featured and lead.title not in featured
    assert latest.title in text[text.index('id="tin-moi"') :]
    block = text[text.index('id="chuyen-muc-van-hoa"') :]
    block = block[: block.index("</section>")]
    assert block.count("<li>") == 4
    assert block.index(latest.title) < block.index("Tin văn hóa số 0") < block.index("Tin văn hóa số 1")
    assert "Tin hẹn giờ chưa đến" not in text


def test_home_query_count_does_not_grow_with_stories_or_sections(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(cover_photo=PhotoFactory(), featured=True)  # the lead story
        ArticleFactory(cover_photo=PhotoFactory(), featured=True)  # one in the featured block
        ArticleFactory(cover_photo=PhotoFactory())  # one in the latest block
    few, _ = _queries(client, "/")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(6):
            section = SectionFactory(name=f"Chuyên mục số {n}")
            for _ in range(5):
                ArticleFactory(section=section, cover_photo=PhotoFactory(), featured=n % 2 == 0)
    many, response = _queries(client, "/")
    assert many <= few
    assert response.text.count('class="section-block"') == 7


# --- Section, tag and author pages -----------------------------------------------------------------------


def _listing_cases():
    section = SectionFactory(name="Nông nghiệp")
    tag = TagFactory(name="Chè Tam Đường")
    author = AuthorFactory(name="Thu Hà")
    return section, tag, author


def _story(section, tag, author, **kwargs):
    story = ArticleFactory(section=section, **kwargs)
    story.tags.add(tag)
    ArticleAuthor.objects.create(article=story, author=author)
    return story


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_listing_is_newest_first_with_page_numbers_and_clean_404s(client, kind):
    section, tag, author = _listing_cases()
    stories = [_story(section, tag, author, title=f"Bài số {n:02d}", published_at=_ago(n)) for n in range(20)]
    _story(section, tag, author, title="Bài nháp không hiện", draft=True)
    url = {"section": section, "tag": tag, "author": author}[kind].get_absolute_url()
    first = client.get(url).text
    assert first.index("Bài số 00") < first.index("Bài số 01")
    assert "Bài số 15" not in first and "Bài nháp" not in first
    assert '<span aria-current="page">1</span>' in first and "?trang=2" in first
    second = client.get(url + "?trang=2").text
    assert "Bài số 15" in second and "Bài số 19" in second and stories
    for bad in ("?trang=3", "?trang=0", "?trang=abc", "?trang="):
        assert client.get(url + bad).status_code == 404, bad


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_listing_query_count_does_not_grow_with_stories(client, kind, django_capture_on_commit_callbacks):
    section, tag, author = _listing_cases()
    url = {"section": section, "tag": tag, "author": author}[kind].get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        _story(section, tag, author, cover_photo=PhotoFactory())
    few, _ = _queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(14):
            _story(section, tag, author, cover_photo=PhotoFactory())
    many, response = _queries(client, url)
    assert many == few
    assert response.text.count('<article class="story-row with-photo">') == 15


def test_article_page_links_authors_and_tags_to_their_pages(client):
    section, tag, author = _listing_cases()
    story = _story(section, tag, author)
    text = client.get(story.get_absolute_url()).text
    assert f'href="{author.get_absolute_url()}">Thu Hà</a>' in text
    assert f'href="{tag.get_absolute_url()}">Chè Tam Đường</a>' in text


# --- Search ----------------------------------------------------------------------------------------------


@pytest.fixture
def archive():
    return {
        "politics": ArticleFactory(
            title="Nâng cao chất lượng hệ thống chính trị ở cơ sở", published_at=_ago(50)
        ),
        "inspection": ArticleFactory(title="Đăng kiểm xe cơ giới: khâu quan trọng", published_at=_ago(40)),
        "lead_only": ArticleFactory(
            title="Hội nghị tổng kết năm", lead="Bàn về công tác chính trị tư tưởng.", published_at=_ago(10)
        ),
        "body_only": ArticleFactory(
            title="Mùa lúa chín",
            body="<p>Công tác <strong>đăng kiểm</strong> phương tiện.</p>",
            published_at=_ago(5),
        ),
        "other": ArticleFactory(title="Lễ hội Then Kin Pang", published_at=_ago(1)),
    }


def _titles(client, query, page=None):
    params = {"q": query} | ({"trang": page} if page else {})
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    return [story.title for story in response.context["page"].object_list], response


@pytest.mark.parametrize("query", ["chinh tri", "CHÍNH TRỊ", "Chính Trị", "chính trị"])
def test_search_ignores_diacritics_and_case(client, archive, query):
    titles, _ = _titles(client, query)
    assert set(titles) == {archive["politics"].title, archive["lead_only"].title}


def test_search_without_diacritics_finds_dang_kiem(client, archive):
    titles, _ = _titles(client, "dang kiem")
    assert titles == [
        archive["inspection"].title,
        archive["body_only"].title,
    ]  # title match first, then newer


def test_search_ranks_title_matches_before_newer_lead_matches(client, archive):
    titles, _ = _titles(client, "chinh tri")
    assert titles[0] == archive["politics"].title


def test_search_ranks_exact_diacritic_matches_first(client):
    exact = ArticleFactory(title="Giá đàng hoàng", lead="Tin đăng trên báo.", published_at=_ago(30))
    folded_only = ArticleFactory(title="Đang làm đường", lead="Chuyện đang xảy ra.", published_at=_ago(1))
    titles, _ = _titles(client, "đăng")
    assert titles == [exact.title, folded_only.title]


def test_search_highlights_matched_words(client, archive):
    _, response = _titles(client, "dang kiem")
    assert "<mark>Đăng</mark> <mark>kiểm</mark> xe cơ giới" in response.text


def test_search_paginates_and_404s_past_the_end(client):
    for n in range(20):
        ArticleFactory(title=f"Chè shan tuyết số {n:02d}", published_at=_ago(n))
    first, response = _titles(client, "che shan")
    assert len(first) == 15 and "?q=che+shan&amp;trang=2" in response.text
    second, _ = _titles(client, "che shan", page=2)
    assert len(second) == 5 and not set(first) & set(second)
    assert client.get("/tim-kiem/", {"q": "che shan", "trang": 3}).status_code == 404


def test_search_never_shows_scheduled_taken_down_or_draft_stories(client):
    ArticleFactory(title="Cầu treo công khai")
    ArticleFactory(
        title="Cầu treo hẹn giờ",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=1),
    )
    ArticleFactory(title="Cầu treo đã gỡ", status=Article.Status.TAKEN_DOWN)
    ArticleFactory(title="Cầu treo nháp", draft=True)
    titles, _ = _titles(client, "cau treo")
    assert titles == ["Cầu treo công khai"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!! ??? ---",
        "x" * 10_000,
        "<script>alert(1)</script>",
        "'; DROP TABLE articles_article; --",
        "%_%",
        "\x00\x01",
        "chính trị " * 2_000,
    ],
)
def test_search_hostile_or_absurd_queries_get_a_friendly_page(client, archive, query):
    response = client.get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert Article.objects.count() == 5
    assert 'name="robots" content="noindex, follow"' in response.text


def test_search_for_like_wildcards_matches_literally(client, archive):
    ArticleFactory(title="Tăng trưởng 10% năm nay")
    response = client.get("/tim-kiem/", {"q": "%"})
    # A lone symbol is no word: the friendly page, not every article.
    assert response.context["terms"] == [] and 'class="story-row' not in response.text
    assert "Từ khóa không có chữ hoặc số nào để tìm" in response.text


def test_search_query_count_does_not_grow_with_results(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ArticleFactory(title="Thảo quả được mùa", cover_photo=PhotoFactory())
    few, _ = _queries(client, "/tim-kiem/?q=thao+qua")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(14):
            ArticleFactory(title=f"Thảo quả vụ {n}", cover_photo=PhotoFactory())
    many, response = _queries(client, "/tim-kiem/?q=thao+qua")
    assert many == few
    assert response.text.count('<article class="story-row with-photo">') == 15


@pytest.mark.postgresql
def test_postgresql_search_columns_have_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'articles_article'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"article_search_text_trgm", "article_search_exact_trgm", "article_search_title_trgm"} <= names


# --- Across every surface --------------------------------------------------------------------------------


def test_scheduled_and_taken_down_stories_never_appear_anywhere(client):
    section = SectionFactory(name="Thời sự")
    tag = TagFactory(name="Biên giới")
    author = AuthorFactory(name="Văn Tuấn")
    hidden = [
        _story(
            section,
            tag,
            author,
            title="Đồn biên phòng hẹn giờ",
            status=Article.Status.SCHEDULED,
            published_at=timezone.now() + timedelta(hours=2),
            featured=True,
        ),
        _story(
            section,
            tag,
            author,
            title="Đồn biên phòng đã gỡ",
            status=Article.Status.TAKEN_DOWN,
            published_at=_ago(60),
            featured=True,
        ),
    ]
    _story(section, tag, author, title="Đồn biên phòng công khai", published_at=_ago(30))
    surfaces = [
        "/",
        section.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
        "/tim-kiem/?q=don+bien+phong",
        "/rss/",
        f"/rss/{section.slug}/",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]
    for url in surfaces:
        text = client.get(url).content.decode()
        assert "Đồn biên phòng công khai" in text or "cong-khai" in text, url
        for story in hidden:
            assert story.title not in text and story.get_absolute_url() not in text, url


def test_pages_load_nothing_from_other_hosts(client):
    story = ArticleFactory(
        cover_photo=PhotoFactory(), body='<p>Xem <a href="https://laichau.gov.vn">cổng tỉnh</a>.</p>'
    )
    for url in ("/", story.get_absolute_url(), story.section.get_absolute_url(), "/tim-kiem/?q=duong"):
        text = client.get(url).text
        loaded = re.findall(r'<(?:script|img|source|link|iframe)\b[^>]*?(?:src|srcset|href)="([^"]+)"', text)
        external = [
            address
            for address in loaded
            if address.startswith(("http:", "https:", "//")) and "testserver" not in address
        ]
        assert external == [], (url, external)
