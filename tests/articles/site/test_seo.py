import json
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from articles.models import Article, Section
from articles.photos.renditions import ensure_renditions, share_rendition
from articles.site import seo
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory, add_authors, add_tags, image_bytes

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = '</script><script>alert(1)</script> "Đăng kiểm" & <b>xe</b>'


class HeadParser(HTMLParser):
    """The <meta>, <link> and JSON-LD <script> elements of a page, as a browser's parser reads them."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.scripts = [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append(attrs)
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self._script = {"attrs": attrs, "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def values(self, key):
        """Every content of <meta property=key> or <meta name=key>, in order."""
        return [m["content"] for m in self.meta if key in (m.get("property"), m.get("name"))]

    def value(self, key):
        (content,) = self.values(key)
        return content

    def json_ld(self):
        (script,) = [s for s in self.scripts if s["attrs"].get("type") == "application/ld+json"]
        return json.loads(script["text"])


def parse_head(html):
    parser = HeadParser()
    parser.feed(html)
    parser.close()
    return parser


def shared_image(photo):
    """The absolute URL link previews should show: the share rendition once photos have one."""
    rendition = share_rendition(photo)
    return f"http://testserver{rendition.file.url if rendition else photo.image.url}"


def render_article_meta(article, **context):
    """The article page's metadata, rendered as the page does: article loaded with for_page()."""
    article = Article.objects.for_page().get(pk=article.pk)
    request = RequestFactory().get(article.get_absolute_url())
    return render_to_string("articles/_article_meta.html", {"article": article, **context}, request=request)


@pytest.fixture
def story():
    article = ArticleFactory(
        title="Đăng kiểm xe cơ giới: Khâu quan trọng",
        lead="Sau nhiều năm thực hiện, công tác đăng kiểm đã có nhiều chuyển biến.",
        section=SectionFactory(name="Xã hội"),
        cover_photo=PhotoFactory(alt_text="Xe vào trạm đăng kiểm"),
        published_at=timezone.now() - timedelta(hours=2),
    )
    add_authors(article, 2)
    add_tags(article, 2)
    return article


@pytest.mark.django_db
def test_share_image_url_uses_the_share_rendition_when_there_is_one():
    photo = PhotoFactory()
    ensure_renditions(photo)
    request = RequestFactory().get("/")
    share = photo.renditions.get(width=1200, format="jpeg")
    assert seo.share_image_url(photo, request) == f"http://testserver{share.file.url}"


@pytest.mark.django_db
def test_share_image_url_falls_back_to_the_image_until_renditions_are_made():
    photo = PhotoFactory()  # saved in the test's transaction: the on-commit making never ran
    request = RequestFactory().get("/", secure=True)
    assert seo.share_image_url(photo, request) == f"https://testserver{photo.image.url}"
    assert not photo.renditions.exists()  # reading the page makes nothing


@pytest.mark.django_db
def test_share_image_url_keeps_media_on_another_host(settings):
    settings.MEDIA_URL = "https://anh.baolaichau.example/media/"
    photo = PhotoFactory()
    ensure_renditions(photo)
    request = RequestFactory().get("/")
    assert seo.share_image_url(photo, request).startswith("https://anh.baolaichau.example/media/renditions/")


def test_iso_vietnam_is_gmt7_to_the_second():
    moment = datetime(2024, 4, 24, 16, 4, 5, 123456, tzinfo=UTC)
    assert seo.iso_vietnam(moment) == "2024-04-24T23:04:05+07:00"


def test_article_meta_has_canonical_description_and_robots(story):
    head = parse_head(render_article_meta(story))
    url = f"http://testserver{story.get_absolute_url()}"
    assert [link["href"] for link in head.links if link["rel"] == "canonical"] == [url]
    assert head.value("description") == story.lead
    assert head.value("robots") == "index, follow, max-image-preview:large"


