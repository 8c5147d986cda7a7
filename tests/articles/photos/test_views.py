"""The "Chèn ảnh" library endpoints: who may use them, search and pages, multi-file upload, thumbnails."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from articles.models import Photo
from articles.photos.renditions import ensure_renditions, thumbnail_rendition
from tests.factories import PhotoFactory, image_bytes

pytestmark = pytest.mark.django_db

LIBRARY = "/quan-tri/articles/photo/thu-vien/"
UPLOAD = "/quan-tri/articles/photo/thu-vien/tai-len/"


def _thumbnail_url(photo):
    return f"/quan-tri/articles/photo/{photo.pk}/anh-nho/"


def _photo(**kwargs):
    photo = PhotoFactory(**kwargs)
    ensure_renditions(photo)  # made on commit, which a test's transaction never reaches
    return photo


def _file(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


# --- Who may use them ---------------------------------------------------------------------------------------


def test_library_sends_an_anonymous_visitor_to_the_login(client):
    photo = _photo()
    for url in (LIBRARY, _thumbnail_url(photo)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/quan-tri/login/")
    response = client.post(UPLOAD, {"images": _file("a.jpg", image_bytes())})
    assert response.status_code == 302
    assert Photo.objects.count() == 1


def test_library_refuses_a_moderator(client, moderator):
    photo = _photo()
    client.force_login(moderator)
    assert client.get(LIBRARY).status_code == 403
    assert client.get(_thumbnail_url(photo)).status_code == 403
    assert client.post(UPLOAD, {"images": _file("a.jpg", image_bytes())}).status_code == 403
    assert Photo.objects.count() == 1


def test_reporter_browses_and_uploads(client, reporter):
    client.force_login(reporter)
    assert client.get(LIBRARY).status_code == 200
    assert client.post(UPLOAD, {"images": _file("a.jpg", image_bytes())}).status_code == 200
    assert Photo.objects.get().uploaded_by == reporter


def test_upload_without_the_csrf_token_is_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(UPLOAD, {"images": _file("a.jpg", image_bytes())})
    assert response.status_code == 403
    assert not Photo.objects.exists()


def test_upload_with_the_dialogs_csrf_token_is_accepted(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = client.get(LIBRARY).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    response = client.post(UPLOAD, {"images": _file("a.jpg", image_bytes()), "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert Photo.objects.count() == 1


def test_library_answers_only_its_methods(signed_in):
    assert signed_in.post(LIBRARY).status_code == 405
    assert signed_in.get(UPLOAD).status_code == 405


# --- Browsing -----------------------------------------------------------------------------------------------


def test_library_shows_thumbnails_never_originals(signed_in):
    photo = _photo(
        image=ContentFile(image_bytes(size=(1600, 1200)), name="lon.jpg"), caption="Ruộng bậc thang"
    )
    page = signed_in.get(LIBRARY).content.decode()
    thumb = thumbnail_rendition(photo)
    assert thumb.width == 320 and thumb.format == "webp"
    assert thumb.file.url in page
    assert photo.image.url not in page
    assert "Ruộng bậc thang" in page


def test_library_searches_caption_and_credit(signed_in):
    _photo(caption="Chợ phiên Tam Đường", credit="Thu Hà")
    _photo(caption="Ruộng bậc thang", credit="Minh Anh")
    assert "Ruộng bậc thang" not in signed_in.get(LIBRARY, {"q": "chợ phiên"}).content.decode()
    by_credit = signed_in.get(LIBRARY, {"q": "Minh Anh"}).content.decode()
    assert "Ruộng bậc thang" in by_credit and "Chợ phiên" not in by_credit
    nothing = signed_in.get(LIBRARY, {"q": "không có đâu"}).content.decode()
    assert "Không có ảnh nào khớp." in nothing


def test_library_searches_by_upload_day_in_vietnam_time(signed_in):
    late, early = _photo(caption="Đêm giao thừa"), _photo(caption="Sáng mùng một")
    vietnam = ZoneInfo("Asia/Ho_Chi_Minh")
    # 23:30 on the 31st in Vietnam is 16:30 UTC the same day; 00:30 on the 1st is 17:30 UTC on the 31st.
    Photo.objects.filter(pk=late.pk).update(uploaded_at=datetime(2025, 12, 31, 23, 30, tzinfo=vietnam))
    Photo.objects.filter(pk=early.pk).update(uploaded_at=datetime(2026, 1, 1, 0, 30, tzinfo=vietnam))
    page = signed_in.get(LIBRARY, {"ngay": "2026-01-01"}).content.decode()
    assert "Sáng mùng một" in page and "Đêm giao thừa" not in page


def test_library_with_a_bad_date_says_so_and_shows_everything(signed_in):
    _photo(caption="Ruộng bậc thang")
    page = signed_in.get(LIBRARY, {"ngay": "31/02/2026"}).content.decode()
    assert "Nhập một ngày hợp lệ." in page
    assert "Ruộng bậc thang" in page


def test_library_is_paginated(signed_in):
    for number in range(25):
        _photo(caption=f"Ảnh số {number:02d}")
    first = signed_in.get(LIBRARY).content.decode()
    assert "Trang 1/2" in first and "Ảnh số 24" in first and "Ảnh số 00" not in first
    second = signed_in.get(LIBRARY, {"trang": 2}).content.decode()
    assert "Ảnh số 00" in second and "Ảnh số 24" not in second


@pytest.mark.parametrize("count", [1, 20])
def test_library_query_count_is_fixed(signed_in, django_assert_max_num_queries, count):
    for _ in range(count):
        _photo()
    # Session, user, two-step check, rights (user's and group's): 5; then the count, the page, its renditions.
    with django_assert_max_num_queries(8):
        response = signed_in.get(LIBRARY)
    assert response.content.decode().count('data-photo-library="choose"') == count


# --- Uploading ----------------------------------------------------------------------------------------------


def test_upload_keeps_the_good_files_and_says_why_the_others_were_refused(signed_in, settings, monkeypatch):
    settings.PHOTO_MAX_BYTES = 4000
    # Pillow's own bomb limit, lowered so that a small file plays the decompression bomb.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    noisy = Image.effect_noise((200, 150), 80).convert("RGB")
    big = io.BytesIO()
    noisy.save(big, "JPEG", quality=95)
    files = [
        _file("tot.jpg", image_bytes(size=(30, 20))),
        _file("thu.txt", "Không phải ảnh".encode(), "text/plain"),
        _file("lon.jpg", big.getvalue()),
        _file("bom.png", image_bytes(size=(100, 100), image_format="PNG"), "image/png"),
        _file("rong.jpg", b""),
    ]
    response = signed_in.post(UPLOAD, {"images": files})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã tải lên 1 ảnh." in page
    assert "thu.txt</strong>: Tệp không phải là ảnh hợp lệ. Hãy chọn ảnh JPEG, PNG hoặc WebP." in page
    assert "lon.jpg</strong>: Ảnh quá lớn" in page
    assert "bom.png</strong>: Ảnh có quá nhiều điểm ảnh" in page
    assert "rong.jpg</strong>: Tệp tải lên trống." in page
    stored = Photo.objects.get()
    assert (stored.width, stored.height) == (30, 20)
    assert f'data-photo-id="{stored.pk}"' in page and 'class="is-new"' in page


def test_upload_of_several_images_stores_each_with_its_renditions(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    files = [_file(f"anh-{n}.jpg", image_bytes(size=(700, 500))) for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UPLOAD, {"images": files})
    assert response.status_code == 200
    assert "Đã tải lên 3 ảnh." in response.content.decode()
    for photo in Photo.objects.all():
        assert photo.uploaded_by == editor
        assert {(r.width, r.format) for r in photo.renditions.all()} >= {(320, "webp"), (640, "jpeg")}


def test_upload_where_every_file_is_refused_is_a_bad_request(signed_in):
    response = signed_in.post(UPLOAD, {"images": [_file("a.jpg", b"GIF89a not really")]})
    assert response.status_code == 400
    assert "Tệp không phải là ảnh hợp lệ" in response.content.decode()
    assert not Photo.objects.exists()


def test_upload_of_nothing_asks_for_a_file(signed_in):
    response = signed_in.post(UPLOAD, {})
    assert response.status_code == 400
    assert "Hãy chọn ít nhất một ảnh để tải lên." in response.content.decode()


def test_upload_of_a_gif_is_refused_by_format(signed_in):
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    response = signed_in.post(UPLOAD, {"images": [_file("a.gif", gif.getvalue(), "image/gif")]})
    assert response.status_code == 400
    assert "Định dạng GIF không được chấp nhận" in response.content.decode()


# --- Thumbnails ---------------------------------------------------------------------------------------------


def test_thumbnail_redirects_to_the_smallest_rendition(signed_in):
    photo = _photo(image=ContentFile(image_bytes(size=(1600, 1200)), name="lon.jpg"))
    response = signed_in.get(_thumbnail_url(photo))
    assert response.status_code == 302
    assert response["Location"] == thumbnail_rendition(photo).file.url


def test_thumbnail_of_a_photo_without_renditions_or_gone_is_not_found(signed_in):
    photo = PhotoFactory()  # its renditions would be made on commit
    assert signed_in.get(_thumbnail_url(photo)).status_code == 404
    assert signed_in.get("/quan-tri/articles/photo/999999/anh-nho/").status_code == 404
