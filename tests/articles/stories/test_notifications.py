"""Workflow mail: who hears of which step, what it says, and that no step is mailed twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.stories import services
from newsroom.common.dates import format_publish_time
from tests.conftest import free_port
from tests.factories import ArticleFactory, staff_user
from tests.threads import race

S = Article.Status
SITE = "https://toasoan.baolaichau.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE + "/"


def _story(owner, status, title="Mùa lúa chín ở Tam Đường"):
    published_at = {
        S.PUBLISHED: timezone.now() - timedelta(hours=1),
        S.SCHEDULED: timezone.now() + timedelta(hours=3),
    }.get(status)
    return ArticleFactory(status=status, published_at=published_at, created_by=owner, title=title)


def _step(story, user, action, **kwargs):
    return services.transition_article(article=story, user=user, action=action, **kwargs)


def _to(address):
    return [message for message in mail.outbox if message.to == [address]]


@pytest.mark.django_db
def test_mail_goes_to_the_locmem_outbox_in_tests(settings):
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.django_db
def test_submit_mails_each_publisher_once_after_commit(
    reporter, editor, managing_editor, moderator, django_capture_on_commit_callbacks
):
    story = _story(reporter, S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _step(story, reporter, "submit")
        assert mail.outbox == []  # nothing before the step commits
    assert len(callbacks) >= 1
    assert sorted(message.to[0] for message in mail.outbox) == sorted([editor.email, managing_editor.email])
    message = _to(editor.email)[0]
    assert message.subject == "[Báo Lai Châu] Bài chờ duyệt: Mùa lúa chín ở Tam Đường"
    assert "Phongvien đã gửi duyệt bài “Mùa lúa chín ở Tam Đường”" in message.body
    assert f"{SITE}/quan-tri/articles/article/{story.pk}/change/" in message.body
    assert "(GMT+7)" in message.body
    assert _to(moderator.email) == [] and _to(reporter.email) == []


@pytest.mark.django_db
def test_return_mails_the_reporter_with_the_note(reporter, editor, django_capture_on_commit_callbacks):
    story = _story(reporter, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        _step(story, editor, "return", note="Cần thêm ý kiến của người dân <b>bản Khun Há</b>")
    assert [message.to for message in mail.outbox] == [[reporter.email]]
    message = mail.outbox[0]
    assert message.subject == "[Báo Lai Châu] Bài bị trả lại: Mùa lúa chín ở Tam Đường"
    assert "Bientap đã trả lại bài" in message.body
    assert "Cần thêm ý kiến của người dân <b>bản Khun Há</b>" in message.body  # plain text, never HTML
    assert message.content_subtype == "plain"
    assert f"{SITE}/quan-tri/articles/article/{story.pk}/change/" in message.body


@pytest.mark.django_db
def test_publish_and_schedule_mail_the_reporter(reporter, editor, django_capture_on_commit_callbacks):
    published, scheduled = _story(reporter, S.SUBMITTED, "Bài một"), _story(reporter, S.SUBMITTED, "Bài hai")
    at = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        _step(published, editor, "publish")
        _step(scheduled, editor, "schedule", publish_at=at)
    subjects = [message.subject for message in _to(reporter.email)]
    assert subjects == [
        "[Báo Lai Châu] Bài đã xuất bản: Bài một",
        "[Báo Lai Châu] Bài được hẹn giờ xuất bản: Bài hai",
    ]
    assert f"vào {format_publish_time(at)} (GMT+7)" in mail.outbox[1].body


@pytest.mark.django_db
def test_a_repeated_step_is_refused_and_mailed_once(reporter, editor, django_capture_on_commit_callbacks):
    story = _story(reporter, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        _step(story, editor, "publish")
        with pytest.raises(ValidationError):
            _step(Article.objects.get(pk=story.pk), editor, "publish")
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_stale_step_changes_nothing_and_mails_nobody(reporter, editor, django_capture_on_commit_callbacks):
    """Two people read the story as submitted; the second step comes after the first committed."""
    story = _story(reporter, S.SUBMITTED)
    stale = Article.objects.get(pk=story.pk)
    with django_capture_on_commit_callbacks(execute=True):
        _step(story, editor, "publish")
        # The second person's copy still says "submitted"; the service reads the row again and refuses.
        with pytest.raises(ValidationError):
            _step(stale, editor, "return", note="Trả lại")
    assert Article.objects.get(pk=story.pk).status == S.PUBLISHED
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_rescheduling_to_the_same_time_is_no_news(reporter, editor, django_capture_on_commit_callbacks):
    story = _story(reporter, S.SUBMITTED)
    at = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        _step(story, editor, "schedule", publish_at=at)
        _step(story, editor, "schedule", publish_at=at)
        _step(story, editor, "schedule", publish_at=at + timedelta(hours=1))
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_rolled_back_step_mails_nobody(reporter, editor, django_capture_on_commit_callbacks):
    story = _story(reporter, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            _step(story, editor, "publish")
            raise RuntimeError("something after the step failed")
    assert Article.objects.get(pk=story.pk).status == S.SUBMITTED
    assert mail.outbox == []


@pytest.mark.django_db
def test_nobody_is_mailed_about_their_own_step_or_without_an_address(
    editor, managing_editor, django_capture_on_commit_callbacks
):
    silent = staff_user("phongvien3", "Phóng viên")
    silent.email = ""
    silent.save()
    own = _story(editor, S.DRAFT)
    quiet = _story(silent, S.SUBMITTED)
    gone = staff_user("bientap2", "Biên tập viên")
    gone.is_active = False
    gone.save()
    with django_capture_on_commit_callbacks(execute=True):
        _step(own, editor, "submit")  # the managing editor hears of it, not the editor who submitted
        _step(own, editor, "publish")  # the editor's own story: nobody to tell
        _step(quiet, editor, "publish")  # its reporter has no address
    assert [message.to for message in mail.outbox] == [[managing_editor.email]]


@pytest.mark.django_db
def test_the_system_mails_nobody(reporter, editor, django_capture_on_commit_callbacks):
    story = _story(reporter, S.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        services.set_publication(article=story, status=S.PUBLISHED, published_at=timezone.now())
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_title_with_line_breaks_stays_one_header_line(reporter, editor, django_capture_on_commit_callbacks):
    story = _story(reporter, S.SUBMITTED, "Tiêu đề\r\nBcc: ke-gian@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        _step(story, editor, "publish")
    message = mail.outbox[0]
    assert message.subject == "[Báo Lai Châu] Bài đã xuất bản: Tiêu đề Bcc: ke-gian@example.com"
    assert message.bcc == [] and message.message()["Bcc"] is None


@pytest.mark.django_db
def test_bulk_publish_mails_once_per_story(client, reporter, editor, django_capture_on_commit_callbacks):
    stories = [_story(reporter, S.SUBMITTED, f"Bài số {n}") for n in range(3)]
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/quan-tri/articles/article/",
            {"action": "publish_selected", "_selected_action": [s.pk for s in stories], "index": "0"},
        )
        client.post(
            "/quan-tri/articles/article/",
            {"action": "publish_selected", "_selected_action": [s.pk for s in stories], "index": "0"},
        )
    assert sorted(message.subject for message in mail.outbox) == [
        f"[Báo Lai Châu] Bài đã xuất bản: Bài số {n}" for n in range(3)
    ]


@pytest.mark.django_db
def test_a_failing_mail_relay_does_not_undo_the_step(
    settings, reporter, editor, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    story = _story(reporter, S.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        _step(story, editor, "publish")
    assert Article.objects.get(pk=story.pk).status == S.PUBLISHED


# --- Real concurrency: threads on their own connections, on PostgreSQL (see test_concurrent_submissions) ---


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_publishes_take_one_step_and_send_one_mail(reporter, editor):
    story = _story(reporter, S.SUBMITTED)
    _results, errors = race(
        5,
        lambda i: services.transition_article(
            article=Article.objects.get(pk=story.pk), user=editor, action="publish"
        ),
    )

    assert sum(error is None for error in errors) == 1
    assert all(isinstance(error, ValidationError) for error in errors if error is not None)
    assert story.events.filter(action="publish").count() == 1
    assert [message.to for message in mail.outbox] == [[reporter.email]]
