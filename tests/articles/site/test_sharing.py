"""The article page's "Chia sẻ" block as the server writes it: plain links that work without JavaScript,
the story's absolute address for the site that was asked, nothing from another host, stored pages alike."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, RequestFactory

from articles.models import Article, StoredPage
from articles.site import sharing, stored_pages
from articles.stories.services import make_preview_token
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '"Chia sẻ" <b>ngay</b> & </section><script>alert(1)</script>'


class PageParser(HTMLParser):
    """Every start tag with its attributes, and those inside the share block (section.share)."""

    def __init__(self):
        super().__init__()
        self.tags, self.share, self._depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if self._depth:
            self.share.append((tag, attrs))
            self._depth += tag == "section"
        elif tag == "section" and "share" in (attrs.get("class") or "").split():
            self.share.append((tag, attrs))
            self._depth = 1

    def handle_endtag(self, tag):
        if self._depth and tag == "section":
            self._depth -= 1

    def in_share(self, tag, css_class=None):
        return [
            attrs
            for name, attrs in self.share
            if name == tag and (css_class is None or css_class in (attrs.get("class") or "").split())
        ]


def parse(html):
    parser = PageParser()
    parser.feed(html)
    parser.close()
    return parser


def _shared_address(href):
    """The address a Facebook or Zalo share link hands over, decoded."""
    query = parse_qs(urlsplit(href).query)
    (value,) = query.get("u") or query["url"]
    return value


def test_share_links_carry_the_canonical_address_encoded_whole(settings):
    settings.ALLOWED_HOSTS = ["baolaichau.vn"]
    article = ArticleFactory(title="Mùa lúa chín ở Mường Tè")
    request = RequestFactory().get("/", secure=True, HTTP_HOST="baolaichau.vn")
    links = sharing.share_links(article, request)
    url = f"https://baolaichau.vn{article.get_absolute_url()}"
    assert links["url"] == url
    assert links["title"] == "Mùa lúa chín ở Mường Tè"
    encoded = quote(url, safe="")
    assert "%2F" in encoded and "/" not in encoded and ":" not in encoded
    assert links["facebook"] == f"https://www.facebook.com/sharer/sharer.php?u={encoded}"
    assert links["zalo"] == f"https://sp.zalo.me/share_inline?url={encoded}"


def test_article_page_has_plain_share_links_that_work_without_javascript(client):
    article = ArticleFactory(title="Chè Shan tuyết Tả Sìn Thàng")
    page = parse(client.get(article.get_absolute_url()).text)
    url = f"http://testserver{article.get_absolute_url()}"
    (block,) = page.in_share("section", "share")
    assert (block["data-url"], block["data-title"]) == (url, "Chè Shan tuyết Tả Sìn Thàng")
    links = page.in_share("a")
    assert [urlsplit(a["href"]).netloc for a in links] == ["www.facebook.com", "sp.zalo.me"]
    assert [_shared_address(a["href"]) for a in links] == [url, url]
    assert all((a["rel"], a["target"]) == ("noopener", "_blank") for a in links)
    links_list = page.in_share("ul", "share-links")
    assert links_list and "hidden" not in links_list[0]  # shown as the server sends them
    # What needs JavaScript is hidden until share.js shows it.
    (native,) = page.in_share("button", "share-native")
    (copy_item,) = page.in_share("li", "share-copy-item")
    (manual,) = page.in_share("p", "share-manual")
    assert "hidden" in native and "hidden" in copy_item and "hidden" in manual
    (field,) = page.in_share("input")
    assert (field["value"], field["type"]) == (url, "url") and "readonly" in field
    (status,) = page.in_share("p", "share-status")
    assert (status["role"], status["aria-live"]) == ("status", "polite")
    (script,) = page.in_share("script")
    assert script["src"].startswith("/static/js/share") and "defer" in script


def test_share_block_keeps_a_hostile_title_inside_its_attribute(client):
    article = ArticleFactory(title=HOSTILE_TITLE)
    html = client.get(article.get_absolute_url()).text
    page = parse(html)
    (block,) = page.in_share("section", "share")
    assert block["data-title"] == HOSTILE_TITLE
    assert html.count("<script>alert(1)</script>") == 0


def test_share_block_is_not_on_previews(client, editor):
    draft = ArticleFactory(title="Bài chưa đăng", draft=True)
    preview = client.get(f"/xem-truoc/chia-se/{make_preview_token(draft)}/")
    assert preview.status_code == 200
    assert parse(preview.text).share == []
    client.force_login(editor)
    staff = client.get(f"/xem-truoc/{draft.pk}/")
    assert staff.status_code == 200 and "Bài chưa đăng" in staff.text
    assert parse(staff.text).share == []


def test_article_page_loads_nothing_from_another_host(client, settings):
    article = ArticleFactory(cover_photo=PhotoFactory(), body="<p>Bài có ảnh.</p>")
    page = parse(client.get(article.get_absolute_url()).text)
    loaded = []
    for tag, attrs in page.tags:
        if tag in {"script", "img", "iframe", "source", "embed", "object", "audio", "video"}:
            loaded += [attrs.get("src"), attrs.get("data")]
            loaded += [part.split()[0] for part in (attrs.get("srcset") or "").split(",") if part.strip()]
        elif tag == "link" and attrs.get("rel") in {"stylesheet", "preload", "icon", "modulepreload"}:
            loaded.append(attrs.get("href"))
    loaded = [value for value in loaded if value]
    assert any(value.startswith("/static/js/share") for value in loaded)
    assert [value for value in loaded if urlsplit(value).netloc or value.startswith("//")] == []
    assert [tag for tag, _attrs in page.tags if tag in {"iframe", "embed", "object"}] == []


@pytest.mark.usefixtures("page_cache")
def test_a_stored_page_shares_the_address_of_the_site_it_was_asked_on(settings):
    """The share block is in the stored page: a page stored for one address is never served on another."""
    settings.ALLOWED_HOSTS = ["testserver", "baolaichau.vn", "www.baolaichau.vn"]
    story = ArticleFactory(title="Hoa ban trắng núi rừng")
    path = story.get_absolute_url()

    def shared(host, n):
        response = Client(HTTP_HOST=host).get(path, {"lan": n})  # a new query: no copy in the page cache
        assert response.status_code == 200
        (block,) = parse(response.text).in_share("section", "share")
        return block["data-url"], [_shared_address(a["href"]) for a in parse(response.text).in_share("a")]

    first = f"http://baolaichau.vn{path}"
    assert shared("baolaichau.vn", 1) == (first, [first, first])
    assert stored_pages.lookup(story.pk, "http://baolaichau.vn").segments is not None
    # Read from the stored page (one query): the same address.
    assert shared("baolaichau.vn", 2) == (first, [first, first])
    other = f"http://www.baolaichau.vn{path}"
    assert shared("www.baolaichau.vn", 3) == (other, [other, other])
    assert stored_pages.lookup(story.pk, "http://baolaichau.vn").segments is None
    assert shared("baolaichau.vn", 4) == (first, [first, first])
    assert StoredPage.objects.filter(article_id=story.pk).count() == 1


@pytest.mark.usefixtures("page_cache")
def test_a_title_edit_reaches_the_share_block_of_the_stored_page(editor):
    from articles.stories import services

    story = ArticleFactory(title="Tên cũ của bài")
    client = Client()
    client.get(story.get_absolute_url(), {"lan": 1})
    assert stored_pages.lookup(story.pk, "http://testserver").segments is not None
    story = Article.objects.get(pk=story.pk)
    story.title = "Tên mới của bài"
    services.save_article(article=story, user=editor, opened_version=story.version)
    story.refresh_from_db()
    (block,) = parse(client.get(story.get_absolute_url(), {"lan": 2}).text).in_share("section", "share")
    assert block["data-title"] == "Tên mới của bài"


@pytest.mark.usefixtures("page_cache")
def test_pages_rendered_ahead_by_render_stories_share_the_sites_own_address(
    settings, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = ["baolaichau.vn"]
    settings.SITE_URL = "https://baolaichau.vn"
    story = ArticleFactory(title="Cầu Pa Tần nối đôi bờ")
    call_command("render_stories")
    reader = Client(HTTP_HOST="baolaichau.vn")
    url = f"https://baolaichau.vn{story.get_absolute_url()}"
    reader.get("/")  # the site's versions and next publication, read once, out of the count below
    with django_assert_num_queries(1):  # the lookup: the page rendered ahead, filled in
        response = reader.get(story.get_absolute_url(), secure=True)
    (block,) = parse(response.text).in_share("section", "share")
    assert block["data-url"] == url
    assert [_shared_address(a["href"]) for a in parse(response.text).in_share("a")] == [url, url]


def test_the_permissions_policy_leaves_the_share_sheet_and_the_clipboard_to_the_page(client):
    policy = client.get(ArticleFactory().get_absolute_url())["Permissions-Policy"]
    assert "camera=()" in policy  # the policy is there, and it denies what no page uses
    assert "web-share" not in policy and "clipboard-write" not in policy
