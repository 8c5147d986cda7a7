"""The favicon, the touch icons and the web app manifest: served without the database, drawn from the logo,
linked from every reader page, and a page load in a browser asks for nothing that is not there."""

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from PIL import Image, ImageChops

from newsroom import webapp
from tests.factories import ArticleFactory, CommentFactory, PhotoFactory

ROOT = Path(__file__).resolve().parents[2]
SITE_CSS = ROOT / "static" / "css" / "site.css"


def _static_file(url):
    """The file behind a static URL of the page or the manifest."""
    assert url.startswith(settings.STATIC_URL), url
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert found, f"{url} names no static file"
    return Path(found)


def _css_variable(name):
    """A variable's value in site.css's first :root block (the light theme)."""
    root = re.search(r":root\s*{([^}]*)}", SITE_CSS.read_text()).group(1)
    return re.search(rf"--{name}:\s*([^;]+);", root).group(1).strip()


@pytest.mark.django_db
def test_favicon_at_the_root_is_the_icon_file_and_reads_no_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    with Image.open(io.BytesIO(response.content)) as icon:
        assert icon.format == "ICO"
        assert icon.ico.sizes() == {(16, 16), (32, 32), (48, 48)}
    assert response.content == _static_file(settings.STATIC_URL + webapp.FAVICON).read_bytes()