def test_article_meta_has_open_graph_tags(story, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu"}
    head = parse_head(render_article_meta(story))
    assert head.value("og:type") == "article"
    assert head.value("og:locale") == "vi_VN"
    assert head.value("og:title") == "Đăng kiểm xe cơ giới: Khâu quan trọng"
    assert head.value("og:description") == story.lead
    assert head.value("og:url") == f"http://testserver{story.get_absolute_url()}"
    assert head.value("og:site_name") == "Báo Lai Châu"
    assert head.value("og:image") == shared_image(story.cover_photo)
    assert head.value("og:image:alt") == "Xe vào trạm đăng kiểm"


def test_article_meta_has_article_times_section_and_tags(story):
    head = parse_head(render_article_meta(story))
    story.refresh_from_db()
    published = head.value("article:published_time")
    modified = head.value("article:modified_time")
    assert published.endswith("+07:00")
    assert modified.endswith("+07:00")
    assert datetime.fromisoformat(published) == story.published_at.replace(microsecond=0)
    assert datetime.fromisoformat(modified) == story.updated_at.replace(microsecond=0)
    assert head.value("article:section") == "Xã hội"
    assert head.values("article:tag") == [tag.name for tag in story.tags.all()]


def test_article_meta_links_the_site_and_section_feeds(story):
    head = parse_head(render_article_meta(story))
    feeds = [link["href"] for link in head.links if link.get("type") == "application/rss+xml"]
    assert feeds == ["/rss/", f"/rss/{story.section.slug}/"]


def test_article_meta_of_a_draft_in_preview_is_not_indexed_and_has_no_dates():
    head = parse_head(render_article_meta(ArticleFactory(draft=True), preview=True))
    assert head.value("robots") == "noindex, nofollow"
    assert head.values("article:published_time") == []
    assert "datePublished" not in head.json_ld()


def test_article_meta_in_preview_is_not_indexed_even_when_public(story):
    head = parse_head(render_article_meta(story, preview=True))
    assert head.value("robots") == "noindex, nofollow"


def test_article_meta_of_a_hidden_section_links_only_the_site_feed():
    article = ArticleFactory(section=Section.objects.create(name="Lưu trữ", is_active=False))
    head = parse_head(render_article_meta(article))
    assert [link["href"] for link in head.links if link.get("type") == "application/rss+xml"] == ["/rss/"]


def test_article_meta_description_is_a_short_excerpt_of_the_lead():
    article = ArticleFactory(lead=" ".join(["chữ"] * 60))
    head = parse_head(render_article_meta(article))
    assert head.value("description") == " ".join(["chữ"] * 40) + "…"
    assert head.value("og:description") == head.value("description")


def test_article_meta_without_cover_photo_has_no_image(client):
    head = parse_head(render_article_meta(ArticleFactory()))
    assert head.values("og:image") == []
    assert "image" not in head.json_ld()


def test_article_json_ld_describes_a_news_article(story, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu"}
    data = parse_head(render_article_meta(story)).json_ld()
    story.refresh_from_db()
    url = f"http://testserver{story.get_absolute_url()}"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Đăng kiểm xe cơ giới: Khâu quan trọng"
    assert data["description"] == story.lead
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["image"] == [shared_image(story.cover_photo)]
    assert data["datePublished"].endswith("+07:00")
    assert data["dateModified"].endswith("+07:00")
    assert datetime.fromisoformat(data["datePublished"]) == story.published_at.replace(microsecond=0)
    assert datetime.fromisoformat(data["dateModified"]) == story.updated_at.replace(microsecond=0)


def test_article_json_ld_lists_authors_as_people_with_pages(story):
    data = parse_head(render_article_meta(story)).json_ld()
    assert data["author"] == [
        {"@type": "Person", "name": author.name, "url": f"http://testserver/tac-gia/{author.slug}/"}
        for author in story.byline
    ]


def test_article_json_ld_names_the_publisher_with_its_logo(story, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu"}
    publisher = parse_head(render_article_meta(story)).json_ld()["publisher"]
    assert publisher["@type"] == "Organization"
    assert publisher["name"] == "Báo Lai Châu"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": "http://testserver/static/img/logo.png",
        "width": 600,
        "height": 60,
    }


def test_publisher_logo_is_a_small_600_by_60_png(settings):
    from PIL import Image

    logo = settings.BASE_DIR / "static" / seo.LOGO
    assert logo.stat().st_size < 20_000
    with Image.open(logo) as image:
        assert (image.format, image.size) == ("PNG", seo.LOGO_SIZE)


def test_article_json_ld_without_byline_credits_the_paper(settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu"}
    data = parse_head(render_article_meta(ArticleFactory())).json_ld()
    assert [(author["@type"], author["name"]) for author in data["author"]] == [
        ("Organization", "Báo Lai Châu")
    ]


def test_article_json_ld_dates_a_story_scheduled_after_its_last_edit_by_its_publish_time():
    article = ArticleFactory(published_at=timezone.now() - timedelta(minutes=1))
    Article.objects.filter(pk=article.pk).update(updated_at=timezone.now() - timedelta(days=1))
    data = parse_head(render_article_meta(article)).json_ld()
    assert data["dateModified"] == data["datePublished"]


def test_article_meta_hostile_title_stays_inside_json_and_attributes():
    article = ArticleFactory(title=HOSTILE_TITLE)
    html = render_article_meta(article)
    assert html.count("<script") == 1
    assert html.count("</script>") == 1
    head = parse_head(html)
    assert head.json_ld()["headline"] == HOSTILE_TITLE
    assert head.value("og:title") == HOSTILE_TITLE
    assert len(head.scripts) == 1


def test_json_ld_escapes_markup_characters():
    text = seo.json_ld({"headline": "<!-- </script> & \u2028"})
    assert text == '{"headline": "\\u003C!-- \\u003C/script\\u003E \\u0026 \u2028"}'


def test_article_meta_renders_from_a_page_load_without_queries(story, django_assert_num_queries):
    shared_image(story.cover_photo)  # the share rendition, if photos have one, exists before the page loads
    article = Article.objects.for_page().get(pk=story.pk)
    request = RequestFactory().get(article.get_absolute_url())
    with django_assert_num_queries(0):
        render_to_string("articles/_article_meta.html", {"article": article}, request=request)


# The tests below read real pages: they need the includes wired into base.html and article_detail.html.


def test_article_page_head_carries_open_graph_and_json_ld(client, story):
    head = parse_head(client.get(story.get_absolute_url()).text)
    url = f"http://testserver{story.get_absolute_url()}"
    assert head.value("og:url") == url
    assert [link["href"] for link in head.links if link["rel"] == "canonical"] == [url]
    assert head.json_ld()["headline"] == story.title
    assert head.values("description") == [story.lead]


def test_article_page_with_hostile_title_has_one_script_of_data(client):
    article = ArticleFactory(title=HOSTILE_TITLE)
    head = parse_head(client.get(article.get_absolute_url()).text)
    assert head.json_ld()["headline"] == HOSTILE_TITLE
    assert [
        s for s in head.scripts if "alert" in s["text"] and s["attrs"].get("type") != "application/ld+json"
    ] == []


def test_home_page_head_has_description_robots_and_feed(client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Lai Châu", "TAGLINE": "Tin tức Lai Châu"}
    head = parse_head(client.get("/").text)
    assert head.value("description") == "Tin tức Lai Châu"
    assert head.value("robots") == "index, follow, max-image-preview:large"
    feeds = [
        (link["title"], link["href"]) for link in head.links if link.get("type") == "application/rss+xml"
    ]
    assert feeds == [("Báo Lai Châu – Tin mới", "/rss/")]


def test_section_page_head_links_its_own_feed(client):
    section = SectionFactory(name="Kinh tế", description="Tin kinh tế trong tỉnh.")
    head = parse_head(client.get(section.get_absolute_url()).text)
    assert head.value("description") == "Tin kinh tế trong tỉnh."
    feeds = [link["href"] for link in head.links if link.get("type") == "application/rss+xml"]
    assert feeds == ["/rss/", "/rss/kinh-te/"]


# --- The shared image: the share rendition, with its size, whatever the original's width ----------------


def _story_with_cover(size, *, made=True):
    photo = PhotoFactory(
        image=ContentFile(image_bytes(size=size), name="bia.jpg"), alt_text="Ruộng bậc thang"
    )
    if made:
        ensure_renditions(photo)
    return ArticleFactory(cover_photo=photo)


def test_open_graph_image_of_a_wide_photo_is_its_share_rendition_with_its_size():
    story = _story_with_cover((2400, 1600))
    head = parse_head(render_article_meta(story))
    share = share_rendition(story.cover_photo)
    assert (share.format, share.width, share.height) == ("jpeg", 1280, 853)  # the widest offered copy
    assert head.value("og:image") == f"http://testserver{share.file.url}"
    assert head.value("og:image:width") == "1280"
    assert head.value("og:image:height") == "853"
    assert head.json_ld()["image"] == [head.value("og:image")]


def test_open_graph_image_of_a_photo_narrower_than_1200_px_is_its_enlarged_copy():
    # Link previews want 1,200 px: a narrow original gets that one copy enlarged, never a small image.
    story = _story_with_cover((800, 600))
    head = parse_head(render_article_meta(story))
    share = share_rendition(story.cover_photo)
    assert (share.width, share.height) == (1200, 900)
    assert head.value("og:image") == f"http://testserver{share.file.url}"
    assert (head.value("og:image:width"), head.value("og:image:height")) == ("1200", "900")
    assert not story.cover_photo.renditions.filter(width=1200, format="webp").exists()  # not in srcset


def test_open_graph_image_before_renditions_are_made_is_the_original_without_a_size():
    # The original's stored size is read before any EXIF turn: no size is better than a wrong one.
    story = _story_with_cover((2400, 1600), made=False)
    head = parse_head(render_article_meta(story))
    assert head.value("og:image") == f"http://testserver{story.cover_photo.image.url}"
    assert head.values("og:image:width") == []
    assert head.values("og:image:height") == []
    assert head.value("og:image:alt") == "Ruộng bậc thang"


def test_open_graph_image_tags_come_in_the_order_link_previews_read():
    story = _story_with_cover((1600, 1000))
    keys = [m.get("property") for m in parse_head(render_article_meta(story)).meta if m.get("property")]
    image_keys = [key for key in keys if key.startswith("og:image")]
    assert image_keys == ["og:image", "og:image:width", "og:image:height", "og:image:alt"]
