"""A reader sends a comment: what is stored, what the reader is told, and what is never lost."""

import time
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from comments.forms import make_form_token
from comments.models import Comment, CommentFlag, WordListEntry
from tests.factories import ArticleFactory, CommentFactory, moderator_user

pytestmark = pytest.mark.django_db

BODY = "Con đường mới giúp bà con đi lại thuận tiện hơn nhiều."


@pytest.fixture
def article():
    return ArticleFactory(title="Đường mới về bản")


def _form(article, **overrides):
    data = {
        "name": "Lò Văn Minh",
        "email": "minh@example.com",
        "body": BODY,
        "token": make_form_token(article, at=time.time() - 30),
        "parent": "",
        "website": "",
    }
    data.update(overrides)
    return data


def _post(client, article, remote_addr="198.51.100.4", **overrides):
    return client.post(
        f"/binh-luan/gui/{article.pk}/",
        _form(article, **overrides),
        REMOTE_ADDR=remote_addr,
        HTTP_USER_AGENT="Mozilla/5.0 (Thử nghiệm)",
    )


def test_comment_is_stored_pending_and_reader_is_sent_back_to_the_article(client, article):
    response = _post(client, article)
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}?binh-luan=cho-duyet#binh-luan"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert (comment.ip_address, comment.user_agent) == ("198.51.100.4", "Mozilla/5.0 (Thử nghiệm)")
    page = client.get(response["Location"])
    assert "Bình luận của bạn đã được gửi và đang chờ duyệt" in page.text
    assert BODY not in page.text
    assert "Hiện tại chưa có bình luận" in page.text


def test_form_with_errors_keeps_every_field_and_explains_each(client, article):
    response = _post(client, article, name="", email="khong-phai-email", body="Ngắn")
    assert response.status_code == 400
    assert not Comment.objects.exists()
    text = response.text
    assert "Vui lòng nhập họ tên." in text
    assert "Email chưa đúng" in text
    assert "Bình luận cần ít nhất 10 ký tự (hiện có 4)." in text
    assert 'value="khong-phai-email"' in text
    assert "Ngắn</textarea>" in text


def test_overlong_name_and_body_are_refused_with_their_lengths(client, article):
    response = _post(client, article, name="N" * 51, body="a" * 2001)
    assert response.status_code == 400
    assert "Họ tên dài tối đa 50 ký tự (bạn đã nhập 51)." in response.text
    assert "Bình luận dài tối đa 2000 ký tự (hiện có 2001)." in response.text


def test_body_length_counts_after_trimming_and_nfc(client, article):
    import unicodedata

    body = unicodedata.normalize("NFD", "Tuyệt vời!") + "   "  # 10 characters in NFC, more in NFD
    assert _post(client, article, body="   " + body).status_code == 302
    assert Comment.objects.get().body == "Tuyệt vời!"


def test_expired_token_keeps_the_text_and_gives_a_fresh_token(client, article, settings):
    settings.COMMENTS_TOKEN_MAX_AGE_SECONDS = 7200
    old = make_form_token(article, at=time.time() - 7201)
    response = _post(client, article, token=old)
    assert response.status_code == 400
    assert "Biểu mẫu đã mở quá lâu" in response.text
    assert BODY in response.text
    assert old not in response.text
    assert not Comment.objects.exists()


@pytest.mark.parametrize("token", ["gia-mao", "", "eyJhIjoxfQ:1abc:xyz"])
def test_tampered_or_missing_token_is_refused(client, article, token):
    response = _post(client, article, token=token)
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_token_for_another_article_is_refused(client, article):
    other = ArticleFactory()
    response = _post(client, article, token=make_form_token(other, at=time.time() - 30))
    assert response.status_code == 400
    assert "không thuộc bài viết này" in response.text


def test_honeypot_stores_the_comment_as_spam(client, article):
    assert _post(client, article, website="http://spam.example").status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert list(comment.flags.values_list("code", flat=True)) == [CommentFlag.Code.HONEYPOT]


def test_form_sent_too_fast_is_stored_as_spam(client, article):
    assert _post(client, article, token=make_form_token(article)).status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    assert comment.flags.get().code == CommentFlag.Code.TOO_FAST


def test_banned_word_stores_the_comment_as_rejected_with_its_reason(client, article):
    WordListEntry.objects.create(word="ngu", kind=WordListEntry.Kind.BANNED)
    assert _post(client, article, body="Viết thế này thì ngu quá đi.").status_code == 302
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert [(f.code, f.detail) for f in comment.flags.all()] == [(CommentFlag.Code.BANNED_WORD, "ngu")]


