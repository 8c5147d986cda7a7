"""A newsroom's day in headless Chromium, through the real admin: write, return, fix, schedule, correct, take down."""

import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Photo
from tests.factories import SectionFactory, image_bytes, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pick(page, container, text):
    """Choose ``text`` in one of the admin's autocomplete (select2) boxes."""
    container.locator(".select2-selection").click()
    page.locator(".select2-search__field").last.fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def _upload_photo(page, tmp_path, name, caption):
    path = tmp_path / name
    path.write_bytes(image_bytes(size=(800, 600)))
    page.goto("/quan-tri/articles/photo/add/")
    page.set_input_files("#id_image", str(path))
    page.fill("#id_caption", caption)
    page.fill("#id_credit", "Minh Anh")
    page.get_by_role("button", name="Lưu lại", exact=True).click()
    page.wait_for_url("**/quan-tri/articles/photo/")


def _press(page, label):
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_a_story_goes_from_reporter_to_readers_and_is_corrected_then_taken_down(
    browser_for, tmp_path, settings
):
    staff_user("phongvien", "Phóng viên")
    staff_user("bientap", "Biên tập viên")
    staff_user("thuky", "Thư ký tòa soạn")
    SectionFactory(name="Xã hội")

    # Morning: the reporter uploads two photos and writes the story.
    reporter = browser_for("phongvien")
    _upload_photo(reporter, tmp_path, "cau.jpg", "Cây cầu mới bắc qua suối")
    _upload_photo(reporter, tmp_path, "ban.jpg", "Người dân bản Nà Hừ")
    assert Photo.objects.count() == 2

    reporter.goto("/quan-tri/articles/article/add/")
    reporter.fill("#id_title", "Cầu treo mới nối hai bản vùng cao")
    _pick(reporter, reporter.locator(".field-section"), "Xã hội")
    reporter.fill("#id_lead", "(BLC) - Cây cầu dài 80 m giúp hơn 300 hộ đi lại an toàn mùa mưa lũ.")
    editor_box = reporter.locator(".ProseMirror[contenteditable=true]")
    editor_box.click()
    editor_box.press_sequentially("Sáng nay, người dân hai bản đã đi trên cây cầu mới.")
    # A paragraph pasted from a word processor, with its usual clutter.
    editor_box.evaluate(
        """(node) => {
            const data = new DataTransfer();
            data.setData('text/html', '<p class="MsoNormal" style="mso-line-height:1.2"><span style="font-family:Times">'
              + 'Công trình do tỉnh đầu tư.</span><o:p></o:p></p><script>alert(1)</script>');
            data.setData('text/plain', 'Công trình do tỉnh đầu tư.');
            node.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }"""
    )
    editor_box.press("End")
    editor_box.press("Enter")
    editor_box.press_sequentially("[ảnh 1]")
    for row, caption in enumerate(["Cây cầu mới", "Người dân bản"]):
        inline = reporter.locator(f"#body_photos-{row}")
        if not inline.count():
            reporter.locator("#body_photos-group .add-row a").click()
        _pick(reporter, reporter.locator(f"#body_photos-{row} .field-photo"), caption)
        reporter.fill(f"#id_body_photos-{row}-position", str(row + 1))
        reporter.fill(f"#id_body_photos-{row}-caption", f"Ảnh {row + 1} của bài cầu treo.")
    _press(reporter, "Lưu và tiếp tục chỉnh sửa")
    assert Article.objects.get().status == Article.Status.DRAFT
    # A step taken with unsaved edits waits for them to be saved: nothing moves, nothing is lost.
    reporter.fill("#id_title", "Cầu treo mới nối hai bản vùng cao (sửa chưa lưu)")
    reporter.get_by_role("button", name="Gửi duyệt").click()
    assert reporter.locator(".workflow-unsaved").is_visible()
    assert Article.objects.get().status == Article.Status.DRAFT
    reporter.fill("#id_title", "Cầu treo mới nối hai bản vùng cao")
    _press(reporter, "Lưu và tiếp tục chỉnh sửa")
    _press(reporter, "Gửi duyệt")

    article = Article.objects.get()
    assert article.status == Article.Status.SUBMITTED
    assert article.lead.startswith("Cây cầu dài 80 m")
    assert "Công trình do tỉnh đầu tư." in article.body
    assert not re.search(r"Mso|mso-|<span|<o:p|<script|style=", article.body), article.body
    assert "<p>[ảnh 1]</p>" in article.body
    assert article.body_photos.count() == 2

    # The editor sends it back with a note.
    editor = browser_for("bientap")
    editor.get_by_role("link", name="Cầu treo mới nối hai bản vùng cao").first.click()
    editor.fill("#workflow-note", "Thiếu tên chủ đầu tư và kinh phí.")
    _press(editor, "Trả lại phóng viên")
    assert Article.objects.get().status == Article.Status.RETURNED

    # The reporter finds it on the desk, fixes it and sends it again.
    reporter.goto("/quan-tri/")
    returned = reporter.locator(".desk-returned")
    returned.get_by_role("link", name="Cầu treo mới nối hai bản vùng cao").click()
    assert "Thiếu tên chủ đầu tư và kinh phí." in reporter.locator(".workflow-events").inner_text()
    reporter.locator(".ProseMirror[contenteditable=true]").click()
    reporter.locator(".ProseMirror[contenteditable=true]").press("Control+End")
    reporter.locator(".ProseMirror[contenteditable=true]").press("Enter")
    reporter.locator(".ProseMirror[contenteditable=true]").press_sequentially(
        "Cầu do Sở Giao thông làm chủ đầu tư, kinh phí 5 tỷ đồng."
    )
    _press(reporter, "Lưu và tiếp tục chỉnh sửa")
    _press(reporter, "Gửi duyệt")
    article = Article.objects.get()
    assert article.status == Article.Status.SUBMITTED
    assert "kinh phí 5 tỷ đồng" in article.body

    # The editor schedules it a few seconds ahead (times in the admin are GMT+7).
    go_live = timezone.localtime(timezone.now() + timedelta(seconds=8))
    editor.goto(f"/quan-tri/articles/article/{article.pk}/change/")
    editor.fill("#id_publish_at_0", go_live.strftime("%d/%m/%Y"))
    editor.fill("#id_publish_at_1", go_live.strftime("%H:%M:%S"))
    editor.get_by_role("button", name="Hẹn giờ xuất bản").click()
    # No author and no cover photo: the warnings come first; "Vẫn xuất bản" schedules it all the same.
    assert "Bài chưa có tác giả." in editor.locator("#publish-warnings").inner_text()
    _press(editor, "Vẫn xuất bản")
    article = Article.objects.get()
    assert article.status == Article.Status.SCHEDULED

    reader = browser_for(None)
    url = article.get_absolute_url()
    assert reader.goto(url).status == 404
    while timezone.now() < go_live:
        time.sleep(0.3)
    response = reader.goto(url)
    assert response.status == 200
    assert reader.locator("h1").inner_text() == "Cầu treo mới nối hai bản vùng cao"
    assert reader.locator(".article-body figure").count() == 2

    # The managing editor corrects it, then takes it down.
    managing = browser_for("thuky")
    managing.goto(f"/quan-tri/articles/article/{article.pk}/change/")
    managing.fill("#id_corrections-0-text", "Cây cầu dài 85 m, không phải 80 m.")
    managing.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    managing.wait_for_load_state()
    reader.goto(url)
    assert "Cây cầu dài 85 m, không phải 80 m." in reader.locator(".corrections").inner_text()
    assert "Cập nhật:" in reader.locator(".article-time").inner_text()

    managing.goto(f"/quan-tri/articles/article/{article.pk}/change/")
    managing.fill("#workflow-note", "Gỡ theo yêu cầu của Ban biên tập.")
    _press(managing, "Gỡ bài")
    assert Article.objects.get().status == Article.Status.TAKEN_DOWN
    assert reader.goto(url).status == 410
    assert "Bài viết đã được gỡ" in reader.locator("h1").inner_text()
