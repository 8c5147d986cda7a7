"""Nothing lost, publish with confidence: the story form in headless Chromium keeps what is typed through a
closed tab, asks before a changed form is left, counts words, and warns before an incomplete story goes out."""

import pytest

from articles.models import Article, ArticleAuthor
from articles.stories import services
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory, SectionFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RESTORE = "Khôi phục bản đang soạn dở?"


@pytest.fixture
def story(db):
    reporter = staff_user("phongvien", "Phóng viên")
    staff_user("bientap", "Biên tập viên")
    return ArticleFactory(
        draft=True,
        created_by=reporter,
        title="Mùa lúa chín ở Tam Đường",
        section=SectionFactory(name="Kinh tế"),
    )


def _form(page, story):
    page.goto(f"/quan-tri/articles/article/{story.pk}/change/")
    surface = page.locator(".field-body .ProseMirror[contenteditable=true]")
    surface.wait_for()
    page.wait_for_function("() => document.getElementById('body-stats').textContent !== ''")
    return surface


def _type_into_body(surface, text):
    surface.click()
    surface.press("Control+End")
    surface.press("Enter")
    surface.press_sequentially(text)


def _wait_for_copy(page, story):
    page.wait_for_function(
        "(prefix) => Object.keys(localStorage).some((key) => key.startsWith(prefix))",
        arg=f"newsroom:story:{story.pk}:v",
    )


def _copies(page, story):
    return page.evaluate(
        "(prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix))",
        f"newsroom:story:{story.pk}:v",
    )


def _save(page):
    page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    page.wait_for_load_state()


def test_typed_text_survives_a_closed_tab_and_is_saved_after_restore(browser_for, story):
    page = browser_for("phongvien")
    surface = _form(page, story)
    page.fill("#id_title", "Mùa lúa chín ở Tam Đường: nông dân phấn khởi")
    _type_into_body(surface, "Năm nay năng suất đạt 62 tạ mỗi héc-ta.")
    _wait_for_copy(page, story)
    context = page.context
    page.close()  # the tab is closed without saving (no beforeunload: a crash or a killed browser)

    again = context.new_page()
    surface = _form(again, story)
    banner = again.locator("#draft-restore")
    assert banner.is_visible()
    assert RESTORE in banner.inner_text()
    assert again.locator("#id_title").input_value() == "Mùa lúa chín ở Tam Đường"
    banner.get_by_role("button", name="Khôi phục", exact=True).click()
    assert not banner.is_visible()
    assert again.locator("#id_title").input_value() == "Mùa lúa chín ở Tam Đường: nông dân phấn khởi"
    assert "62 tạ mỗi héc-ta" in surface.inner_text()

    _save(again)
    story.refresh_from_db()
    assert story.title == "Mùa lúa chín ở Tam Đường: nông dân phấn khởi"
    assert "62 tạ mỗi héc-ta" in story.body
    assert _copies(again, story) == []  # a successful save clears the copy
    _form(again, story)
    assert not again.locator("#draft-restore").is_visible()


def test_discarding_the_copy_forgets_it(browser_for, story):
    page = browser_for("phongvien")
    surface = _form(page, story)
    _type_into_body(surface, "Câu này sẽ bị bỏ.")
    _wait_for_copy(page, story)
    context = page.context
    page.close()
    again = context.new_page()
    _form(again, story)
    again.locator("#draft-restore").get_by_role("button", name="Bỏ bản này").click()
    assert _copies(again, story) == []
    _form(again, story)
    assert not again.locator("#draft-restore").is_visible()
    assert "Câu này sẽ bị bỏ." not in again.locator(".field-body .ProseMirror[contenteditable]").inner_text()


