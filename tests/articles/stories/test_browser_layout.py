"""The staff pages in headless Chromium at a phone's and a desktop's width: nothing scrolls sideways,
titles get room, the body editor is tall, and the screenshots land in artifacts/screenshots/ for a look."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.stories import services
from tests.conftest import STAFF_PASSWORD
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    PhotoFactory,
    SectionFactory,
    TagFactory,
    add_authors,
    staff_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}
LONG_TITLE = "Tỉnh Lai Châu khởi công tuyến đường nối trung tâm huyện Mường Tè với các bản vùng biên giới"

ADMIN_LISTS = [
    "/quan-tri/articles/article/",
    "/quan-tri/articles/section/",
    "/quan-tri/articles/author/",
    "/quan-tri/articles/tag/",
    "/quan-tri/articles/photo/",
    "/quan-tri/comments/comment/",
    "/quan-tri/auth/user/",
    "/quan-tri/auth/group/",
]
MODERATION_PAGES = ["/kiem-duyet/", "/kiem-duyet/bao-cao/", "/kiem-duyet/nhat-ky/"]


@pytest.fixture
def newsroom_day(db):
    """Accounts of every role and a day's worth of stories, photos and comments to lay out."""
    users = {
        "phongvien": staff_user("phongvien", "Phóng viên"),
        "bientap": staff_user("bientap", "Biên tập viên"),
        "thuky": staff_user("thuky", "Thư ký tòa soạn"),
        "kiemduyet": staff_user("kiemduyet", "Kiểm duyệt viên"),
        "quantri": User.objects.create_superuser("quantri", "quantri@baolaichau.example", STAFF_PASSWORD),
    }
    sections = [SectionFactory(name=name) for name in ("Thời sự", "Kinh tế", "Văn hóa – Xã hội")]
    TagFactory.create_batch(3)
    AuthorFactory.create_batch(2)
    photo = PhotoFactory(alt_text="Cây cầu treo bắc qua suối")
    stories = []
    for number in range(12):
        story = ArticleFactory(
            title=f"{LONG_TITLE} ({number})",
            section=sections[number % 3],
            created_by=users["phongvien"],
            cover_photo=photo,
            **({"draft": True} if number % 3 == 0 else {}),
        )
        stories.append(story)
    add_authors(stories[0], 2)
    # Two revisions of one story, so its revisions page has rows and a comparison to lay out.
    for body in ("<p>Bản đầu tiên của bài.</p>", "<p>Bản thứ hai, dài hơn một chút, của bài.</p>"):
        stories[1].body = body
        services.save_article(article=stories[1], user=users["bientap"])
    for story in stories[:3]:
        CommentFactory.create_batch(2, article=story, status="pending")
    # A story covered live, with entries as the desk writes them (a long address among them).
    services.start_live(
        article=stories[2], user=users["bientap"], planned_end=timezone.now() + timedelta(hours=3)
    )
    for text in ("Khai mạc kỳ họp.", f"Toàn văn: https://laichau.gov.vn/{'nghi-quyet-' * 12}.html"):
        services.add_live_entry(article=stories[2], user=users["phongvien"], text=text, photo=photo)
    return {"users": users, "stories": stories}


def _open(browser_for, username, width):
    page = browser_for(username)
    page.set_viewport_size({"width": width, "height": 900})
    return page


def _no_sideways_scroll(page, url):
    sizes = page.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth})"
    )
    assert sizes["scroll"] <= sizes["client"], f"{url} scrolls sideways: {sizes}"


