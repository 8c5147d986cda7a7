"""Publishing with confidence: what a story lacks is said before it goes out, and an editor may override it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article, ArticleAuthor, ArticlePhoto
from articles.stories import services
from articles.stories.history import ArticleEvent
from tests.factories import ArticleFactory, AuthorFactory, PhotoFactory

pytestmark = pytest.mark.django_db
S = Article.Status


def _complete_story(owner, **kwargs):
    story = ArticleFactory(
        draft=True, created_by=owner, cover_photo=PhotoFactory(alt_text="Cây cầu treo qua suối"), **kwargs
    )
    ArticleAuthor.objects.create(article=story, author=AuthorFactory(), position=0)
    return story


def _step(client, story, action, **extra):
    return client.post(
        f"/quan-tri/articles/article/{story.pk}/quy-trinh/",
        {"action": action, "version": story.version, **extra},
        follow=True,
    )


def _codes(story):
    return [code for code, _text in services.publish_warnings(story)]


def test_publish_warnings_of_a_complete_story_are_none(reporter):
    assert services.publish_warnings(_complete_story(reporter)) == []


def test_publish_warnings_name_each_thing_a_reader_would_miss(reporter):
    story = ArticleFactory(draft=True, created_by=reporter, title="Đ" * 101, lead="   ")
    ArticlePhoto.objects.create(article=story, photo=PhotoFactory(alt_text=""), position=1, caption="Ảnh")
    ArticlePhoto.objects.create(article=story, photo=PhotoFactory(alt_text="Có mô tả"), position=2)
    assert _codes(story) == ["no_author", "no_cover_photo", "photo_without_alt", "long_title", "empty_lead"]
    texts = dict(services.publish_warnings(story))
    assert texts["photo_without_alt"] == "Ảnh số 1 trong bài chưa có mô tả ảnh (alt)."
    assert texts["long_title"] == "Tiêu đề dài 101 ký tự, quá 100 ký tự."


def test_publish_warnings_count_a_cover_without_alt_and_accept_a_use_s_own_alt(reporter):
    story = _complete_story(reporter)
    story.cover_photo.alt_text = ""
    story.cover_photo.save()
    ArticlePhoto.objects.create(
        article=story, photo=PhotoFactory(alt_text=""), position=1, alt_text="Bản Nà Hừ"
    )
    assert _codes(story) == ["cover_without_alt"]
    story.title = "Đ" * 100
    assert _codes(story) == ["cover_without_alt"]


def test_publishing_an_incomplete_story_is_held_back_and_nothing_moves(client, editor, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    client.force_login(editor)
    response = _step(client, story, "publish")
    story.refresh_from_db()
    assert story.status == S.DRAFT and story.published_at is None
    assert not ArticleEvent.objects.exists()
    assert "Bài chưa đủ để xuất bản" in response.text
    warnings = response.context["pending_step"]["warnings"]
    assert warnings == ["Bài chưa có tác giả.", "Bài chưa có ảnh đại diện."]
    assert "Vẫn xuất bản" in response.text
    # The page shows the held-back step once; the next visit is the ordinary page (warnings hidden, known).
    again = client.get(f"/quan-tri/articles/article/{story.pk}/change/")
    assert again.context["pending_step"] is None
    assert again.context["publish_warnings"] == warnings


def test_vẫn_xuất_bản_publishes_anyway_with_one_click(client, editor, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    client.force_login(editor)
    _step(client, story, "publish")
    response = _step(client, story, "publish", override_warnings="1")
    story.refresh_from_db()
    assert story.status == S.PUBLISHED
    assert "Đã chuyển bài sang “Đã xuất bản”" in response.text
    assert ArticleEvent.objects.get().action == "publish"


def test_scheduling_an_incomplete_story_keeps_the_time_for_the_override(client, editor, reporter):
    story = ArticleFactory(draft=True, created_by=reporter, lead="")
    go_live = timezone.localtime(timezone.now() + timedelta(hours=3))
    when = {"publish_at_0": go_live.strftime("%d/%m/%Y"), "publish_at_1": go_live.strftime("%H:%M:%S")}
    client.force_login(editor)
    response = _step(client, story, "schedule", note="Chờ giờ vàng", **when)
    story.refresh_from_db()
    assert story.status == S.DRAFT
    pending = response.context["pending_step"]
    assert pending["action"] == "schedule" and pending["note"] == "Chờ giờ vàng"
    assert "Bài chưa có sapo." in pending["warnings"]
    assert f'name="publish_at_0" value="{when["publish_at_0"]}"' in response.text
    _step(client, story, "schedule", note="Chờ giờ vàng", override_warnings="1", **when)
    story.refresh_from_db()
    assert story.status == S.SCHEDULED
    assert story.published_at.replace(microsecond=0) == go_live.replace(microsecond=0)


def test_a_complete_story_publishes_without_a_warning(client, editor, reporter):
    story = _complete_story(reporter)
    client.force_login(editor)
    response = _step(client, story, "publish")
    story.refresh_from_db()
    assert story.status == S.PUBLISHED
    assert "Bài chưa đủ để xuất bản" not in response.text


def test_steps_that_publish_nothing_are_not_warned(client, reporter):
    story = ArticleFactory(draft=True, created_by=reporter, lead="")
    client.force_login(reporter)
    _step(client, story, "submit")
    story.refresh_from_db()
    assert story.status == S.SUBMITTED


def test_a_reporter_cannot_override_into_publishing(client, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    client.force_login(reporter)
    response = _step(client, story, "publish", override_warnings="1")
    assert "không có quyền" in response.text
    story.refresh_from_db()
    assert story.status == S.DRAFT


def test_the_override_does_not_skip_the_edit_conflict_rule(client, editor, reporter):
    story = ArticleFactory(draft=True, created_by=reporter)
    opened = story.version
    services.save_article(article=story, user=editor)  # someone saved in between
    client.force_login(editor)
    response = client.post(
        f"/quan-tri/articles/article/{story.pk}/quy-trinh/",
        {"action": "publish", "version": opened, "override_warnings": "1"},
        follow=True,
    )
    story.refresh_from_db()
    assert story.status == S.DRAFT
    assert response.context["messages"]


def test_the_warnings_are_escaped_on_the_page(client, editor, reporter):
    story = ArticleFactory(draft=True, created_by=reporter, title="<script>alert(1)</script>" + "x" * 100)
    client.force_login(editor)
    response = _step(client, story, "publish")
    assert "<script>alert(1)" not in response.text
    assert "Tiêu đề dài 125 ký tự" in response.text


@pytest.mark.parametrize("photos", [1, 3])
def test_publish_warnings_take_three_queries_whatever_the_number_of_photos(
    reporter, photos, django_assert_num_queries
):
    story = _complete_story(reporter)
    for position in range(1, photos + 1):
        ArticlePhoto.objects.create(article=story, photo=PhotoFactory(alt_text=""), position=position)
    story = Article.objects.get(pk=story.pk)
    with django_assert_num_queries(3):  # authors, the cover photo, the body's photos with theirs
        assert len(services.publish_warnings(story)) == photos
