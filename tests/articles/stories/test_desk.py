"""The desk on the admin home: each role sees what it can act on, in a number of queries fixed per role."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory, CommentFactory, staff_user

pytestmark = pytest.mark.django_db
S = Article.Status


def _story(owner, status, title=None, **kwargs):
    published_at = {
        S.SCHEDULED: timezone.now() + timedelta(hours=2),
        S.PUBLISHED: timezone.now() - timedelta(hours=1),
        S.TAKEN_DOWN: timezone.now() - timedelta(days=1),
    }.get(status)
    extra = {"title": title} if title else {}
    return ArticleFactory(status=status, published_at=published_at, created_by=owner, **extra, **kwargs)


def _desk(client, user):
    client.force_login(user)
    response = client.get("/quan-tri/")
    assert response.status_code == 200
    return response.text


def test_desk_reporter_sees_own_drafts_returned_and_waiting_stories(client, reporter):
    other = staff_user("phongvien2", "Phóng viên")
    _story(reporter, S.DRAFT, "Nháp của tôi")
    _story(reporter, S.RETURNED, "Bài bị trả lại")
    _story(reporter, S.SUBMITTED, "Bài tôi đã gửi")
    _story(other, S.DRAFT, "Nháp của người khác")
    _story(other, S.SUBMITTED, "Bài người khác gửi")
    CommentFactory(status="pending")

    desk = _desk(client, reporter)

    assert "Nháp của tôi" in desk and "Bài bị trả lại" in desk and "Bài tôi đã gửi" in desk
    assert "Nháp của người khác" not in desk and "Bài người khác gửi" not in desk
    assert "Chờ tôi duyệt" not in desk and "Hẹn giờ trong 24 giờ tới" not in desk
    assert "bình luận đang chờ duyệt" not in desk and "/kiem-duyet/" not in desk
    assert "Viết bài mới" in desk


@pytest.mark.parametrize("role", ["editor", "managing_editor"])
def test_desk_editors_see_review_queue_and_scheduled_stories(client, request, reporter, role):
    _story(reporter, S.SUBMITTED, "Bài chờ duyệt")
    _story(reporter, S.SCHEDULED, "Bài hẹn giờ sớm")
    _story(reporter, S.DRAFT, "Nháp của phóng viên")
    CommentFactory(status="pending")

    desk = _desk(client, request.getfixturevalue(role))

    review = desk[desk.index("Chờ tôi duyệt") :]
    assert "Bài chờ duyệt" in review
    assert "Bài hẹn giờ sớm" in desk[desk.index("Hẹn giờ trong 24 giờ tới") :]
    # Someone else's draft is theirs until it is submitted; the comment queue belongs to the moderators.
    assert "Nháp của phóng viên" not in desk
    assert "bình luận đang chờ duyệt" not in desk and "/kiem-duyet/" not in desk


def test_desk_moderator_sees_comment_queue_and_reports_not_stories(client, moderator, reporter):
    _story(reporter, S.SUBMITTED, "Bài chờ duyệt")
    _story(reporter, S.PUBLISHED, "Bài vừa đăng")
    CommentFactory(status="pending", body="<script>alert(1)</script> Ý kiến đang chờ")
    CommentFactory(status="pending")
    from comments import services

    services.report_comment(comment=CommentFactory(), reason="spam")

    desk = _desk(client, moderator)

    assert "2 bình luận đang chờ duyệt" in desk and "1 bình luận bị báo vi phạm" in desk
    assert 'href="/kiem-duyet/"' in desk and 'href="/kiem-duyet/bao-cao/"' in desk
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ý kiến đang chờ" in desk and "<script>alert(1)" not in desk
    assert "Bài chờ duyệt" not in desk and "Bài vừa đăng" not in desk
    assert "Viết bài mới" not in desk and "/quan-tri/articles/article/" not in desk


def test_desk_admin_sees_every_list(client, reporter):
    admin = User.objects.create_superuser("quantri", "quantri@baolaichau.example", "mat-khau-dai-123")
    _story(reporter, S.SUBMITTED, "Bài chờ duyệt")
    CommentFactory(status="pending")

    desk = _desk(client, admin)

    assert "Chờ tôi duyệt" in desk and "Bài chờ duyệt" in desk
    assert "1 bình luận đang chờ duyệt" in desk and "Viết bài mới" in desk


# --- Query counts: the same with 1 and with 20 rows in every list ---------------------------------------

# Session, user, the account's permissions, the sign-in checks, then one query per list the role is shown
# (reporter: returned, drafts, waiting, published; editors: returned, drafts, review, scheduled,
# published; moderators: waiting count, oldest waiting, reports count; an admin: all eight, and no
# permission queries). Measured, then held.
# One query per list a role sees, "Đang tường thuật trực tiếp" among them.
DESK_QUERIES = {"reporter": 11, "editor": 12, "managing_editor": 12, "moderator": 9, "admin": 13}


def _fill(rows, reporter):
    for _ in range(rows):
        for status in (S.DRAFT, S.RETURNED, S.SUBMITTED, S.SCHEDULED, S.PUBLISHED):
            _story(reporter, status)
        live = _story(reporter, S.PUBLISHED)
        Article.objects.filter(pk=live.pk).update(live_started_at=timezone.now())  # covered live now
        CommentFactory(status="pending")
        CommentFactory(status="pending", article=Article.objects.filter(status=S.PUBLISHED).first())
    from comments import services

    for comment in list(CommentFactory.create_batch(rows)):
        services.report_comment(comment=comment, reason="spam")


@pytest.mark.parametrize("rows", [1, 20])
@pytest.mark.parametrize("role", sorted(DESK_QUERIES))
def test_desk_query_count_is_fixed_per_role(
    client, request, reporter, role, rows, django_assert_max_num_queries
):
    if role == "admin":
        user = User.objects.create_superuser("quantri", "quantri@baolaichau.example", "mat-khau-dai-123")
    else:
        user = reporter if role == "reporter" else request.getfixturevalue(role)
    _fill(rows, reporter)
    client.force_login(user)
    with django_assert_max_num_queries(DESK_QUERIES[role]):
        response = client.get("/quan-tri/")
    assert response.status_code == 200
