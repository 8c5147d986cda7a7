"""The story list's bulk actions in headless Chromium: the bar asks only for what the chosen step needs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Article.Status


def test_managing_editor_takes_down_in_bulk_and_reads_what_was_refused(browser_for):
    reporter = staff_user("phongvien", "Phóng viên")
    staff_user("thuky", "Thư ký tòa soạn")
    live = ArticleFactory(title="Bài sai số liệu", created_by=reporter)
    draft = ArticleFactory(title="Bản nháp chưa gửi", draft=True, created_by=reporter)
    ArticleFactory(title="Bài khác vẫn đăng", published_at=timezone.now() - timedelta(days=1))

    page = browser_for("thuky")
    page.goto("/quan-tri/articles/article/")
    note, when = page.locator(".bulk-note"), page.locator("[name=publish_at_0]")
    assert note.is_hidden() and when.is_hidden()
    page.select_option("select[name=action]", "schedule_selected")
    assert when.is_visible() and note.is_hidden()
    page.select_option("select[name=action]", "take_down_selected")
    assert note.is_visible() and when.is_hidden()

    for story in (live, draft):
        page.locator(f"input.action-select[value='{story.pk}']").check()
    note.fill("Sai số liệu, chờ xác minh")
    page.locator("button[name=index]").click()
    page.wait_for_load_state()

    messages = page.locator("ul.messagelist").inner_text()
    assert "Đã gỡ 1 bài: “Bài sai số liệu”." in messages
    assert "Không thực hiện với “Bản nháp chưa gửi”" in messages
    assert Article.objects.get(pk=live.pk).status == S.TAKEN_DOWN
    assert Article.objects.get(pk=draft.pk).status == S.DRAFT
    assert Article.objects.get(title="Bài khác vẫn đăng").status == S.PUBLISHED


def test_reporter_sees_no_bulk_actions(browser_for):
    reporter = staff_user("phongvien", "Phóng viên")
    ArticleFactory(title="Bài của tôi", draft=True, created_by=reporter)
    page = browser_for("phongvien")
    page.goto("/quan-tri/articles/article/")
    assert page.get_by_text("Bài của tôi").is_visible()
    assert page.locator("select[name=action]").count() == 0