def _shoot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _pages_for(stories):
    story = stories[1]
    return [
        "/quan-tri/",
        *ADMIN_LISTS,
        "/quan-tri/articles/article/add/",
        f"/quan-tri/articles/article/{story.pk}/change/",
        f"/quan-tri/articles/article/{story.pk}/phien-ban/",
        f"/quan-tri/articles/article/{story.pk}/phien-ban/?a=1&b=2",
        f"/quan-tri/articles/article/{stories[2].pk}/truc-tiep/",
        f"/quan-tri/articles/section/{story.section_id}/change/",
        "/quan-tri/articles/photo/add/",
        "/quan-tri/auth/user/add/",
        "/quan-tri/auth/group/add/",
        *MODERATION_PAGES,
    ]


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("username", ["phongvien", "bientap", "thuky", "kiemduyet", "quantri"])
def test_staff_pages_do_not_scroll_sideways(browser_for, newsroom_day, username, width):
    page = _open(browser_for, username, width)
    checked = 0
    for url in _pages_for(newsroom_day["stories"]):
        response = page.goto(url)
        if response.status != 200 or "/login/" in page.url:
            continue  # not this role's page: the admin refuses it, which other tests cover
        page.wait_for_load_state("networkidle")
        _no_sideways_scroll(page, url)
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_desk_story_list_and_form_screenshots(browser_for, newsroom_day, width):
    page = _open(browser_for, "bientap", width)
    story = newsroom_day["stories"][3]  # a draft without an author: the publishing warnings have work
    for name, url in [
        ("desk", "/quan-tri/"),
        ("story-list", "/quan-tri/articles/article/"),
        ("live-desk", f"/quan-tri/articles/article/{newsroom_day['stories'][2].pk}/truc-tiep/"),
        ("story-form", f"/quan-tri/articles/article/{story.pk}/change/"),
    ]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        _shoot(page, f"{name}-{width}")
        _no_sideways_scroll(page, url)
    page.get_by_role("button", name="Xuất bản ngay").click()
    assert page.locator("#publish-warnings").is_visible()
    _shoot(page, f"story-form-warnings-{width}")
    _no_sideways_scroll(page, "the story form with its warnings")


def test_story_list_gives_the_title_room_and_the_filter_covers_nothing(browser_for, newsroom_day):
    page = _open(browser_for, "bientap", 1280)
    page.goto("/quan-tri/articles/article/")
    sizes = page.evaluate(
        """() => {
            const box = (selector) => document.querySelector(selector).getBoundingClientRect();
            const results = document.querySelector('#changelist .results');
            return {
                title: box('#result_list thead th.column-title').width,
                list: box('#result_list').width,
                listRight: box('#result_list').right,
                filterLeft: box('#changelist-filter').left,
                hidden: results.scrollWidth - results.clientWidth,
            };
        }"""
    )
    assert sizes["title"] >= 0.4 * sizes["list"], sizes
    assert sizes["listRight"] <= sizes["filterLeft"], sizes
    assert sizes["hidden"] <= 0, sizes
    # One title, one line of two or three words at most: never a word per line.
    title_height = page.locator("#result_list tbody th.field-title").first.bounding_box()["height"]
    assert title_height < 80


def test_story_list_filters_fold_on_a_phone_and_open_on_demand(browser_for, newsroom_day):
    page = _open(browser_for, "bientap", 390)
    page.goto("/quan-tri/articles/article/")
    filters = page.locator("#changelist-filter details")
    assert filters.count() >= 3
    assert page.locator("#changelist-filter details[open]").count() == 0
    filters.first.locator("summary").click()
    assert page.locator("#changelist-filter details[open]").count() == 1
    _no_sideways_scroll(page, "the folded filters")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_body_editor_is_twenty_lines_tall_and_grows(browser_for, newsroom_day, width):
    page = _open(browser_for, "phongvien", width)
    page.goto(f"/quan-tri/articles/article/{newsroom_day['stories'][0].pk}/change/")
    surface = page.locator(".field-body .ProseMirror[contenteditable=true]")

    def measure():
        return surface.evaluate(
            "(node) => ({height: node.getBoundingClientRect().height, scroll: node.scrollHeight,"
            " client: node.clientHeight, line: parseFloat(getComputedStyle(node).lineHeight)})"
        )

    empty = measure()
    assert empty["height"] >= 20 * empty["line"], empty
    surface.click()
    surface.press("Control+End")
    for number in range(30):
        surface.press("Enter")
        surface.press_sequentially(f"Đoạn {number}")
    full = measure()
    assert full["height"] > empty["height"] + 5 * full["line"], (empty, full)
    assert full["scroll"] <= full["client"] + 1, full  # it grew; no scrollbar inside the editor
    _no_sideways_scroll(page, "the story form with a long body")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
def test_object_tools_never_overlap_the_heading(browser_for, newsroom_day, width):
    page = _open(browser_for, "bientap", width)
    page.goto(f"/quan-tri/articles/article/{newsroom_day['stories'][1].pk}/change/")
    overlap = page.evaluate(
        """() => {
            const tools = document.querySelector('ul.object-tools').getBoundingClientRect();
            return Array.from(document.querySelectorAll('#content > h1, #content > h2')).some((heading) => {
                const box = heading.getBoundingClientRect();
                return !(box.bottom <= tools.top || tools.bottom <= box.top
                         || box.right <= tools.left || tools.right <= box.left);
            });
        }"""
    )
    assert not overlap
