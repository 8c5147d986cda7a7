"""'Chèn ảnh' in headless Chromium: an editor uploads one photo and picks another in the body editor."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from articles.models import Article, Photo
from tests.factories import ArticleFactory, PhotoFactory, image_bytes, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = None  # a folder to write screenshots into while looking at the dialog by hand


def _insert_photo(page, *, caption, credit, choose):
    page.get_by_role("button", name="Chèn ảnh").click()
    dialog = page.locator("dialog.photo-library")
    dialog.locator(".photo-library-grid").wait_for()
    choose(dialog)
    use = dialog.locator(".photo-library-use")
    use.wait_for()
    use.get_by_label("Chú thích", exact=True).fill(caption)
    use.get_by_label("Nguồn ảnh", exact=True).fill(credit)
    use.get_by_role("button", name="Chèn vào bài").click()
    dialog.wait_for(state="hidden")


def test_an_editor_inserts_an_uploaded_and_a_chosen_photo_that_readers_see_in_order(browser_for, tmp_path):
    staff_user("bientap", "Biên tập viên")
    PhotoFactory(
        image=ContentFile(image_bytes(size=(900, 600), color=(20, 120, 40)), name="cho.jpg"),
        caption="Chợ phiên Tam Đường",
        credit="Minh Anh",
        alt_text="Người dân mua bán ở chợ phiên",
    )
    PhotoFactory.create_batch(2)
    story = ArticleFactory(
        draft=True, body="<p>Đoạn mở đầu của bài.</p><p>[ảnh 7]</p><p>Đoạn kết của bài.</p>"
    )
    upload = tmp_path / "cau-treo.jpg"
    upload.write_bytes(image_bytes(size=(800, 600), color=(30, 60, 200)))

    page = browser_for("bientap")
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(f"/quan-tri/articles/article/{story.pk}/change/")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.get_by_text("Đoạn mở đầu của bài.").click()
    body.press("End")

    def upload_one(dialog):
        dialog.locator("input[name=images]").set_input_files(str(upload))
        dialog.get_by_role("button", name="Tải lên").click()
        dialog.locator(".photo-library-uploaded").wait_for()
        dialog.locator("li.is-new .photo-library-item").click()

    _insert_photo(page, caption="Cầu treo tạm", credit="Thu Hà", choose=upload_one)
    assert Photo.objects.count() == 4

    body.get_by_text("Đoạn kết của bài.").click()
    body.press("End")

    def choose_from_library(dialog):
        dialog.get_by_label("Tìm theo chú thích, nguồn ảnh").fill("chợ phiên")
        dialog.get_by_role("button", name="Tìm").click()
        expect(dialog.locator(".photo-library-item")).to_have_count(1)
        dialog.locator(".photo-library-item").click()
        # The use's texts start as the photo's own.
        assert dialog.get_by_label("Nguồn ảnh", exact=True).input_value() == "Minh Anh"
        assert dialog.get_by_label("Mô tả ảnh (alt)").input_value() == "Người dân mua bán ở chợ phiên"

    _insert_photo(
        page, caption="Phiên chợ <vùng cao> “Tam Đường”", credit="Minh Anh", choose=choose_from_library
    )

    figures = body.locator("figure.newsroom-photo")
    assert figures.count() == 2
    assert "Cầu treo tạm" in figures.nth(0).inner_text()
    assert "Ảnh: Minh Anh" in figures.nth(1).inner_text()
    figures.nth(0).locator("img").evaluate("(image) => image.decode()")  # the thumbnail, from a rendition
    # A second thought about the first caption: a double click opens this use's texts again.
    figures.nth(0).dblclick()
    use = page.locator("dialog.photo-library .photo-library-use")
    use.wait_for()
    assert use.get_by_label("Chú thích", exact=True).input_value() == "Cầu treo tạm"
    use.get_by_label("Chú thích", exact=True).fill("Cầu treo mới bắc qua suối")
    use.get_by_role("button", name="Chèn vào bài").click()
    expect(figures.nth(0)).to_contain_text("Cầu treo mới bắc qua suối")
    assert figures.count() == 2
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/editor-1280.png", full_page=True)
    page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()
    page.wait_for_load_state()

    stored = Article.objects.get(pk=story.pk).body
    uploaded = Photo.objects.get(image__contains="cau-treo")
    chosen = Photo.objects.get(caption="Chợ phiên Tam Đường")
    assert re.search(
        rf'<p>Đoạn mở đầu của bài.</p><figure data-photo-id="{uploaded.pk}" .*</figure>'
        rf'<p>\[ảnh 7\]</p><p>Đoạn kết của bài.</p><figure data-photo-id="{chosen.pk}" ',
        stored,
    ), stored
    assert uploaded.uploaded_by.username == "bientap"
    # Reopened, the editor shows both figures again as blocks.
    assert page.locator(".ProseMirror figure.newsroom-photo").count() == 2

    page.goto(f"/xem-truoc/{story.pk}/")
    shown = page.locator(".article-body figure")
    assert shown.count() == 2
    first, second = shown.nth(0), shown.nth(1)
    assert first.locator("figcaption").inner_text() == "Cầu treo mới bắc qua suối Ảnh: Thu Hà"
    assert second.locator("figcaption").inner_text() == "Phiên chợ <vùng cao> “Tam Đường” Ảnh: Minh Anh"
    assert second.locator("img").get_attribute("alt") == "Người dân mua bán ở chợ phiên"
    for figure in (first, second):
        assert "w," in figure.locator("source[type='image/webp']").get_attribute("srcset")
        assert figure.locator("img").get_attribute("width")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/preview-1280.png", full_page=True)
    assert not problems, problems
