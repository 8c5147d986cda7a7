"""Live coverage in headless Chromium: a reader's open page receives the desk's entries within the polling
interval, edits and removals follow, the end of the coverage stops the polling; without JavaScript a reload
shows the entries. The page cache is on, as in production: the reader's page is the stored one."""

import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from articles.models import Article, LiveEntry
from articles.stories import services
from tests.factories import live_story, staff_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache"),
]

POLL_SECONDS = 2
# What a page needs to draw and run the script once the interval is over (a poll, a render, a paint).
SLACK_MS = 1500


@pytest.fixture(autouse=True)
def _fast_poll(settings):
    settings.LIVE_POLL_SECONDS = POLL_SECONDS


@pytest.fixture
def story():
    return live_story(entries=1, title="Trực tiếp: Lũ quét ở Phong Thổ")


def _open_reader(page, story):
    hosts, polls = set(), []
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("request", lambda request: polls.append(request.url) if "/truc-tiep/" in request.url else None)
    page.goto(story.get_absolute_url())
    page.locator(".live-entry").first.wait_for()
    return hosts, polls


def test_an_entry_posted_at_the_desk_appears_on_an_open_page_within_the_polling_interval(
    page, browser_for, live_server, story
):
    reporter = staff_user("pv-hien-truong", "Phóng viên")
    Article.objects.filter(pk=story.pk).update(created_by=reporter)
    hosts, polls = _open_reader(page, story)
    assert page.locator(".live-status").text_content().strip().startswith("Đang cập nhật")
    assert page.locator(".live-entry").count() == 1
    assert page.get_by_text("Tải lại trang để xem").is_hidden()  # for readers without JavaScript only

    desk = browser_for("pv-hien-truong")
    desk.goto(f"/quan-tri/articles/article/{story.pk}/truc-tiep/")
    desk.get_by_label("Nội dung tin").fill("Nước sông Nậm Na lên nhanh, đã tràn qua cầu treo.")
    desk.get_by_role("button", name="Đưa tin").click()
    desk.get_by_text("Đã đưa tin lên bài.").wait_for()
    posted = time.monotonic()

    newest = page.locator(".live-entry").first
    newest.get_by_text("Nước sông Nậm Na lên nhanh").wait_for(timeout=POLL_SECONDS * 1000 + SLACK_MS)
    waited = time.monotonic() - posted
    assert waited <= POLL_SECONDS + SLACK_MS / 1000, waited
    assert page.locator(".live-entry").count() == 2
    expect(page.locator(".live-news")).to_have_text("Có 1 tin mới.", timeout=1000)  # said to screen readers
    entry = LiveEntry.objects.get(text__startswith="Nước sông")
    assert newest.get_attribute("id") == f"tin-{entry.pk}"
    assert hosts == {urlsplit(live_server.url).netloc}  # nothing from another host, polls included
    assert polls and all("sau=" in url for url in polls)


def test_edits_and_removals_follow_and_the_end_stops_the_polling(page, story):
    editor = staff_user("bt-truc", "Biên tập viên")
    _hosts, polls = _open_reader(page, story)
    first = LiveEntry.objects.get(article=story)
    wait = POLL_SECONDS * 1000 + SLACK_MS

    second = services.add_live_entry(article=story, user=editor, text="Đã sơ tán 40 hộ dân.")
    page.locator(f"#tin-{second.pk}").wait_for(timeout=wait)
    services.edit_live_entry(entry=second, user=editor, text="Đã sơ tán 52 hộ dân.")
    page.locator(f"#tin-{second.pk}").get_by_text("52 hộ dân").wait_for(timeout=wait)
    services.remove_live_entry(entry=first, user=editor)
    page.locator(f"#tin-{first.pk}").wait_for(state="detached", timeout=wait)
    assert [page.locator(".live-entry").nth(0).get_attribute("id")] == [f"tin-{second.pk}"]

    services.end_live(article=story, user=editor)
    page.get_by_text("Đã kết thúc tường thuật.").wait_for(timeout=wait)
    assert page.locator(".live-badge").count() == 0
    asked = len(polls)
    page.wait_for_timeout(POLL_SECONDS * 2000 + 500)
    assert len(polls) == asked  # the coverage is over: the page asks no more
    assert page.locator(".live-entry").count() == 1


def test_without_javascript_a_reload_shows_the_new_entries(chromium, live_server, story):
    editor = staff_user("bt-truc", "Biên tập viên")
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(story.get_absolute_url())
        assert page.locator(".live-entry").count() == 1
        assert page.get_by_text("Tải lại trang để xem các tin mới nhất.").is_visible()
        entry = services.add_live_entry(article=story, user=editor, text="Lực lượng cứu hộ đã đến bản.")
        page.wait_for_timeout(POLL_SECONDS * 1000 + 500)
        assert page.locator(f"#tin-{entry.pk}").count() == 0  # nothing moves by itself
        page.reload()
        assert page.locator(".live-entry").first.get_attribute("id") == f"tin-{entry.pk}"
    finally:
        context.close()


def test_a_hidden_tab_waits_and_asks_at_once_when_the_reader_comes_back(page, story):
    editor = staff_user("bt-truc", "Biên tập viên")
    _hosts, polls = _open_reader(page, story)
    page.evaluate(
        """() => {
        Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    )
    page.wait_for_timeout(POLL_SECONDS * 1000 + 300)  # a round already set may still run once
    asked = len(polls)
    entry = services.add_live_entry(article=story, user=editor, text="Trời đã tạnh mưa.")
    page.wait_for_timeout(POLL_SECONDS * 2000)
    assert len(polls) == asked and page.locator(f"#tin-{entry.pk}").count() == 0
    page.evaluate(
        """() => {
        Object.defineProperty(document, "hidden", {configurable: true, get: () => false});
        document.dispatchEvent(new Event("visibilitychange"));
    }"""
    )
    page.locator(f"#tin-{entry.pk}").wait_for(timeout=SLACK_MS)
