"""A reader in headless Chromium counts as one view of a story, from a cached page, and sees it in Đọc nhiều."""

import time

import pytest

from articles.models import DailyViews
from articles.site import readership
from tests.articles.site.test_readership import READER
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(chromium, live_server, user_agent=None):
    options = {"base_url": live_server.url, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
    context = chromium.new_context(**options, **({"user_agent": user_agent} if user_agent else {}))
    context.set_default_timeout(10_000)
    return context, context.new_page()


def _read(page, story):
    """Open the story's page and wait for its view to be sent and answered."""
    errors = []
    page.on(
        "console", lambda message: "Content Security Policy" in message.text and errors.append(message.text)
    )
    with page.expect_response(lambda response: "/luot-doc/" in response.url) as sent:
        page.goto(story.get_absolute_url())
    assert sent.value.status == 204
    request = sent.value.request
    assert request.method == "POST"
    assert "cookie" not in {name.lower() for name in request.all_headers()}
    assert errors == []  # nothing blocked by the Content-Security-Policy


def test_reader_counts_once_from_the_cached_page_and_shows_in_most_read(chromium, live_server, page_cache):
    section = SectionFactory(name="Văn hóa")
    story = ArticleFactory(section=section, title="Chợ phiên Sìn Hồ")
    ArticleFactory(section=section, title="Bài chưa ai đọc")
    context, page = _open(chromium, live_server, READER)
    try:
        _read(page, story)
        _read(page, story)  # the stored and cached copy sends its view too; the same reader, the same hour
        readership.flush_views(now=time.time() + 70)
        assert DailyViews.objects.get(article=story).views == 1

        page.goto(section.get_absolute_url())
        most_read = page.locator(".most-read")
        assert most_read.get_by_role("heading", name="Đọc nhiều").is_visible()
        assert most_read.locator("#doc-nhieu-hom-nay + ol li").all_inner_texts() == ["Chợ phiên Sìn Hồ"]
        most_read.get_by_role("link", name="Chợ phiên Sìn Hồ").first.click()
        page.wait_for_url(f"**{story.get_absolute_url()}")
    finally:
        context.close()


def test_headless_browser_is_not_counted(chromium, live_server):
    story = ArticleFactory(title="Bài cho máy đọc")
    context, page = _open(chromium, live_server)  # Playwright's own User-Agent says HeadlessChrome
    try:
        _read(page, story)
    finally:
        context.close()
    readership.flush_views(now=time.time() + 70)
    assert not DailyViews.objects.exists()
