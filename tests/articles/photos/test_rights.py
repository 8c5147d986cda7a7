"""The photo library under the workflow: who may change a photo, and what changing a published one records."""

import pytest
from django.core.exceptions import PermissionDenied

from articles.models import Article, ArticleEvent, ArticlePhoto, Photo
from articles.photos.services import save_photo
from tests.factories import ArticleFactory, PhotoFactory, staff_user

pytestmark = pytest.mark.django_db
S = Article.Status


def _photo_by(user, caption="Cầu Nậm Na"):
    return save_photo(photo=PhotoFactory.build(caption=caption), user=user)


def _recaption(photo, user, caption="Chú thích mới"):
    photo = Photo.objects.get(pk=photo.pk)
    photo.caption = caption
    return save_photo(photo=photo, user=user)


def test_the_uploader_changes_their_own_photo_while_no_published_story_shows_it(reporter):
    photo = _photo_by(reporter)
    ArticleFactory(cover_photo=photo, status=S.DRAFT, published_at=None, created_by=reporter)
    _recaption(photo, reporter)
    assert Photo.objects.get(pk=photo.pk).caption == "Chú thích mới"


def test_a_reporter_cannot_change_a_photo_a_published_story_shows(reporter):
    photo = _photo_by(reporter)
    ArticleFactory(cover_photo=photo)  # published
    with pytest.raises(PermissionDenied):
        _recaption(photo, reporter, "Tranh ảnh bôi nhọ")
    assert Photo.objects.get(pk=photo.pk).caption == "Cầu Nậm Na"


def test_a_reporter_cannot_change_someone_elses_photo(reporter):
    other = staff_user("phongvien2", "Phóng viên")
    photo = _photo_by(other)
    with pytest.raises(PermissionDenied):
        _recaption(photo, reporter)


@pytest.mark.parametrize("role", ["editor", "managing_editor"])
def test_editors_change_a_published_photo_and_every_story_showing_it_records_it(request, reporter, role):
    user = request.getfixturevalue(role)
    photo = _photo_by(reporter)
    covered = ArticleFactory(title="Bài có ảnh đại diện", cover_photo=photo)
    inside = ArticleFactory(title="Bài có ảnh trong nội dung")
    ArticlePhoto.objects.create(article=inside, photo=photo, position=1)
    draft = ArticleFactory(cover_photo=photo, status=S.DRAFT, published_at=None)

    _recaption(photo, user, "Cầu Nậm Na ngày khánh thành")

    events = ArticleEvent.objects.filter(action="photo_changed")
    assert sorted(events.values_list("article__title", flat=True)) == sorted([covered.title, inside.title])
    assert all(event.actor == user and "Cầu Nậm Na ngày khánh thành" in event.note for event in events)
    assert not events.filter(article=draft).exists()  # readers never saw it


def test_a_moderator_changes_no_photo(moderator, reporter):
    photo = _photo_by(reporter)
    with pytest.raises(PermissionDenied):
        _recaption(photo, moderator)


def test_the_admin_shows_a_published_photo_read_only_to_its_reporter(client, reporter):
    photo = _photo_by(reporter)
    ArticleFactory(cover_photo=photo)
    client.force_login(reporter)
    page = client.get(f"/quan-tri/articles/photo/{photo.pk}/change/")
    assert page.status_code == 200 and 'name="caption"' not in page.text  # a view, not a form
    refused = client.post(f"/quan-tri/articles/photo/{photo.pk}/change/", {"caption": "Sửa trộm"})
    assert refused.status_code == 403
    assert Photo.objects.get(pk=photo.pk).caption == "Cầu Nậm Na"


def test_a_photo_any_story_uses_cannot_be_deleted_from_the_admin(client, editor, reporter):
    photo = _photo_by(reporter)
    ArticleFactory(cover_photo=photo, status=S.DRAFT, published_at=None)
    client.force_login(editor)
    assert client.post(f"/quan-tri/articles/photo/{photo.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Photo.objects.filter(pk=photo.pk).exists()
