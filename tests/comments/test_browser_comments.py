"""The whole comment story in headless Chromium: send, moderate, read, reply, report."""

import pytest
from django.contrib.auth.models import User

from comments.models import Comment, CommentReport, ModerationDecision
from tests.factories import ArticleFactory, moderator_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def moderator_page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN")
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def _send(page, *, name, email, body):
    form = page.locator("form.comment-form")
    form.get_by_label("Họ tên").fill(name)
    form.get_by_label("Email").fill(email)
    form.get_by_label("Nội dung bình luận").fill(body)
    form.get_by_role("button", name="Gửi bình luận").click()


def test_reader_comment_is_moderated_then_shown_replied_to_and_reported(page, moderator_page, settings):
    # The reader's page and the moderator's run from one address at test speed.
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    moderator = moderator_user()
    moderator.set_password("mat-khau-kiem-duyet")
    moderator.save()
    article = ArticleFactory(title="Chợ phiên vùng cao")
    url = article.get_absolute_url()

    page.goto(url)
    page.goto(url)  # the second view comes from the page cache, without a CSRF token in it
    assert page.locator(".comments .empty").inner_text() == "Hiện tại chưa có bình luận"
    _send(
        page, name="Lò Thị Mai", email="mai@example.com", body="Chợ phiên rất đông vui, mong báo viết thêm."
    )
    page.wait_for_url(f"**{url}?binh-luan=cho-duyet#binh-luan")
    assert (
        page.locator("#binh-luan").get_by_role("status").inner_text()
        == "Bình luận của bạn đã được gửi và đang chờ duyệt"
    )
    assert "Chợ phiên rất đông vui" not in page.locator(".comments").inner_text()
    assert Comment.objects.get().status == Comment.Status.PENDING

    moderator_page.goto("/kiem-duyet/")
    moderator_page.get_by_label("Tên đăng nhập").fill("kiemduyet")
    moderator_page.get_by_label("Mật khẩu").fill("mat-khau-kiem-duyet")
    moderator_page.get_by_role("button", name="Đăng nhập").click()
    moderator_page.wait_for_url("**/kiem-duyet/")
    item = moderator_page.locator(".queue-item").first
    assert "Chợ phiên rất đông vui" in item.inner_text()
    assert "Chợ phiên vùng cao" in item.inner_text()
    moderator_page.keyboard.press("a")  # approve the focused comment
    moderator_page.wait_for_selector("text=Đã chuyển 1 bình luận sang “Đã duyệt”.")
    assert ModerationDecision.objects.get().to_status == Comment.Status.APPROVED

    page.goto(url)
    comments = page.locator(".comments")
    assert "Chợ phiên rất đông vui, mong báo viết thêm." in comments.inner_text()
    assert comments.locator("h2").inner_text().endswith("(1)")

    comments.get_by_role("link", name="Trả lời").click()
    assert "Trả lời bình luận của Lò Thị Mai" in page.locator("#viet-binh-luan").inner_text()
    _send(page, name="Quàng Văn Hùng", email="hung@example.com", body="Tôi cũng thấy vậy, rất đáng để đi.")
    page.wait_for_url("**?binh-luan=cho-duyet#binh-luan")
    reply = Comment.objects.get(name="Quàng Văn Hùng")
    assert reply.parent.name == "Lò Thị Mai" and reply.status == Comment.Status.PENDING

    page.locator(".comments").get_by_role("link", name="Báo vi phạm").first.click()
    page.get_by_label("Lý do").select_option("false")
    page.get_by_label("Mô tả thêm (không bắt buộc)").fill("Thông tin chưa chính xác")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_url("**?binh-luan=da-bao-cao#binh-luan")
    assert CommentReport.objects.get().detail == "Thông tin chưa chính xác"

    moderator_page.goto("/kiem-duyet/bao-cao/")
    assert "Thông tin chưa chính xác" in moderator_page.locator(".report-list").inner_text()


def test_form_errors_come_back_with_the_text_in_the_browser(page, settings):
    settings.COMMENTS_MIN_FILL_SECONDS = 0
    article = ArticleFactory()
    page.goto(article.get_absolute_url())
    _send(page, name="", email="sai-email", body="Ngắn quá")
    page.wait_for_url(f"**/binh-luan/gui/{article.pk}/")
    assert page.locator(".form-errors").first.is_visible()
    assert page.get_by_label("Email").input_value() == "sai-email"
    assert page.get_by_label("Nội dung bình luận").input_value() == "Ngắn quá"
    assert "Vui lòng nhập họ tên." in page.locator(".comment-form").inner_text()
    assert not Comment.objects.exists()
    assert not User.objects.exists()