@pytest.mark.django_db
def test_favicon_refuses_a_post(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
def test_manifest_is_json_of_its_own_type_with_the_sites_name_colours_and_icons(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "application/manifest+json"
    manifest = json.loads(response.content.decode("utf-8"))
    assert manifest["name"] == "Báo Lai Châu"
    assert manifest["short_name"] == "Báo Lai Châu"
    assert manifest["lang"] == "vi"
    assert manifest["start_url"] == "/"
    assert manifest["display"] in {"standalone", "browser"}
    # The colours are site.css's own.
    assert manifest["theme_color"] == _css_variable("brand")
    assert manifest["background_color"] == _css_variable("bg")
    icons = manifest["icons"]
    assert {icon["purpose"] for icon in icons} == {"any", "maskable"}
    assert {icon["sizes"] for icon in icons} == {"192x192", "512x512"}
    for icon in icons:
        with Image.open(_static_file(icon["src"])) as image:
            assert image.format == "PNG" == icon["type"].removeprefix("image/").upper()
            assert f"{image.width}x{image.height}" == icon["sizes"]


@pytest.mark.django_db
def test_manifest_short_name_falls_back_to_the_mark_for_a_long_name(client, settings):
    settings.NEWSROOM = {**settings.NEWSROOM, "NAME": "Báo Điện tử Đảng bộ tỉnh Lai Châu", "MARK": "BLC"}
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    assert manifest["name"] == "Báo Điện tử Đảng bộ tỉnh Lai Châu"
    assert manifest["short_name"] == "BLC"


def test_css_colours_and_the_theme_colour_agree():
    assert webapp.THEME_COLOR == _css_variable("brand")
    assert webapp.BACKGROUND_COLOR == _css_variable("bg")


def test_maskable_icons_keep_their_letters_inside_the_safe_circle():
    """Whatever a launcher crops to a circle of 80% of the width, all the white letters stay in it."""
    for size, path in webapp.APP_ICONS.items():
        with Image.open(_static_file(settings.STATIC_URL + path)) as image:
            rgb = image.convert("RGB")
        corner = rgb.getpixel((0, 0))
        radius = size * webapp.MASKABLE_SAFE_ZONE / 2
        letters = 0
        for y in range(0, size, 2):
            for x in range(0, size, 2):
                red, green, blue = rgb.getpixel((x, y))
                if min(red, green, blue) > 200:  # the white of the letters
                    letters += 1
                    assert (x - size / 2) ** 2 + (y - size / 2) ** 2 <= radius**2, (path, x, y)
        assert letters > size, "the icon has its letters"
        assert corner[0] > 150 > corner[1], "the ground is the logo's red"


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.metas, self.scripts = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            self.metas.append(attrs)
        elif tag == "script" and "src" in attrs:
            self.scripts.append(attrs)


@pytest.mark.django_db
def test_reader_pages_link_the_icons_manifest_and_theme_colour(client):
    story = ArticleFactory()
    for url in ("/", story.get_absolute_url(), "/khong-co-trang-nay/"):
        head = _Head()
        head.feed(client.get(url).content.decode())
        rels = {link["rel"]: link for link in head.links if link.get("rel") != "icon"}
        icons = [link for link in head.links if link.get("rel") == "icon"]
        assert [_static_file(icon["href"]).name for icon in icons] == ["favicon.ico", "icon-192.png"]
        assert _static_file(rels["apple-touch-icon"]["href"]).name == "apple-touch-icon.png"
        with Image.open(_static_file(rels["apple-touch-icon"]["href"])) as apple:
            assert apple.size == (webapp.APPLE_TOUCH_SIZE, webapp.APPLE_TOUCH_SIZE)
        assert rels["manifest"]["href"] == "/manifest.webmanifest"
        theme = [meta for meta in head.metas if meta.get("name") == "theme-color"]
        assert theme == [{"name": "theme-color", "content": webapp.THEME_COLOR}]
        # The text size is set from a script of the site's own, in <head> and not deferred (before paint).
        early = [script for script in head.scripts if script["src"].endswith("js/text-size.js")]
        assert early and "defer" not in early[0] and "async" not in early[0]


def test_make_icons_draws_the_committed_files_again(tmp_path):
    """The committed icons are what the command makes from the logo: re-running it changes nothing."""
    (tmp_path / "img").mkdir()
    shutil.copy(ROOT / "static" / webapp.LOGO, tmp_path / webapp.LOGO)
    out = io.StringIO()
    call_command("make_icons", static_dir=tmp_path, stdout=out)
    paths = [webapp.FAVICON, webapp.APPLE_TOUCH_ICON, *webapp.APP_ICONS.values()]
    assert out.getvalue().count("Đã ghi") == len(paths)
    for path in paths:
        with Image.open(tmp_path / path) as made, Image.open(ROOT / "static" / path) as committed:
            assert made.size == committed.size
            difference = ImageChops.difference(made.convert("RGB"), committed.convert("RGB"))
            assert difference.getbbox() is None, path


def test_make_icons_says_what_is_missing(tmp_path):
    with pytest.raises(CommandError, match="logo"):
        call_command("make_icons", static_dir=tmp_path)
    (tmp_path / "img").mkdir()
    shutil.copy(ROOT / "static" / webapp.LOGO, tmp_path / webapp.LOGO)
    with pytest.raises(CommandError, match="phông chữ"):
        call_command("make_icons", static_dir=tmp_path, font=str(tmp_path / "khong-co.ttf"))
    assert not (tmp_path / webapp.FAVICON).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_page_load_in_the_browser_asks_for_nothing_missing(page):
    story = ArticleFactory(cover_photo=PhotoFactory())
    CommentFactory(article=story)
    missing, failed = [], []
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("console", lambda message: failed.append(message.text) if message.type == "error" else None)
    for url in ("/", story.get_absolute_url()):
        page.goto(url, wait_until="networkidle")
    # Headless Chromium does not fetch icons or the manifest by itself: ask for each as a browser would.
    asked = page.evaluate(
        """async () => {
          const hrefs = [...document.querySelectorAll('link[rel~=icon], link[rel=apple-touch-icon],'
            + ' link[rel=manifest]')].map(link => link.href);
          hrefs.push(new URL('/favicon.ico', location.href).href);
          const answers = await Promise.all(hrefs.map(href => fetch(href)));
          return answers.map(answer => [answer.url, answer.status, answer.headers.get('content-type')]);
        }"""
    )
    assert missing == [] and failed == []
    assert len(asked) == 5
    types = {url.rsplit("/", 1)[-1]: (status, kind.split(";")[0]) for url, status, kind in asked}
    assert types["favicon.ico"] == (200, "image/x-icon")
    assert types["icon-192.png"] == (200, "image/png")
    assert types["apple-touch-icon.png"] == (200, "image/png")
    assert types["manifest.webmanifest"] == (200, "application/manifest+json")
