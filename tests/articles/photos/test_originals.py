"""Stored originals are what Pillow wrote: no appended payload, upright, no GPS, copyright and caption kept."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from articles.models import Photo
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db

PAYLOAD = b"<html><script>alert(document.cookie)</script></html>"


def _jpeg_with_exif(size=(60, 40), **tags):
    # EXIF text is ASCII: cameras write "(c) Bao Lai Chau", not Vietnamese.
    exif = Image.Exif()
    gps = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (22.0, 23.0, 55.0)}
    exif[ExifTags.Base.Make] = "Máy ảnh"
    exif[ExifTags.Base.BodySerialNumber] = "SN-123456"
    for name, value in tags.items():
        exif[getattr(ExifTags.Base, name)] = value
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(gps)
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def _upload(client, name, data, content_type="image/jpeg"):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    response = client.post("/quan-tri/articles/photo/add/", {"image": upload, "caption": "Ảnh thử"})
    assert response.status_code == 302, response.content[:500]
    return Photo.objects.get()


@pytest.fixture
def signed_in(client, editor):
    client.force_login(editor)
    return client


def test_a_polyglot_upload_is_stored_without_its_payload(signed_in):
    polyglot = image_bytes(image_format="PNG") + PAYLOAD
    photo = _upload(signed_in, "anh.png", polyglot, "image/png")
    stored = photo.image.read()
    assert PAYLOAD not in stored and b"<script" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "PNG" and image.size == (64, 48)


def test_gps_and_camera_details_are_removed_and_copyright_kept(signed_in):
    data = _jpeg_with_exif(Copyright="(c) Bao Lai Chau", Artist="Quang Huy", ImageDescription="Cau Nam Na")
    photo = _upload(signed_in, "cau.jpg", data)
    with Image.open(photo.image.path) as image:
        exif = image.getexif()
        assert exif.get(ExifTags.Base.Copyright) == "(c) Bao Lai Chau"
        assert exif.get(ExifTags.Base.Artist) == "Quang Huy"
        assert exif.get(ExifTags.Base.ImageDescription) == "Cau Nam Na"
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in exif and ExifTags.Base.BodySerialNumber not in exif


def test_a_photo_taken_sideways_is_stored_upright(signed_in):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # turned 90° clockwise: the upright photo is 40 wide, 60 high
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), (20, 20, 220)).save(buffer, "JPEG", exif=exif.tobytes())
    photo = _upload(signed_in, "doc.jpg", buffer.getvalue())
    assert (photo.width, photo.height) == (40, 60)
    with Image.open(photo.image.path) as image:
        assert image.size == (40, 60) and ExifTags.Base.Orientation not in image.getexif()


def test_webp_stays_webp_and_its_transparency_stays(signed_in):
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 30), (0, 0, 0, 0)).save(buffer, "WEBP")
    photo = _upload(signed_in, "trong-suot.webp", buffer.getvalue(), "image/webp")
    with Image.open(photo.image.path) as image:
        assert image.format == "WEBP" and image.mode == "RGBA" and image.getpixel((5, 5))[3] == 0


def test_media_are_served_with_their_content_type_and_nosniff(signed_in, client):
    photo = _upload(signed_in, "anh.png", image_bytes(image_format="PNG") + PAYLOAD, "image/png")
    response = client.get(photo.image.url)
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