def test_name_of_reader_nguyen_is_not_caught_by_banned_ngu(client, article):
    WordListEntry.objects.create(word="ngu", kind=WordListEntry.Kind.BANNED)
    assert (
        _post(
            client, article, name="Nguyễn Thị Nguyệt", body="Theo nguồn tin của tôi thì đúng vậy."
        ).status_code
        == 302
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert not comment.flags.exists()


def test_links_phone_and_email_are_flagged_but_kept_pending(client, article):
    _post(client, article, body="Liên hệ 0912 345 678 hoặc xem www.raovat.vn, mail a@b.vn nhé")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert set(comment.flags.values_list("code", flat=True)) == {"phone", "link", "email"}


def test_same_text_from_same_email_within_ten_minutes_is_stored_once(client, article, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    first = _post(client, article)
    second = _post(client, article, body="  " + BODY.upper() + "  ", remote_addr="198.51.100.99")
    assert first["Location"].endswith("?binh-luan=cho-duyet#binh-luan")
    assert second.status_code == 302
    assert second["Location"].endswith("?binh-luan=da-nhan#binh-luan")
    assert Comment.objects.count() == 1
    assert "Bình luận này đã được nhận trước đó" in client.get(second["Location"]).text


def test_same_text_after_the_duplicate_window_is_a_new_comment(client, article, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    _post(client, article)
    Comment.objects.update(submitted_at=timezone.now() - timedelta(minutes=11))
    _post(client, article)
    assert Comment.objects.count() == 2


def test_second_comment_within_fifteen_seconds_is_refused_and_keeps_the_text(client, article):
    _post(client, article)
    response = _post(client, article, body="Một ý kiến khác hẳn ý kiến trước của tôi.")
    assert response.status_code == 429
    assert "Bạn gửi bình luận quá nhanh. Vui lòng đợi 15 giây rồi gửi lại." in response.text
    assert "Một ý kiến khác hẳn ý kiến trước của tôi." in response.text
    assert Comment.objects.count() == 1


def test_flood_limit_applies_per_email_across_addresses(client, article):
    _post(client, article, remote_addr="198.51.100.1")
    response = _post(client, article, remote_addr="198.51.100.2", body="Một ý kiến khác của cùng người đó.")
    assert response.status_code == 429


def test_hourly_limit_per_ip_address(client, article, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    settings.COMMENTS_MAX_PER_HOUR = 3
    for n in range(3):
        assert (
            _post(
                client, article, email=f"nguoi{n}@example.com", body=f"Ý kiến số {n} của bạn đọc."
            ).status_code
            == 302
        )
    response = _post(client, article, email="nguoi9@example.com", body="Ý kiến thứ tư trong giờ.")
    assert response.status_code == 429
    assert "Bạn đã gửi 3 bình luận trong một giờ qua" in response.text
    assert Comment.objects.count() == 3


@pytest.mark.parametrize("field", ["name", "email", "body"])
def test_hostile_html_in_any_field_is_never_markup(client, article, field, settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    hostile = '<script>alert("x")</script>'
    values = {"name": "Minh", "email": "minh@example.com", "body": BODY + "<img src=x onerror=alert(1)>"}
    values[field] = values[field] + hostile if field != "email" else hostile
    response = _post(client, article, **values)
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    if field == "email":
        assert response.status_code == 400
        return
    comment = Comment.objects.get()
    comment.status = Comment.Status.APPROVED
    comment.save()
    page = client.get(article.get_absolute_url()).text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page


def test_comment_keeps_line_breaks_and_links_are_not_clickable(client, article):
    CommentFactory(article=article, body="Dòng một\nDòng hai https://laichau.example")
    page = client.get(article.get_absolute_url()).text
    assert "Dòng một<br>Dòng hai https://laichau.example" in page
    assert 'href="https://laichau.example"' not in page


def test_closed_article_shows_no_form_and_refuses_posts_keeping_the_text(client, article):
    article.comments_open = False
    article.save()
    page = client.get(article.get_absolute_url()).text
    assert "Bài viết này đã đóng bình luận." in page
    assert "comment-form" not in page
    response = _post(client, article)
    assert response.status_code == 403
    assert BODY in response.text
    assert not Comment.objects.exists()


def test_comments_close_automatically_after_the_configured_days(client, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 30
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=31))
    fresh = ArticleFactory(published_at=timezone.now() - timedelta(days=29))
    assert _post(client, old).status_code == 403
    assert _post(client, fresh).status_code == 302


def test_unpublished_article_takes_no_comments(client):
    draft = ArticleFactory(draft=True)
    assert _post(client, draft).status_code == 404


def test_reply_to_an_approved_comment_is_stored_under_it(client, article):
    parent = CommentFactory(article=article)
    assert _post(client, article, parent=str(parent.pk)).status_code == 302
    assert Comment.objects.get(parent=parent).status == Comment.Status.PENDING


@pytest.mark.parametrize("state", ["pending", "reply", "other_article"])
def test_reply_to_a_comment_that_is_not_visible_here_is_refused(client, article, state):
    if state == "pending":
        parent = CommentFactory(article=article, status=Comment.Status.PENDING)
    elif state == "reply":
        parent = CommentFactory(article=article, parent=CommentFactory(article=article))
    else:
        parent = CommentFactory()
    response = _post(client, article, parent=str(parent.pk))
    assert response.status_code == 400
    assert "không còn hiển thị" in response.text
    assert BODY in response.text


def test_without_csrf_token_the_reader_confirms_once_and_nothing_is_lost(article):
    browser = Client(enforce_csrf_checks=True)
    first = _post(browser, article)
    assert first.status_code == 200
    assert "Vui lòng bấm “Gửi bình luận” một lần nữa để xác nhận." in first.text
    assert BODY in first.text
    assert not Comment.objects.exists()
    token = first.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token
    second = browser.post(
        f"/binh-luan/gui/{article.pk}/",
        {**_form(article), "csrfmiddlewaretoken": token},
        REMOTE_ADDR="198.51.100.4",
    )
    assert second.status_code == 302
    assert Comment.objects.count() == 1


def test_forged_csrf_token_is_never_accepted(article):
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["csrftoken"] = "a" * 32
    response = browser.post(
        f"/binh-luan/gui/{article.pk}/", {**_form(article), "csrfmiddlewaretoken": "b" * 32}
    )
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_cached_article_page_carries_no_token_and_still_accepts_a_comment(article, page_cache):
    browser = Client(enforce_csrf_checks=True)
    first = browser.get(article.get_absolute_url())
    second = browser.get(article.get_absolute_url())
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "csrftoken" not in first.cookies
    assert 'name="csrfmiddlewaretoken" value=""' in second.text
    form_token = second.text.split('name="token" value="')[1].split('"')[0]
    token = browser.get("/binh-luan/token/").json()["token"]
    response = browser.post(
        f"/binh-luan/gui/{article.pk}/",
        {**_form(article), "token": form_token, "csrfmiddlewaretoken": token},
        REMOTE_ADDR="198.51.100.4",
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_approving_a_comment_purges_the_cached_page(
    client, article, django_capture_on_commit_callbacks, page_cache
):
    comment = CommentFactory(
        article=article, status=Comment.Status.PENDING, body="Ý kiến chờ duyệt của bạn đọc."
    )
    assert "Ý kiến chờ duyệt" not in client.get(article.get_absolute_url()).text
    from comments.services import moderate_comment

    moderator = moderator_user()
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(comment=comment, moderator=moderator, to_status=Comment.Status.APPROVED)
    assert "Ý kiến chờ duyệt" in client.get(article.get_absolute_url()).text


def test_moderators_get_at_most_one_mail_per_interval(
    client, article, settings, django_capture_on_commit_callbacks
):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    moderator_user()
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, article, email="a@example.com", body="Bình luận thứ nhất của bạn đọc.")
        _post(client, article, email="b@example.com", body="Bình luận thứ hai của bạn đọc.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kiemduyet@baolaichau.example"]
    assert "đang chờ duyệt" in mail.outbox[0].subject


def test_a_closed_article_says_so_even_when_the_form_has_errors(client, article):
    article.comments_open = False
    article.save()
    response = _post(client, article, body="ngắn")
    assert response.status_code == 403
    assert "Bài viết này đã đóng bình luận." in response.text
    assert not Comment.objects.exists()


def test_a_comment_for_an_article_that_does_not_exist_is_404(client, article):
    response = client.post("/binh-luan/gui/999999/", _form(article), REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 404
    assert not Comment.objects.exists()
