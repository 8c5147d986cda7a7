"""The photo list in the admin: a grid of rendition thumbnails, searchable, filtered by date, fixed queries."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from articles.models import ArticlePhoto, Photo
from articles.photos.renditions import ensure_renditions, thumbnail_rendition
from tests.factories import ArticleFactory, PhotoFactory, image_bytes

pytestmark = pytest.mark.django_db

LIST = "/quan-tri/articles/photo/"


def _photo(**kwargs):
    photo = PhotoFactory(image=ContentFile(image_bytes(size=(800, 600)), name="anh.jpg"), **kwargs)
    ensure_renditions(photo)  # made on commit, which a test's transaction never reaches
    return photo


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def test_photo_list_shows_rendition_thumbnails_not_originals(signed_in):
    photo = _photo(caption="Ruộng bậc thang")
    page = signed_in.get(LIST).content.decode()
    assert thumbnail_rendition(photo).file.url in page
    assert photo.image.url not in page
    assert "800 × 600" in page


def test_photo_list_searches_caption_and_credit(signed_in):
    _photo(caption="Chợ phiên Tam Đường", credit="Thu Hà")
    _photo(caption="Ruộng bậc thang", credit="Minh Anh")
    by_caption = signed_in.get(LIST, {"q": "Chợ phiên"}).content.decode()
    assert "Chợ phiên Tam Đường" in by_caption and "Ruộng bậc thang" not in by_caption
    by_credit = signed_in.get(LIST, {"q": "Minh Anh"}).content.decode()
    assert "Ruộng bậc thang" in by_credit and "Chợ phiên Tam Đường" not in by_credit


def test_photo_list_filters_and_drills_down_by_upload_date(signed_in):
    old, new = _photo(caption="Ảnh năm ngoái"), _photo(caption="Ảnh năm nay")
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    Photo.objects.filter(pk=old.pk).update(uploaded_at=datetime(2024, 5, 1, 9, tzinfo=vietnam))
    Photo.objects.filter(pk=new.pk).update(uploaded_at=datetime(2025, 6, 2, 9, tzinfo=vietnam))
    page = signed_in.get(LIST).content.decode()
    assert "?uploaded_at__year=2024" in page and "?uploaded_at__year=2025" in page  # the date hierarchy
    assert "uploaded_at__gte" in page  # the date filter's choices
    drilled = signed_in.get(LIST, {"uploaded_at__year": "2024"}).content.decode()
    assert "Ảnh năm ngoái" in drilled and "Ảnh năm nay" not in drilled
    filtered = signed_in.get(
        LIST,
        {"uploaded_at__gte": "2025-01-01 00:00:00+07:00", "uploaded_at__lt": "2026-01-01 00:00:00+07:00"},
    ).content.decode()
    assert "Ảnh năm nay" in filtered and "Ảnh năm ngoái" not in filtered


@pytest.mark.parametrize("count", [1, 20])
def test_photo_list_query_count_is_fixed(signed_in, django_assert_max_num_queries, count):
    for _ in range(count):
        _photo()
    # Session, user, two-step check and rights; the counts, the page with uploaders, renditions, dates.
    with django_assert_max_num_queries(11):
        response = signed_in.get(LIST)
    assert response.content.decode().count('class="photo-thumbnail"') == count


def test_story_photo_inline_shows_each_photos_thumbnail(signed_in):
    article = ArticleFactory()
    photos = [_photo() for _ in range(2)]
    for position, photo in enumerate(photos, start=1):
        ArticlePhoto.objects.create(article=article, photo=photo, position=position)
    page = signed_in.get(f"/quan-tri/articles/article/{article.pk}/change/").content.decode()
    for photo in photos:
        assert thumbnail_rendition(photo).file.url in page
    assert photos[0].image.url not in page.replace(f'value="{photos[0].pk}"', "")
