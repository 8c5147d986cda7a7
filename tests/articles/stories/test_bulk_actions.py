"""Bulk actions on the story list: through the workflow service, reported per story, only for those allowed."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from articles.models import Article
from articles.stories import services
from articles.stories.history import ArticleEvent
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
S = Article.Status
LIST = "/quan-tri/articles/article/"


def _story(owner, status, title):
    published_at = {S.PUBLISHED: timezone.now() - timedelta(hours=1)}.get(status)
    return ArticleFactory(status=status, published_at=published_at, created_by=owner, title=title)


def _post(client, action, stories, **fields):
    data = {"action": action, "_selected_action": [story.pk for story in stories], "index": "0", **fields}
    response = client.post(LIST, data, follow=True)
    assert response.status_code == 200
    return response, [str(message) for message in get_messages(response.wsgi_request)] or [
        str(message) for message in response.context["messages"]
    ]


def _status(story):
    return Article.objects.get(pk=story.pk).status


def _action_names(response):
    return [value for value, _label in response.context["action_form"].fields["action"].choices if value]


def test_bulk_publish_publishes_submitted_and_refuses_the_rest_per_story(client, editor, reporter):
    first = _story(reporter, S.SUBMITTED, "Mùa lúa chín ở Tam Đường")
    second = _story(reporter, S.SUBMITTED, "Chợ phiên Sìn Hồ")
    draft = _story(reporter, S.DRAFT, "Bản nháp chưa gửi")
    gone = _story(reporter, S.TAKEN_DOWN, "Bài đã gỡ")
    client.force_login(editor)

    response, notes = _post(client, "publish_selected", [first, second, draft, gone])

    assert _status(first) == _status(second) == S.PUBLISHED
    assert _status(draft) == S.DRAFT and _status(gone) == S.TAKEN_DOWN
    assert "Đã xuất bản 2 bài: “Mùa lúa chín ở Tam Đường”, “Chợ phiên Sìn Hồ”." in notes
    refused = [note for note in notes if note.startswith("Không thực hiện")]
    assert len(refused) == 2
    assert any(
        "“Bản nháp chưa gửi”" in note and "“Chờ duyệt”" in note and "“Nháp”" in note for note in refused
    )
    assert any("“Bài đã gỡ”" in note for note in refused)
    events = ArticleEvent.objects.filter(action="publish", actor=editor)
    assert sorted(events.values_list("article_id", flat=True)) == sorted([first.pk, second.pk])


def test_bulk_schedule_needs_a_future_time(client, editor, reporter):
    story = _story(reporter, S.SUBMITTED, "Lễ hội Then Kin Pang")
    client.force_login(editor)

    _response, notes = _post(client, "schedule_selected", [story])
    assert _status(story) == S.SUBMITTED
    assert any("“Lễ hội Then Kin Pang”" in note and "ở tương lai" in note for note in notes)

    later = timezone.localtime() + timedelta(days=1)
    _response, notes = _post(
        client,
        "schedule_selected",
        [story],
        publish_at_0=later.strftime("%d/%m/%Y"),
        publish_at_1=later.strftime("%H:%M:%S"),
    )
    stored = Article.objects.get(pk=story.pk)
    assert stored.status == S.SCHEDULED
    assert abs(stored.published_at - later.replace(microsecond=0)) < timedelta(seconds=1)
    assert any(note.startswith("Đã hẹn giờ xuất bản 1 bài") for note in notes)


def test_bulk_feature_and_unfeature_go_through_the_service(client, editor, reporter):
    story = _story(reporter, S.PUBLISHED, "Đường về bản Khun Há")
    gone = _story(reporter, S.TAKEN_DOWN, "Bài đã gỡ")
    version = story.version
    client.force_login(editor)

    _response, notes = _post(client, "feature_selected", [story, gone])
    stored = Article.objects.get(pk=story.pk)
    assert stored.featured and stored.version == version + 1
    assert not Article.objects.get(pk=gone.pk).featured
    assert any("“Bài đã gỡ”" in note and "không thể" in note for note in notes)
    assert ArticleEvent.objects.filter(article=story, action="feature").count() == 1

    # Featuring again changes nothing and records nothing.
    _response, notes = _post(client, "feature_selected", [story])
    assert "Không có bài nào cần thay đổi." in notes
    assert ArticleEvent.objects.filter(article=story, action="feature").count() == 1

    _post(client, "unfeature_selected", [story])
    assert not Article.objects.get(pk=story.pk).featured


def test_bulk_take_down_needs_a_note_and_the_right(client, editor, managing_editor, reporter):
    story = _story(reporter, S.PUBLISHED, "Bài sai sự thật")
    client.force_login(managing_editor)

    _response, notes = _post(client, "take_down_selected", [story])
    assert _status(story) == S.PUBLISHED
    assert any("Vui lòng ghi lý do" in note for note in notes)

    _post(client, "take_down_selected", [story], note="Sai số liệu, đang xác minh")
    assert _status(story) == S.TAKEN_DOWN
    assert ArticleEvent.objects.get(article=story, action="take_down").note == "Sai số liệu, đang xác minh"

    # An editor may publish but not take down: the action is not offered, and a forged one changes nothing.
    other = _story(reporter, S.PUBLISHED, "Bài khác")
    client.force_login(editor)
    response = client.get(LIST)
    assert "publish_selected" in _action_names(response) and "take_down_selected" not in _action_names(
        response
    )
    _post(client, "take_down_selected", [other], note="Gỡ thử")
    assert _status(other) == S.PUBLISHED


def test_bulk_actions_are_hidden_from_a_reporter_and_a_forged_post_is_refused(client, reporter):
    story = _story(reporter, S.SUBMITTED, "Bài của phóng viên")
    published = _story(reporter, S.PUBLISHED, "Bài đã đăng")
    client.force_login(reporter)

    page = client.get(LIST)
    assert page.status_code == 200
    assert 'name="action"' not in page.text and "Xuất bản ngay các bài" not in page.text

    for action in ("publish_selected", "schedule_selected", "feature_selected", "take_down_selected"):
        _post(client, action, [story, published], note="giả mạo")
    assert _status(story) == S.SUBMITTED and _status(published) == S.PUBLISHED
    assert not Article.objects.get(pk=published.pk).featured
    assert not ArticleEvent.objects.exists()


def test_apply_in_bulk_refuses_each_story_to_a_reporter(reporter):
    stories = [_story(reporter, S.SUBMITTED, f"Bài {n}") for n in range(3)]

    done, refused = services.apply_in_bulk(articles=stories, user=reporter, action="publish")

    assert done == [] and [story for story, _reason in refused] == stories
    assert all("không có quyền" in reason for _story_, reason in refused)
    done, refused = services.apply_in_bulk(articles=stories, user=reporter, action="feature")
    assert done == [] and all("không có quyền" in reason for _story_, reason in refused)
    assert set(Article.objects.values_list("status", flat=True)) == {S.SUBMITTED}


def test_apply_in_bulk_refuses_an_unknown_action(editor, reporter):
    with pytest.raises(services.ValidationError):
        services.apply_in_bulk(articles=[_story(reporter, S.SUBMITTED, "Bài")], user=editor, action="delete")


def test_story_list_query_count_does_not_grow_with_rows(
    client, editor, reporter, django_assert_max_num_queries
):
    client.force_login(editor)
    _story(reporter, S.SUBMITTED, "Bài đầu")
    with django_assert_max_num_queries(40) as captured:
        client.get(LIST)
    baseline = len(captured)
    for n in range(20):
        _story(reporter, S.SUBMITTED, f"Bài số {n}")
    with django_assert_max_num_queries(baseline):
        client.get(LIST)
