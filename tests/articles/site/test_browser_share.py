"""A reader sharing a story in headless Chromium: the share sheet where the browser has one, otherwise the
Facebook and Zalo links and the "Sao chép liên kết" button, and nothing asked of another host.

The page is the stored one (the page cache is on, as in production): the first visit renders and stores
it, the visits after read it back.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from articles.photos.renditions import ensure_renditions
from tests.articles.site.test_page_validity import AXE_JS, _require
from tests.factories import ArticleFactory, PhotoFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("page_cache"),
]

TITLE = 'Lễ hội Then Kin Pang: "nét đẹp" & <văn hóa> người Lự'

# A share sheet as phones have: navigator.share records what it was given, and answers as __shareAnswer says.
WITH_SHARE_SHEET = """
window.__shared = [];
window.__shareAnswer = "ok";
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true,
  value: function (data) {
    window.__shared.push({title: data.title, url: data.url, text: data.text === undefined ? null : data.text});
    if (window.__shareAnswer === "ok") { return Promise.resolve(); }
    return Promise.reject(new DOMException("refused", window.__shareAnswer));
  },
});
"""

# A browser that refuses the clipboard (an embedded web view, a permission denied).
CLIPBOARD_REFUSED = """
Object.defineProperty(Navigator.prototype, "clipboard", {
  configurable: true,
  get: function () {
    return {writeText: function () { return Promise.reject(new DOMException("denied", "NotAllowedError")); }};
  },
});
"""


@pytest.fixture
def story():
    cover = PhotoFactory(alt_text="Người Lự trong lễ hội")
    ensure_renditions(cover)
    return ArticleFactory(title=TITLE, cover_photo=cover, body="<p>Lễ hội diễn ra ở Tam Đường.</p>")


@pytest.fixture
def new_page(chromium, live_server):
    """new_page(**context options) -> a page in a fresh browser context on the live server."""
    contexts = []

    def open_page(**options):
        context = chromium.new_context(
            base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def _canonical(live_server, story):
    return f"{live_server.url}{story.get_absolute_url()}"


def _shared_address(href):
    query = parse_qs(urlsplit(href).query)
    (value,) = query.get("u") or query["url"]
    return value


def test_with_a_share_sheet_one_button_shares_title_and_address(new_page, live_server, story):
    page = new_page()
    page.add_init_script(WITH_SHARE_SHEET)
    # Rendered and stored, then read from the stored page (a new address: no copy in the page cache); the
    # address shared is the canonical one, not the one in the address bar.
    for visit in range(2):
        page.goto(f"{story.get_absolute_url()}?lan={visit}")
        block = page.locator(".share")
        button = block.get_by_role("button", name="Chia sẻ", exact=True)
        assert button.is_visible()
        assert not block.get_by_role("link", name="Facebook").is_visible()
        assert not block.get_by_role("link", name="Zalo").is_visible()
        assert not block.get_by_role("button", name="Sao chép liên kết").is_visible()
        button.click()
        page.wait_for_function("window.__shared.length === 1")
        assert page.evaluate("window.__shared") == [
            {"title": TITLE, "url": _canonical(live_server, story), "text": None}
        ], visit


def test_a_closed_share_sheet_leaves_the_button_and_a_refused_one_shows_the_links(new_page, story):
    page = new_page()
    page.add_init_script(WITH_SHARE_SHEET)
    page.goto(story.get_absolute_url())
    block = page.locator(".share")
    page.evaluate("window.__shareAnswer = 'AbortError'")  # the reader closed the sheet
    block.get_by_role("button", name="Chia sẻ", exact=True).click()
    page.wait_for_function("window.__shared.length === 1")
    page.wait_for_timeout(100)
    assert not block.get_by_role("link", name="Facebook").is_visible()
    page.evaluate("window.__shareAnswer = 'NotAllowedError'")  # the browser refused: the links take over
    block.get_by_role("button", name="Chia sẻ", exact=True).click()
    facebook = block.get_by_role("link", name="Facebook")
    facebook.wait_for(state="visible")
    assert block.get_by_role("link", name="Zalo").is_visible()
    assert block.get_by_role("button", name="Sao chép liên kết").is_visible()


def test_without_a_share_sheet_the_links_carry_the_address_and_copying_puts_it_on_the_clipboard(
    new_page, live_server, story
):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    url = _canonical(live_server, story)
    page.goto(story.get_absolute_url())
    assert page.evaluate("typeof navigator.share") == "undefined"  # Chromium on Linux has no share sheet
    block = page.locator(".share")
    assert not block.get_by_role("button", name="Chia sẻ", exact=True).is_visible()
    facebook = block.get_by_role("link", name="Chia sẻ lên Facebook (mở trong thẻ mới)")
    zalo = block.get_by_role("link", name="Chia sẻ lên Zalo (mở trong thẻ mới)")
    assert facebook.is_visible() and zalo.is_visible()
    assert facebook.get_attribute("href").startswith(
        "https://www.facebook.com/sharer/sharer.php?u=http%3A%2F%2F"
    )
    assert _shared_address(facebook.get_attribute("href")) == url
    assert zalo.get_attribute("href").startswith("https://sp.zalo.me/share_inline?url=http%3A%2F%2F")
    assert _shared_address(zalo.get_attribute("href")) == url
    assert [facebook.get_attribute("rel"), zalo.get_attribute("rel")] == ["noopener", "noopener"]

    status = block.get_by_role("status")
    assert status.inner_text() == ""
    block.get_by_role("button", name="Sao chép liên kết").click()
    status.filter(has_text="Đã sao chép liên kết").wait_for()
    assert status.get_attribute("aria-live") == "polite"
    assert page.evaluate("navigator.clipboard.readText()") == url
    assert not block.get_by_label("Liên kết bài viết").is_visible()  # no need to copy by hand


def test_when_the_clipboard_is_refused_the_address_is_selected_to_copy_by_hand(new_page, live_server, story):
    page = new_page()
    page.add_init_script(CLIPBOARD_REFUSED)
    page.goto(story.get_absolute_url())
    block = page.locator(".share")
    block.get_by_role("button", name="Sao chép liên kết").click()
    field = block.get_by_label("Liên kết bài viết")
    field.wait_for(state="visible")
    url = _canonical(live_server, story)
    assert field.input_value() == url
    assert field.evaluate("f => f.readOnly && document.activeElement === f")
    assert field.evaluate("f => [f.selectionStart, f.selectionEnd]") == [0, len(url)]
    status = block.get_by_role("status")
    status.filter(has_text="mời bạn tự sao chép").wait_for()
    assert "Đã sao chép" not in status.inner_text()


def test_without_javascript_the_links_work_and_the_buttons_are_hidden(new_page, live_server, story):
    page = new_page(java_script_enabled=False)
    page.goto(story.get_absolute_url())
    block = page.locator(".share")
    facebook = block.get_by_role("link", name="Chia sẻ lên Facebook (mở trong thẻ mới)")
    assert (
        facebook.is_visible()
        and block.get_by_role("link", name="Chia sẻ lên Zalo (mở trong thẻ mới)").is_visible()
    )
    assert _shared_address(facebook.get_attribute("href")) == _canonical(live_server, story)
    assert block.get_by_role("button").count() == 0  # hidden: neither the share sheet nor copying works


def test_the_article_page_asks_nothing_of_another_host(new_page, live_server, story):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(story.get_absolute_url())
    page.wait_for_load_state("networkidle")
    page.locator(".share").get_by_role("button", name="Sao chép liên kết").click()
    page.locator(".share").get_by_role("status").filter(has_text="Đã sao chép liên kết").wait_for()
    page.wait_for_load_state("networkidle")
    assert any("/static/js/share" in url for url in asked)
    assert any("/media/renditions/" in url for url in asked)  # the cover, from our own host
    assert [url for url in asked if not url.startswith(live_server.url + "/")] == []
    # Every address the markup could load, srcset candidates included; an iframe, embed or object at all fails.
    elsewhere = page.evaluate(
        """() => {
          const found = [...document.querySelectorAll('iframe, embed, object')].map(e => e.tagName);
          for (const e of document.querySelectorAll('script[src], img, source, link[href], video, audio')) {
            const srcset = (e.getAttribute('srcset') || '').split(',').map(c => c.trim().split(/\\s+/)[0]);
            for (const value of [e.getAttribute('src'), e.getAttribute('href'), ...srcset]) {
              if (value && new URL(value, location.href).origin !== location.origin) { found.push(value); }
            }
          }
          return found;
        }"""
    )
    assert elsewhere == []


def _serious_violations(page):
    # Through the DevTools protocol: the page's CSP (rightly) refuses an injected <script>.
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async () => await axe.run(document.querySelector('.share'), {resultTypes: ['violations']})"
    )
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_every_state_of_the_share_block_has_no_serious_accessibility_violation(new_page, story):
    """The page-wide check (test_page_validity.py) sees the block as it loads; here each state it can reach."""
    _require(AXE_JS.exists(), "axe-core not found: run `npm ci` (make test does) to install axe-core")
    found = {}
    for width in (390, 1280):
        states = {
            "share-sheet": new_page(viewport={"width": width, "height": 900}),
            "copied": new_page(viewport={"width": width, "height": 900}, permissions=["clipboard-write"]),
            "copy-refused": new_page(viewport={"width": width, "height": 900}),
        }
        states["share-sheet"].add_init_script(WITH_SHARE_SHEET)
        states["copy-refused"].add_init_script(CLIPBOARD_REFUSED)
        for name, page in states.items():
            page.goto(story.get_absolute_url())
            block = page.locator(".share")
            if name == "share-sheet":
                block.get_by_role("button", name="Chia sẻ", exact=True).wait_for()
            else:
                block.get_by_role("button", name="Sao chép liên kết").click()
                block.get_by_role("status").filter(has_text="liên kết").wait_for()
            if violations := _serious_violations(page):
                found[f"{name}@{width}"] = violations
    assert found == {}
