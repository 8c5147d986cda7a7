"""How reader pages look in the reader's browser: no sideways scrolling at a phone's or a desktop's width,
with or without the photos; the text size control; the dark theme; the printed page."""

import json
import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from articles.models import ArticlePhoto, Photo, RelatedArticle
from articles.photos.renditions import ensure_renditions
from tests.conftest import IN_CI
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    add_authors,
    image_bytes,
    live_story,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (390, 1280)
# Any request for a photo or a rendition: uploads under /media/, whatever their extension.
IMAGE_URL = re.compile(r"/media/|\.(?:jpe?g|png|webp|gif|avif)(?:\?|$)")


def _photo(**fields):
    """A wide photo, as a camera makes them: its renditions are as wide as the site offers (1280 px)."""
    return PhotoFactory(image=ContentFile(image_bytes(size=(2400, 1600)), name="anh.jpg"), **fields)


def build():
    """Every public page type with photos (renditions made) and comments; returns the URLs by name."""
    section = SectionFactory(name="Văn hóa – Du lịch")
    tag = TagFactory(name="Lễ hội")
    story = ArticleFactory(
        title="Lễ hội Then Kin Pang: nét đẹp văn hóa người Lự",
        lead="Lễ hội thu hút hàng nghìn du khách về Tam Đường.",
        body=(
            "<p>Đoạn mở đầu của bài viết về lễ hội.</p><p>[ảnh 1]</p><p>Đoạn giữa.</p><p>[ảnh 2]</p>"
            # What a paste from a spreadsheet or a long link brings: wider than any phone.
            f"<table><tr>{'<td>Sản lượng chè búp tươi</td>' * 12}</tr></table>"
            f"<p>Xem https://laichau.gov.vn/{'van-hoa-du-lich-' * 12}le-hoi.html</p>"
        ),
        section=section,
        cover_photo=_photo(alt_text="Toàn cảnh lễ hội"),
        featured=True,
    )
    story.tags.add(tag)
    add_authors(story, 1)
    for position in (1, 2):
        ArticlePhoto.objects.create(
            article=story, photo=_photo(), position=position, caption=f"Chú thích {position}", credit="Thu Hà"
        )
    for n in range(4):
        other = ArticleFactory(title=f"Du lịch bản Sì Thâu Chải {n}", section=section, cover_photo=_photo())
        other.tags.add(tag)
        RelatedArticle.objects.create(from_article=story, to_article=other, position=n)
    parent = CommentFactory(article=story, body="Lễ hội rất đẹp.")
    CommentFactory(article=story, parent=parent, body="Tôi cũng đã đi, rất vui.")
    live = live_story(section=section, photo=_photo(alt_text="Hội trường kỳ họp", caption="Kỳ họp thứ 8"))
    for photo in Photo.objects.all():
        ensure_renditions(photo)
    return {
        "home": "/",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": story.byline[0].get_absolute_url(),
        "search": "/tim-kiem/?q=le+hoi",
        "article": story.get_absolute_url(),
        "live": live.get_absolute_url(),
        "not-found": "/khong-co-trang-nay/",
        "report": f"/binh-luan/{parent.pk}/bao-vi-pham/",
    }