def test_a_copy_of_an_older_version_does_not_overwrite_a_newer_save(browser_for, story):
    page = browser_for("phongvien")
    surface = _form(page, story)
    _type_into_body(surface, "Bản soạn dở trên phiên bản cũ.")
    _wait_for_copy(page, story)
    context = page.context
    page.close()
    # Meanwhile the story is saved by someone else: a newer version.
    newer = Article.objects.get(pk=story.pk)
    newer.body = "<p>Bản biên tập viên đã lưu.</p>"
    services.save_article(article=newer, user=None, opened_version=newer.version)
    newer.refresh_from_db()

    again = context.new_page()
    _form(again, story)
    banner = again.locator("#draft-restore")
    assert f"phiên bản #{newer.version}" in banner.inner_text()
    banner.get_by_role("button", name="Khôi phục", exact=True).click()
    _save(again)
    # Refused as an edit conflict: the newer save is untouched, the copy is kept and nothing is lost.
    assert again.locator("p.errornote:not([hidden])").is_visible()
    story.refresh_from_db()
    assert story.body == "<p>Bản biên tập viên đã lưu.</p>"
    assert story.version == newer.version
    assert _copies(again, story)
    assert (
        "Bản soạn dở trên phiên bản cũ."
        in again.locator(".field-body .ProseMirror[contenteditable]").inner_text()
    )
    # A deliberate second save, after reading the conflict, goes through.
    _save(again)
    story.refresh_from_db()
    assert "Bản soạn dở trên phiên bản cũ." in story.body
    assert _copies(again, story) == []


def test_leaving_a_changed_form_asks_first(browser_for, story):
    page = browser_for("phongvien")
    surface = _form(page, story)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)
    _type_into_body(surface, "Chưa lưu.")
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert not page.is_closed()


def test_leaving_an_unchanged_or_saved_form_does_not_ask(browser_for, story):
    page = browser_for("phongvien")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    surface = _form(page, story)
    surface.click()  # a click is a gesture, not a change
    page.get_by_role("link", name="Phiên bản").click()
    page.wait_for_load_state()
    surface = _form(page, story)
    _type_into_body(surface, "Sẽ được lưu.")
    _save(page)
    page.get_by_role("link", name="Phiên bản").click()
    page.wait_for_load_state()
    assert dialogs == []
    assert "/phien-ban/" in page.url


def test_word_count_and_reading_time_follow_the_typing(browser_for, story):
    page = browser_for("phongvien")
    surface = _form(page, story)
    stats = page.locator("#body-stats")
    assert stats.inner_text() == "12 từ · khoảng 1 phút đọc"
    surface.click()
    surface.press("Control+End")
    surface.press("Enter")
    page.keyboard.insert_text(" ".join(["chữ"] * 450))
    page.wait_for_function("() => document.getElementById('body-stats').textContent.startsWith('462')")
    assert stats.inner_text() == "462 từ · khoảng 3 phút đọc"


def test_publishing_an_incomplete_story_warns_then_publishes_with_one_click(browser_for, story):
    page = browser_for("bientap")
    _form(page, story)
    warnings = page.locator("#publish-warnings")
    assert not warnings.is_visible()
    page.get_by_role("button", name="Xuất bản ngay").click()
    assert warnings.is_visible()
    assert "Bài chưa có tác giả." in warnings.inner_text()
    assert "Bài chưa có ảnh đại diện." in warnings.inner_text()
    story.refresh_from_db()
    assert story.status == Article.Status.DRAFT
    warnings.get_by_role("button", name="Vẫn xuất bản").click()
    page.wait_for_load_state()
    assert "Đã chuyển bài sang “Đã xuất bản”" in page.locator(".messagelist").inner_text()
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED


def test_a_complete_story_publishes_without_warnings(browser_for, story):
    story.cover_photo = PhotoFactory(alt_text="Ruộng bậc thang mùa lúa chín")
    story.save()
    ArticleAuthor.objects.create(article=story, author=AuthorFactory(name="Quàng Thị Hoa"), position=0)
    page = browser_for("bientap")
    _form(page, story)
    assert page.locator("#publish-warnings").count() == 0
    page.get_by_role("button", name="Xuất bản ngay").click()
    page.wait_for_load_state()
    story.refresh_from_db()
    assert story.status == Article.Status.PUBLISHED
