"""Hostile Unicode in what editors type takes down no page, feed or sitemap that lists the story."""

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from articles.models import ArticleAuthor
from newsroom.common.text import nfc
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Served by the web server, not the URLconf.
NOT_ROUTED = (django_settings.STATIC_URL, django_settings.MEDIA_URL)

# Each one broke something once or is a classic: "_" and "＿" (NFKD makes it "_") made slugs no URL took,
# U+000B (Word's Shift+Enter), U+FFFE and NUL are not XML (and PostgreSQL refuses NUL), markup must stay
# text, U+202E turns what follows around, a blank name has no slug, "Đ" has no decomposition.
HOSTILE = [
    "Giá xăng_dầu giảm từ chiều nay",
    "\x0b",
    "\ufffe",
    "\x00",
    "<script>alert(1)</script>",
    "'\"&<>",
    "\u202eRTL",
    "   ",
    "_",
    "ａ＿ｂ",
    "Nhà 🏠 đẹp 👨‍👩‍👧 🇻🇳",
    "Đ đ",
]

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
EXAMPLES_ONLY = settings(PROPERTY, phases=[Phase.explicit])


def typed(max_length):
    """What a form lets through: not blank, and no longer than the field once stored (NFC can lengthen)."""
    return st.text(min_size=1, max_size=max_length).filter(
        lambda text: text.strip() and len(nfc(text)) <= max_length
    )


def hostile_examples(test):
    for text in reversed(HOSTILE):
        test = example(title=text, lead=text, section_name=text, tag_name=text, author_name=text)(test)
    return test


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []
        self.scripts = []  # [attributes, text] of every <script>
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if tag == "script":
            self._in_script = True
            self.scripts.append([attrs, ""])

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1][1] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def read_page(client, path, params=None):
    """The page's internal link paths, once it has answered 200 and every routed link has resolved."""
    response = client.get(path, params)
    assert response.status_code == 200, (path, params, response.status_code)
    parser = _PageParser()
    parser.feed(response.content.decode())
    parser.close()
    links = [unquote(urlsplit(href).path) for href in parser.hrefs if href.startswith("/")]
    for link in links:
        if link.startswith("//") or link.startswith(NOT_ROUTED):
            continue
        try:
            resolve(link)
        except Resolver404:
            pytest.fail(f"{path} links to {link}, which no URL pattern takes")
    for attrs, text in parser.scripts:
        # Escaped text opens no <script>: every one on the page is a file of ours or the JSON-LD.
        assert "src" in attrs or attrs.get("type") == "application/ld+json", (path, attrs, text)
    return links, parser


def read_feed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, (path, feed.get("bozo_exception"))
    return feed, ET.fromstring(response.content)


