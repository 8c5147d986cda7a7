"""The article page's own parts (head, story, related) kept for anonymous readers' uncached pages."""

import pytest
from django.test import Client

from articles.models import Article
from articles.site.page_cache import purge_story
from tests.factories import ArticleFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def _get(client, path, n):
    """A URL no page copy has: the page is rendered, its parts may come from the parts cache."""
    return client.get(path, {"lan": n})


def test_parts_are_reused_until_a_purge_and_the_row_is_still_read():
    story = ArticleFactory(title="Đón Tết ở Mường Tè", body="<p>Bản làng rộn ràng.</p>")
    reader = Client()
    first = _get(reader, story.get_absolute_url(), 1)
    assert first.status_code == 200 and "Bản làng rộn ràng." in first.content.decode()

    # A change that skips the services (no purge) shows that the parts were reused.
    Article.objects.filter(pk=story.pk).update(body="<p>Nội dung không qua dịch vụ.</p>")
    second = _get(reader, story.get_absolute_url(), 2).content.decode()
    assert "Bản làng rộn ràng." in second and "không qua dịch vụ" not in second
    assert 'id="binh-luan"' in second  # the comments block is rendered on every page

    purge_story(story.pk)  # what every edit through the services does
    third = _get(reader, story.get_absolute_url(), 3).content.decode()
    assert "Nội dung không qua dịch vụ." in third and "Bản làng rộn ràng." not in third


def test_a_page_from_its_parts_makes_at_most_four_queries(django_assert_max_num_queries):
    story = ArticleFactory(title="Chè Shan tuyết Sìn Hồ")
    reader = Client()
    _get(reader, story.get_absolute_url(), 1)
    # The story's row, the comment counts and page, the section menu.
    with django_assert_max_num_queries(4):
        assert _get(reader, story.get_absolute_url(), 2).status_code == 200


def test_a_story_taken_down_or_moved_after_its_parts_were_kept():
    section = SectionFactory(slug="xa-hoi")
    story = ArticleFactory(section=section, title="Cầu Pa Tần")
    reader = Client()
    url = story.get_absolute_url()
    assert _get(reader, url, 1).status_code == 200
    moved = SectionFactory(slug="kinh-te")
    Article.objects.filter(pk=story.pk).update(section=moved)
    response = _get(reader, url, 2)
    assert response.status_code == 301 and "/kinh-te/" in response["Location"]
    Article.objects.filter(pk=story.pk).update(status=Article.Status.TAKEN_DOWN)
    assert _get(reader, story.get_absolute_url().replace("/xa-hoi/", "/kinh-te/"), 3).status_code == 410


def test_staff_never_get_or_fill_kept_parts(editor):
    story = ArticleFactory(title="Hoa ban nở", body="<p>Trắng núi rừng.</p>")
    staff = Client()
    staff.force_login(editor)
    assert "Trắng núi rừng." in _get(staff, story.get_absolute_url(), 1).content.decode()
    Article.objects.filter(pk=story.pk).update(body="<p>Sửa trực tiếp.</p>")
    assert "Sửa trực tiếp." in _get(staff, story.get_absolute_url(), 2).content.decode()
    # Nor did the staff's page fill anything a reader gets.
    assert "Sửa trực tiếp." in _get(Client(), story.get_absolute_url(), 3).content.decode()


def test_an_approved_comment_shows_on_a_page_made_from_kept_parts(
    moderator, django_capture_on_commit_callbacks
):
    from comments.models import Comment
    from comments.services import moderate_comment
    from tests.factories import CommentFactory

    story = ArticleFactory(title="Lễ hội Then Kin Pang")
    reader = Client()
    _get(reader, story.get_absolute_url(), 1)
    comment = CommentFactory(article=story, body="Lễ hội rất đẹp, cảm ơn báo.", status=Comment.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        moderate_comment(comment=comment, moderator=moderator, to_status=Comment.Status.APPROVED)
    assert "Lễ hội rất đẹp, cảm ơn báo." in _get(reader, story.get_absolute_url(), 2).content.decode()
