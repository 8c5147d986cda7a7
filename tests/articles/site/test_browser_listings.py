"""Listings in headless Chromium at a desktop's and a phone's width: rows with a thumbnail beside the headline,
thumbnails fetched at about their drawn size, and the home page's lead story without a photo."""

import re

import pytest
from django.core.files.base import ContentFile

from tests.factories import ArticleFactory, PhotoFactory, SectionFactory, TagFactory, image_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LEAD = (
    "Người trồng chè ở Tam Đường phấn khởi vì vụ xuân năm nay được mùa, được giá; hợp tác xã đã ký hợp đồng "
    "bao tiêu với hai doanh nghiệp chế biến trong tỉnh và mở thêm lớp tập huấn cho bà con."
)


def _photo():
    """A camera-sized photo, so that every rendition width (320 to 1280 px) is made."""
    return PhotoFactory(image=ContentFile(image_bytes(size=(1600, 1067)), name="anh.jpg"), alt_text="Đồi chè")


def _section_with_stories(count=6, **extra):
    section = SectionFactory(name="Nông nghiệp")
    for n in range(count):
        ArticleFactory(
            section=section,
            title=f"Mùa chè xuân ở Tam Đường: bà con thu hái sớm, giá búp tươi tăng vụ thứ {n + 1}",
            lead=LEAD,
            cover_photo=_photo(),
            **extra,
        )
    return section


def _open(chromium, live_server, width, scale=1, height=900):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        viewport={"width": width, "height": height},
        device_scale_factor=scale,
    )
    context.set_default_timeout(10_000)
    return context, context.new_page()


def _rows(page):
    """Each row's thumbnail, headline and lead boxes (the thumbnail None for a row without one)."""
    return page.eval_on_selector_all(
        ".story-row",
        """rows => rows.map(row => {
            const box = el => { if (!el) return null; const r = el.getBoundingClientRect();
                return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height}; };
            return {row: box(row), thumb: box(row.querySelector('.story-row-photo img')),
                    title: box(row.querySelector('.story-title')), lead: box(row.querySelector('.story-row-text > p:last-child'))};
        })""",
    )


def _beside(thumb, title):
    return (
        thumb["right"] <= title["left"] and title["top"] < thumb["bottom"] and thumb["top"] < title["bottom"]
    )


def _wait_for_images(page, selector):
    page.wait_for_function(
        "sel => [...document.querySelectorAll(sel)].every(img => img.complete && img.naturalWidth > 0)",
        arg=selector,
    )


def test_a_section_of_six_stories_is_a_page_of_rows_at_a_desktop_width(chromium, live_server):
    section = _section_with_stories()
    context, page = _open(chromium, live_server, 1280)
    try:
        page.goto(section.get_absolute_url())
        rows = _rows(page)
        assert len(rows) == 6
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 1600, f"the page of 6 stories is {height}px tall"
        for row in rows:
            assert 200 <= row["thumb"]["width"] <= 260, row
            assert _beside(row["thumb"], row["title"]), row
            assert row["lead"]["left"] >= row["thumb"]["right"], row  # the lead is beside it too
        # No horizontal scrolling, and the box of each thumbnail is known before its image arrives.
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
        assert page.eval_on_selector_all(
            ".story-row img",
            "imgs => imgs.every(img => img.getAttribute('width') && img.getAttribute('height'))",
        )
    finally:
        context.close()


def test_rows_are_compact_on_a_phone(chromium, live_server):
    section = _section_with_stories()
    context, page = _open(chromium, live_server, 390, scale=2, height=844)
    try:
        page.goto(section.get_absolute_url())
        rows = _rows(page)
        assert len(rows) == 6
        for row in rows:
            assert row["thumb"]["width"] <= 390 * 0.4, row
            assert _beside(row["thumb"], row["title"]), row
            assert row["row"]["height"] <= 200, row
            assert row["lead"]["height"] <= 2 * 15 * 1.5 + 1, row  # cut to two lines
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


@pytest.mark.parametrize(("width", "scale"), [(1280, 1), (1280, 2), (390, 2)])
def test_a_row_thumbnail_is_fetched_at_about_its_drawn_width(chromium, live_server, width, scale):
    """The sizes attribute matches what the CSS draws: the browser picks a rendition at least as wide as the
    drawn box in device pixels and not more than about twice that."""
    section = _section_with_stories(count=2)
    context, page = _open(chromium, live_server, width, scale=scale)
    try:
        page.goto(section.get_absolute_url())
        _wait_for_images(page, ".story-row img")
        chosen = page.eval_on_selector_all(
            ".story-row img",
            "imgs => imgs.map(img => ({src: img.currentSrc, drawn: img.getBoundingClientRect().width}))",
        )
        assert len(chosen) == 2
        for image in chosen:
            # A rendition's file is named for its width (renditions._file_name): never the original here.
            rendition = re.search(r"/renditions/.+-(\d+)\.(?:webp|jpg)$", image["src"])
            assert rendition, image
            needed = image["drawn"] * scale
            assert needed <= int(rendition[1]) <= 2.1 * needed, image
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_row_without_a_photo_gives_its_text_the_row(chromium, live_server, width):
    tag = TagFactory(name="Nông thôn mới")
    with_photo = ArticleFactory(title="Đường bê tông về bản", lead=LEAD, cover_photo=_photo())
    without = ArticleFactory(title="Họp bàn kế hoạch làm đường", lead=LEAD, cover_photo=None)
    for story in (with_photo, without):
        story.tags.add(tag)
    context, page = _open(chromium, live_server, width, scale=2)
    try:
        page.goto(tag.get_absolute_url())
        rows = _rows(page)
        assert len(rows) == 2
        bare = next(row for row in rows if row["thumb"] is None)
        assert page.locator(".story-row:not(.with-photo) :is(picture, img, .story-row-photo)").count() == 0
        assert abs(bare["title"]["left"] - bare["row"]["left"]) <= 1
        assert bare["lead"]["width"] >= bare["row"]["width"] - 1
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_lead_story_without_a_photo_has_no_empty_picture_box(chromium, live_server, width):
    ArticleFactory(title="Tỉnh khởi công đường nối Tam Đường với Sìn Hồ", lead=LEAD, cover_photo=None)
    context, page = _open(chromium, live_server, width)
    try:
        page.goto("/")
        lead = page.locator(".lead-story")
        assert lead.locator("picture, img, figure").count() == 0
        boxes = lead.evaluate(
            """section => [section, section.querySelector('h2'), section.querySelector('.lead')]
                .map(el => { const r = el.getBoundingClientRect(); return {left: r.left, width: r.width}; })"""
        )
        section, headline, text = boxes
        for box in (headline, text):
            assert abs(box["left"] - section["left"]) <= 1 and box["width"] >= section["width"] - 1, boxes
    finally:
        context.close()


def test_the_home_lead_story_with_a_photo_has_it_beside_the_text_on_a_desktop(chromium, live_server):
    ArticleFactory(title="Tỉnh khởi công đường nối Tam Đường với Sìn Hồ", lead=LEAD, cover_photo=_photo())
    context, page = _open(chromium, live_server, 1280)
    try:
        page.goto("/")
        picture = page.locator(".lead-story picture").bounding_box()
        headline = page.locator(".lead-story h2").bounding_box()
        assert picture["width"] > 500 and picture["x"] + picture["width"] <= headline["x"]
    finally:
        context.close()