def _sideways(page):
    """How many pixels the page is wider than the window (0 when it does not scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _image_requests_aborted(page):
    aborted = []

    def abort(route):
        aborted.append(route.request.url)
        route.abort()

    page.route(IMAGE_URL, abort)
    return aborted


def test_no_page_scrolls_sideways_with_its_photos(page):
    urls = build()
    loaded = []
    page.on(
        "requestfinished",
        lambda request: loaded.append(request.url) if IMAGE_URL.search(request.url) else None,
    )
    wide = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in urls.items():
            page.goto(url, wait_until="networkidle")
            if (extra := _sideways(page)) > 0:
                wide[f"{name}@{width}"] = extra
    assert wide == {}
    assert loaded, "the photos were requested and loaded"


def test_no_page_scrolls_sideways_when_its_photos_fail_to_load(page):
    urls = build()
    aborted = _image_requests_aborted(page)
    wide = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in urls.items():
            page.goto(url, wait_until="networkidle")
            broken = page.evaluate(
                "[...document.images].filter(img => img.complete && !img.naturalWidth).length"
            )
            if (extra := _sideways(page)) > 0:
                wide[f"{name}@{width}"] = extra
            if name in {"home", "article"}:
                assert broken > 0, f"{name}@{width}: its photos were meant to fail"
    assert wide == {}
    assert aborted


def test_a_broken_photo_keeps_its_box(page):
    """A photo that fails keeps the space of the one that would have come: the page does not jump."""
    urls = build()
    _image_requests_aborted(page)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(urls["article"], wait_until="networkidle")
    box = page.locator(".article-body figure img").first.bounding_box()
    # 2400 x 1600 photos: 3:2 in the column's width (390 - 2 x 16 px of margin).
    assert box["width"] == pytest.approx(358, abs=1)
    assert box["height"] == pytest.approx(358 * 2 / 3, abs=2)


def _font_size(locator):
    return float(locator.evaluate("element => getComputedStyle(element).fontSize").removesuffix("px"))


def test_text_size_grows_stays_after_a_reload_and_stops_at_its_bounds(page):
    story = ArticleFactory(title="Mùa chè mới ở Tam Đường")
    page.goto(story.get_absolute_url())
    body = page.locator(".article-body")
    normal = _font_size(body)
    larger = page.get_by_role("button", name="Tăng cỡ chữ")
    smaller = page.get_by_role("button", name="Giảm cỡ chữ")
    larger.click()
    larger.click()
    grown = _font_size(body)
    assert grown > normal

    page.reload()
    assert _font_size(page.locator(".article-body")) == grown
    assert page.evaluate("document.documentElement.dataset.textSize") == "2"

    sizes = []
    for _ in range(6):
        # Forced: at the bound the button is aria-disabled, which Playwright would wait out; a reader can click.
        smaller.click(force=True)
        sizes.append(_font_size(body))
    smallest = min(sizes)
    assert smallest < normal
    # Past the bound the button does nothing more, and says so.
    assert sizes[-3:] == [smallest] * 3
    assert smaller.get_attribute("aria-disabled") == "true"
    assert larger.get_attribute("aria-disabled") == "false"
    for _ in range(8):
        larger.click(force=True)
    largest = _font_size(body)
    larger.click(force=True)
    assert _font_size(body) == largest
    assert larger.get_attribute("aria-disabled") == "true"


def test_text_size_is_set_before_the_story_is_drawn(page):
    """The saved size is on <html> by the time the first paint could happen: no jump after the page shows."""
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    page.evaluate("localStorage.setItem('newsroom:text-size', '3')")
    # Runs at the first line of <body>, before anything of the story is parsed.
    page.add_init_script(
        "new MutationObserver((changes, observer) => { if (document.body) {"
        " window.__sizeAtBody = document.documentElement.dataset.textSize; observer.disconnect(); } })"
        ".observe(document, {childList: true, subtree: true});"
    )
    page.reload()
    assert page.evaluate("window.__sizeAtBody") == "3"


def test_text_size_ignores_a_garbled_saved_value(page):
    story = ArticleFactory()
    page.goto(story.get_absolute_url())
    normal = _font_size(page.locator(".article-body"))
    for garbled in ("99", "-40", "to", ""):
        page.evaluate(f"localStorage.setItem('newsroom:text-size', {json.dumps(garbled)})")
        page.reload()
        size = _font_size(page.locator(".article-body"))
        if garbled == "99":
            assert size > normal  # held at the largest step
        elif garbled == "-40":
            assert size < normal  # held at the smallest step
        else:
            assert size == normal


def test_text_size_buttons_stay_hidden_without_javascript(chromium, live_server):
    story = ArticleFactory()
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(story.get_absolute_url())
        assert page.locator(".text-size").count() == 1
        assert not page.locator(".text-size").is_visible()
        assert page.get_by_role("button", name="Tăng cỡ chữ").count() == 0
    finally:
        context.close()


def _luminance(rgb):
    channels = [int(value) / 255 for value in re.findall(r"[\d.]+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _colours(page, selector):
    return page.locator(selector).first.evaluate(
        "element => { const style = getComputedStyle(element); return [style.backgroundColor, style.color]; }"
    )


def test_dark_theme_follows_the_readers_system(chromium, live_server):
    story = ArticleFactory()
    for scheme in ("light", "dark"):
        context = chromium.new_context(base_url=live_server.url, color_scheme=scheme)
        try:
            page = context.new_page()
            page.goto(story.get_absolute_url())
            background, text = _colours(page, "body")
            if scheme == "dark":
                assert _luminance(background) < 0.05 < 0.6 < _luminance(text)
            else:
                assert _luminance(background) > 0.9 > 0.1 > _luminance(text)
        finally:
            context.close()


def _serious_violations(page, axe_source):
    page.evaluate(axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_dark_theme_keeps_every_colour_readable(chromium, live_server):
    if not AXE_JS.exists():
        message = "axe-core not found: run `npm ci` (make test does) to install axe-core"
        pytest.fail("CI=true: " + message) if IN_CI else pytest.skip(message)
    axe_source = AXE_JS.read_text()
    urls = build()
    context = chromium.new_context(base_url=live_server.url, color_scheme="dark", locale="vi-VN")
    found = {}
    try:
        page = context.new_page()
        for name in ("home", "article", "live", "section", "search", "report", "not-found"):
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 900})
                page.goto(urls[name])
                if name == "article":
                    # The enlarged text and the comment form with a focused field, in the dark too.
                    page.get_by_role("button", name="Tăng cỡ chữ").click()
                    page.locator(".comment-form textarea").focus()
                if serious := _serious_violations(page, axe_source):
                    found[f"{name}@{width}"] = serious
    finally:
        context.close()
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_printed_story_leaves_out_the_menu_comments_and_buttons(page):
    urls = build()
    page.goto(urls["article"])
    page.emulate_media(media="print")
    for hidden in (".site-nav", ".search-form", ".comments", ".comment-form", ".related", ".text-size"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in (".article-title", ".article-body", ".footer-name"):
        assert page.locator(shown).first.is_visible(), shown
    footer_lines = page.locator(".site-footer p")
    assert [line.is_visible() for line in footer_lines.all()].count(True) == 1
    background, text = _colours(page, "body")
    assert (background, text) == ("rgb(255, 255, 255)", "rgb(0, 0, 0)")
    # The same page on screen still has them all.
    page.emulate_media(media="screen")
    assert page.locator(".site-nav").is_visible() and page.locator(".comments").is_visible()


def test_printed_story_is_black_on_white_when_the_screen_is_dark(chromium, live_server):
    story = ArticleFactory()
    context = chromium.new_context(base_url=live_server.url, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(story.get_absolute_url())
        page.emulate_media(media="print")
        assert _colours(page, "body") == ["rgb(255, 255, 255)", "rgb(0, 0, 0)"]
        assert _colours(page, ".brand")[1] == "rgb(0, 0, 0)"
    finally:
        context.close()