def read_sitemap(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return [loc.text for loc in ET.fromstring(response.content).iterfind("./*/sm:loc", SITEMAP_NS)]


def absolute(path):
    return f"http://testserver{path}"


def as_xml_reads(text):
    # Every XML parser reads a CR or CRLF as LF (XML 1.0, 2.11), and the feed writes CR as it is.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _as_windows_1252(match):
    try:
        return bytes([ord(match.group(0))]).decode("cp1252")
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return match.group(0)


def as_feedparser_reads(text):
    """``text`` as feedparser hands it out: stripped, then repaired as if it were mis-decoded (pop() in
    feedparser/mixin.py): Latin-1 that spells UTF-8 is decoded again and C1 controls read as Windows-1252.
    """
    text = as_xml_reads(text).strip()
    try:
        text = text.encode("iso-8859-1").decode("utf-8")
    except UnicodeError:
        pass
    return re.sub("[\x80-\x9f]", _as_windows_1252, text)


def publish_story(title, lead, section_name, tag_name, author_name):
    section = SectionFactory(name=section_name)
    article = ArticleFactory(title=title, lead=lead, section=section)
    tag = TagFactory(name=tag_name)
    article.tags.add(tag)
    author = AuthorFactory(name=author_name)
    ArticleAuthor.objects.create(article=article, author=author, position=1)
    article.refresh_from_db()
    return article, section, tag, author


def route_taken(section):
    path = section.get_absolute_url()
    return path.startswith(NOT_ROUTED) or resolve(path).view_name != "articles:section"


def check_story_everywhere(title, lead, section_name, tag_name, author_name):
    article, section, tag, author = publish_story(title, lead, section_name, tag_name, author_name)
    # A section named like a route ("RSS", "Media") gets a slug of its own (NamedPage.reserved_slugs).
    assert not route_taken(section)
    # Pages show what was stored: NFC, with nothing XML forbids (PostgreSQL would refuse a NUL outright).
    assert (article.title, article.lead) == (nfc(title), nfc(lead))
    assert (section.name, tag.name, author.name) == (nfc(section_name), nfc(tag_name), nfc(author_name))

    client = Client()
    story = article.get_absolute_url()
    own_pages = [section.get_absolute_url(), tag.get_absolute_url(), author.get_absolute_url()]
    for path in [reverse("articles:home"), *own_pages]:
        links, _ = read_page(client, path)
        assert story in links, f"{path} does not list the story"

    search = reverse("articles:search")
    read_page(client, search, {"q": title})
    words = re.findall(r"\w+", article.title)
    if words:
        read_page(client, search, {"q": words[0]})

    links, parser = read_page(client, story)
    assert set(own_pages) <= set(links)
    (json_ld,) = [json.loads(text) for attrs, text in parser.scripts if "src" not in attrs]
    assert json_ld["headline"] == article.title

    for path in (reverse("seo:rss"), reverse("seo:section-rss", kwargs={"slug": section.slug})):
        feed, rss = read_feed(client, path)
        entries = [entry for entry in feed.entries if entry.link == absolute(story)]
        assert len(entries) == 1, f"{path} does not list the story"
        # Readers take an RSS title as HTML, so the feed escapes the text once more.
        assert html.unescape(entries[0].title) == as_feedparser_reads(article.title)
        (item,) = [item for item in rss.iter("item") if item.findtext("link") == absolute(story)]
        assert html.unescape(item.findtext("title")) == as_xml_reads(article.title)

    for url in read_sitemap(client, reverse("seo:sitemap-index")):
        resolve(urlsplit(url).path)
    assert absolute(story) in read_sitemap(client, reverse("seo:sitemap", kwargs={"section": "articles"}))
    sections = read_sitemap(client, reverse("seo:sitemap", kwargs={"section": "sections"}))
    assert absolute(section.get_absolute_url()) in sections
    assert absolute(story) in read_sitemap(client, reverse("seo:news-sitemap"))


def in_rolled_back_transaction(check, *args):
    # Each example starts from an empty database; article pages are cached per id, and ids come back.
    cache.clear()
    with transaction.atomic():
        check(*args)
        transaction.set_rollback(True)


@hostile_examples
@given(
    title=typed(300),
    lead=st.text(min_size=1).filter(str.strip),
    section_name=typed(100),
    tag_name=typed(100),
    author_name=typed(100),
)
@PROPERTY
def test_story_pages_feeds_and_sitemaps_answer_whatever_the_text(
    db, title, lead, section_name, tag_name, author_name
):
    in_rolled_back_transaction(check_story_everywhere, title, lead, section_name, tag_name, author_name)


def check_section_has_its_page(name):
    article, section, _, _ = publish_story(
        "Giá xăng dầu giảm", "Từ 15 giờ chiều nay.", name, "Xăng", "Thu Hà"
    )
    path = section.get_absolute_url()
    assert not path.startswith(django_settings.MEDIA_URL), f"nginx answers {path} from disk, not the section"
    assert resolve(path).view_name == "articles:section", f"{path} is {resolve(path).view_name}"
    links, _ = read_page(Client(), path)
    assert article.get_absolute_url() in links


# Found by this file: a section's slug could be the first segment of another route or of MEDIA_URL, and its
# page was then the feed, search, the admin, moderation, or (behind nginx) a media file.
@example(name="RSS")
@example(name="Tìm kiếm")
@example(name="Quản trị")
@example(name="Kiểm duyệt")
@example(name="Media")
@example(name="healthz")
@given(name=typed(100))
@settings(PROPERTY, max_examples=15)
def test_section_named_like_a_route_has_its_own_page(db, name):
    in_rolled_back_transaction(check_section_has_its_page, name)


def check_search_finds_story(title):
    article, *_ = publish_story(title, "Tin vắn.", "Thời sự", "Tin vắn", "Thu Hà")
    for word in re.findall(r"\w+", article.title):
        links, _ = read_page(Client(), reverse("articles:search"), {"q": word})
        assert article.get_absolute_url() in links, f"searching {word!r} misses {article.title!r}"


# Found by this file: the query was casefolded before folding and the stored text not, so a title word
# whose casefolding makes a letter of a combining mark ("ᾳ" -> "αι") could not be found.
@example(title="ᾳ")
@example(title="Đăng kiểm xe cơ giới")
@given(title=typed(300))
@settings(PROPERTY, max_examples=15)
def test_search_finds_a_story_by_any_word_of_its_title(db, title):
    in_rolled_back_transaction(check_search_finds_story, title)
