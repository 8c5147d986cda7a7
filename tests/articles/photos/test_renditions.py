"""Photo renditions: widths and formats made once with Pillow, <picture> markup, and pages that load them."""

import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from PIL import ExifTags, Image

from articles.models import Article, ArticlePhoto
from articles.photos.renditions import (
    SHARE_WIDTH,
    Rendition,
    ensure_renditions,
    planned_renditions,
    renditions_for,
    share_rendition,
)
from articles.photos.services import save_photo
from tests.factories import ArticleFactory, PhotoFactory, SectionFactory

pytestmark = pytest.mark.django_db

RED, BLUE = (220, 20, 20), (20, 20, 220)


def photo_bytes(size, *, image_format="JPEG", mode="RGB", color=RED, orientation=None):
    image = Image.new(mode, size, color)
    options = {}
    if orientation is not None:
        exif = Image.Exif()
        exif[ExifTags.Base.Orientation] = orientation
        options["exif"] = exif.tobytes()
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def make_photo(size=(1600, 900), **options):
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[options.get("image_format", "JPEG")]
    return PhotoFactory(image=ContentFile(photo_bytes(size, **options), name=f"anh.{extension}"))


def widths(photo, fmt):
    return sorted(photo.renditions.filter(format=fmt).values_list("width", flat=True))


def opened(rendition):
    with rendition.file.open("rb") as handle, Image.open(handle) as image:
        image.load()
        return image


def render_picture(photo, **arguments):
    template = Template(
        '{% load pictures %}{% picture photo sizes="100vw" loading=loading alt=alt css_class=css_class %}'
    )
    values = {"photo": photo, "loading": "lazy", "alt": None, "css_class": "", **arguments}
    return template.render(Context(values))


# --- Making renditions ---------------------------------------------------------------------------------------


def test_renditions_widths_capped_at_original_width():
    narrow, wide = make_photo((1000, 500)), make_photo((2400, 1200))
    ensure_renditions(narrow)
    ensure_renditions(wide)
    assert widths(narrow, "webp") == [320, 640, 960, 1000]
    assert widths(narrow, "jpeg") == [320, 640, 960, 1000, SHARE_WIDTH]  # the share copy, enlarged
    assert widths(wide, "webp") == widths(wide, "jpeg") == [320, 640, 960, 1280]


def test_renditions_of_tiny_photo_keep_its_width():
    photo = make_photo((200, 100))
    ensure_renditions(photo)
    assert widths(photo, "webp") == [200]
    assert widths(photo, "jpeg") == [200, SHARE_WIDTH]


def test_renditions_are_valid_webp_and_jpeg_of_their_recorded_size():
    photo = make_photo((1300, 800), image_format="PNG")
    renditions = ensure_renditions(photo)
    assert {rendition.format for rendition in renditions} == {"webp", "jpeg"}
    for rendition in renditions:
        image = opened(rendition)
        assert image.format == {"webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
        assert image.size == (rendition.width, rendition.height)
        assert rendition.file.name.startswith("renditions/")


def test_renditions_keep_the_aspect_ratio():
    photo = make_photo((1500, 1000))
    for rendition in ensure_renditions(photo):
        assert rendition.height == round(rendition.width * 1000 / 1500)


def test_rendition_of_exif_rotated_photo_is_upright():
    # Stored 800x400 with the left half red; orientation 6 means "turn 90° clockwise to view":
    # upright it is 400x800 with the red half on top.
    image = Image.new("RGB", (800, 400), BLUE)
    image.paste(RED, (0, 0, 400, 400))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    photo = PhotoFactory(image=ContentFile(buffer.getvalue(), name="xoay.jpg"))

    renditions = ensure_renditions(photo)

    assert max(rendition.width for rendition in renditions if rendition.format == "webp") == 400
    for rendition in renditions:
        upright = opened(rendition).convert("RGB")
        assert rendition.height == 2 * rendition.width
        top, bottom = (
            upright.getpixel((upright.width // 2, 5)),
            upright.getpixel((upright.width // 2, upright.height - 5)),
        )
        assert top[0] > 150 > top[2], rendition
        assert bottom[2] > 150 > bottom[0], rendition


def test_transparent_photo_lies_on_white_in_jpeg_and_keeps_alpha_in_webp():
    photo = make_photo((400, 300), image_format="PNG", mode="RGBA", color=(0, 0, 0, 0))
    renditions = ensure_renditions(photo)
    jpeg = next(rendition for rendition in renditions if rendition.format == "jpeg")
    webp = next(rendition for rendition in renditions if rendition.format == "webp")
    assert opened(jpeg).getpixel((10, 10)) == (255, 255, 255)
    assert opened(webp).mode == "RGBA"


def test_share_rendition_is_at_least_1200_wide_even_for_small_original():
    photo = make_photo((300, 200))
    ensure_renditions(photo)
    share_url = share_rendition(photo).file.url
    rendition = Rendition.objects.get(photo=photo, width=SHARE_WIDTH, format="jpeg")
    assert share_url == rendition.file.url
    assert opened(rendition).size == (1200, 800)
    assert f"{rendition.file.url} 1200w" not in render_picture(photo)  # enlarged copies are not offered


def test_share_rendition_of_large_original_is_its_widest_jpeg():
    photo = make_photo((3000, 2000))
    ensure_renditions(photo)
    assert share_rendition(photo) == Rendition.objects.get(photo=photo, width=1280, format="jpeg")


def test_share_rendition_is_none_until_made_and_reading_makes_nothing():
    photo = make_photo((300, 200))  # saved in the test's transaction: the on-commit making never ran
    assert share_rendition(photo) is None
    assert not Rendition.objects.filter(photo=photo).exists()


def test_renditions_made_once():
    photo = make_photo((1000, 700))
    first = ensure_renditions(photo)
    stamps = {rendition.pk: Path(rendition.file.path).stat().st_mtime_ns for rendition in first}

    second = ensure_renditions(photo)
    render_picture(photo)
    share_rendition(photo)  # reading it must not make anything either

    assert [rendition.pk for rendition in second] == [rendition.pk for rendition in first]
    assert Rendition.objects.filter(photo=photo).count() == len(planned_renditions(1000))
    assert {rendition.pk: Path(rendition.file.path).stat().st_mtime_ns for rendition in second} == stamps
    assert len(list(Path(first[0].file.path).parent.iterdir())) == len(first)


class RacingStorage(FileSystemStorage):
    """Storage during whose first rendition write "another process" stores the same renditions."""

    racing_photo = None

    def _save(self, name, content):
        photo, RacingStorage.racing_photo = RacingStorage.racing_photo, None
        if photo is not None and name.startswith("renditions/"):
            Rendition.objects.bulk_create(
                Rendition(
                    photo=photo,
                    width=width,
                    height=1,
                    format=fmt,
                    source=photo.image.name,
                    file=f"renditions/khac-{width}.{fmt}",
                )
                for width, fmt in planned_renditions(photo.width)
            )
        return super()._save(name, content)


def test_rendition_race_keeps_the_rows_made_first_and_drops_its_own_files(settings):
    photo = make_photo((700, 500))
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.articles.photos.test_renditions.RacingStorage"},
    }
    RacingStorage.racing_photo = photo

    renditions = ensure_renditions(photo)

    assert {rendition.file.name for rendition in renditions} == {
        f"renditions/khac-{width}.{fmt}" for width, fmt in planned_renditions(700)
    }
    assert Rendition.objects.filter(photo=photo).count() == len(planned_renditions(700))
    assert not list((Path(settings.MEDIA_ROOT) / "renditions").rglob("*.*"))


def test_replacing_the_image_replaces_its_renditions(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = make_photo((1000, 500))
    old = list(photo.renditions.all())

    with django_capture_on_commit_callbacks(execute=True):
        photo.image = ContentFile(photo_bytes((800, 800), color=BLUE), name="anh-moi.jpg")
        save_photo(photo=photo)

    new = list(Rendition.objects.filter(photo=photo))
    assert not Rendition.objects.filter(pk__in=[rendition.pk for rendition in old]).exists()
    assert {rendition.source for rendition in new} == {photo.image.name}
    assert max(rendition.width for rendition in new if rendition.format == "webp") == 800
    assert not any(Path(rendition.file.path).exists() for rendition in old)


# --- When they are made -------------------------------------------------------------------------------------


def test_photo_save_makes_renditions_once_it_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        photo = make_photo((900, 600))
    assert not photo.renditions.exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    assert widths(photo, "webp") == [320, 640, 900]


def test_photo_save_in_rolled_back_transaction_makes_no_renditions(
    settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            make_photo((900, 600))
            raise RuntimeError("the editor's save fails after the photo row is written")
    assert callbacks == []
    assert not Rendition.objects.exists()
    assert not (Path(settings.MEDIA_ROOT) / "renditions").exists()


def test_photo_save_of_other_fields_does_not_schedule_renditions(django_capture_on_commit_callbacks):
    photo = make_photo((900, 600))
    with django_capture_on_commit_callbacks() as callbacks:
        photo.caption = "Chú thích mới"
        photo.save(update_fields=["caption"])
    assert callbacks == []


def test_make_renditions_command_makes_the_missing_ones_and_says_how_many(capsys):
    photos = [make_photo((700, 400)), make_photo((100, 100))]
    call_command("make_renditions")
    made = sum(len(planned_renditions(photo.width)) for photo in photos)
    assert f"2 ảnh: đã tạo {made} bản ảnh mới, 0 ảnh lỗi." in capsys.readouterr().out
    call_command("make_renditions")
    assert "2 ảnh: đã tạo 0 bản ảnh mới, 0 ảnh lỗi." in capsys.readouterr().out


# --- Markup -------------------------------------------------------------------------------------------------


def test_picture_markup_has_webp_source_jpeg_fallback_and_size():
    photo = make_photo((1600, 900))
    ensure_renditions(photo)
    html = render_picture(photo, alt='Cầu "Sông Đà" <mới>', css_class="anh")
    renditions = {(r.width, r.format): r for r in photo.renditions.all()}

    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert '<source type="image/webp" srcset="' in html
    webp_srcset = ", ".join(f"{renditions[(w, 'webp')].file.url} {w}w" for w in (320, 640, 960, 1280))
    jpeg_srcset = ", ".join(f"{renditions[(w, 'jpeg')].file.url} {w}w" for w in (320, 640, 960, 1280))
    assert f'srcset="{webp_srcset}" sizes="100vw"' in html
    assert f'<img src="{renditions[(640, "jpeg")].file.url}" srcset="{jpeg_srcset}" sizes="100vw"' in html
    assert 'width="1280" height="720"' in html
    assert 'alt="Cầu &quot;Sông Đà&quot; &lt;mới&gt;"' in html
    assert 'class="anh"' in html
    assert 'loading="lazy" decoding="async"' in html
    assert "fetchpriority" not in html


def test_picture_eager_is_fetched_first():
    photo = make_photo((800, 600))
    html = render_picture(photo, loading="eager")
    assert 'loading="eager" fetchpriority="high"' in html


def test_picture_alt_defaults_to_the_photo_alt_text():
    photo = PhotoFactory(alt_text="Ruộng bậc thang", caption="Mùa lúa chín")
    assert 'alt="Ruộng bậc thang"' in render_picture(photo)
    assert 'alt=""' in render_picture(photo, alt="")


def test_picture_without_renditions_shows_the_original_and_makes_nothing():
    photo = make_photo((700, 500))  # saved in the test's transaction: the on-commit making never ran
    html = render_picture(photo)
    assert "<picture>" not in html
    assert f'<img src="{photo.image.url}"' in html and 'width="700" height="500"' in html
    assert not photo.renditions.exists()


def test_picture_of_photo_whose_renditions_are_stale_falls_back_to_the_original():
    photo = make_photo((700, 500))
    ensure_renditions(photo)
    Rendition.objects.filter(photo=photo).update(source="photos/an-older-file.jpg")
    html = render_picture(photo)
    assert "<picture>" not in html
    assert f'<img src="{photo.image.url}"' in html
    assert 'width="700" height="500"' in html


def test_picture_of_no_photo_is_empty():
    assert render_picture(None) == ""


def test_picture_rejects_unknown_loading():
    with pytest.raises(ValueError, match="loading"):
        render_picture(PhotoFactory(), loading="soon")


# --- Queries ------------------------------------------------------------------------------------------------


def test_renditions_for_loads_many_photos_in_one_query(django_assert_num_queries):
    photos = [make_photo((500, 300)) for _ in range(3)]
    for photo in photos:
        ensure_renditions(photo)
    fresh = list(type(photos[0]).objects.filter(pk__in=[photo.pk for photo in photos]))

    with django_assert_num_queries(1):
        by_photo = renditions_for(fresh)
    with django_assert_num_queries(0):
        html = [render_picture(photo) for photo in fresh]

    assert {pk: len(renditions) for pk, renditions in by_photo.items()} == {
        photo.pk: len(planned_renditions(500)) for photo in photos
    }
    assert all("<picture>" in markup for markup in html)


def _story_with_cover(**options):
    return ArticleFactory(cover_photo=make_photo((800, 450)), **options)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


def test_home_page_query_count_does_not_grow_with_photos(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _story_with_cover()
    one, _ = _queries(client, "/")

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(9):
            _story_with_cover(section=SectionFactory())
    made = Rendition.objects.count()
    ten, text = _queries(client, "/")

    assert ten <= one
    assert text.count("<picture>") == 10
    assert text.count('fetchpriority="high"') == 1  # the lead story's photo only
    assert Rendition.objects.count() == made  # nothing made while reading


def _article_with_photos(count):
    article = ArticleFactory(cover_photo=make_photo((800, 450)), body="<p>Nội dung.</p>")
    for position in range(1, count + 1):
        ArticlePhoto.objects.create(
            article=article, photo=make_photo((640, 480)), position=position, caption=f"Ảnh {position}"
        )
    return article


def test_article_page_query_count_does_not_grow_with_photos(
    client, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        small, large = _article_with_photos(1), _article_with_photos(10)
    made = Rendition.objects.count()
    one, _ = _queries(client, small.get_absolute_url())
    cache.clear()

    with django_assert_max_num_queries(one):
        response = client.get(large.get_absolute_url())

    assert response.text.count("<picture>") == 10  # the body's photos; the cover shows only without them
    assert response.text.count('loading="lazy"') == 10
    assert Rendition.objects.count() == made  # nothing made while reading


def test_article_page_shows_cover_as_eager_picture_when_body_has_no_photos(client):
    article = Article.objects.get(pk=_story_with_cover().pk)
    ensure_renditions(article.cover_photo)
    text = client.get(article.get_absolute_url()).text
    assert text.count("<picture>") == 1
    assert 'loading="eager" fetchpriority="high"' in text


# --- Deleting ---------------------------------------------------------------------------------------------


def test_deleting_a_photo_removes_its_files_once_the_deletion_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = make_photo((700, 400))
    files = [Path(photo.image.path), *(Path(r.file.path) for r in photo.renditions.all())]
    assert len(files) > 1 and all(path.exists() for path in files)

    with django_capture_on_commit_callbacks() as callbacks:
        photo.delete()
        assert all(path.exists() for path in files)  # not before the commit: a rollback keeps them
    for callback in callbacks:
        callback()

    assert not any(path.exists() for path in files)


def test_a_rolled_back_photo_deletion_keeps_its_files(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = make_photo((700, 400))
    path, pk = Path(photo.image.path), photo.pk
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            photo.delete()
            raise RuntimeError("the editor's request failed after the delete")
    assert path.exists() and type(photo).objects.filter(pk=pk).exists()


@pytest.mark.parametrize(
    "name",
    [
        "renditions/2026/12/anh-1-640w.webp",
        "renditions/2026/12/Ảnh đồng lúa (1)-640w.jpg",
        "photos/a b+c%20d#e?f.jpg",
        "photos/thư mục/ảnh 1.jpg",
    ],
)
@pytest.mark.parametrize("base", ["/media/", "https://anh.baolaichau.vn/media/"])
def test_file_url_is_what_the_storage_says_without_urljoin(name, base, settings):
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile

    from articles.models import Photo
    from articles.photos.renditions import file_url

    storage = FileSystemStorage(location=settings.MEDIA_ROOT, base_url=base)
    field_file = FieldFile(Photo(), Photo._meta.get_field("image"), name)
    field_file.storage = storage
    assert file_url(field_file) == storage.url(name)


def test_file_url_leaves_a_name_with_dots_up_to_the_storage(settings):
    from django.core.files.storage import FileSystemStorage
    from django.db.models.fields.files import FieldFile

    from articles.models import Photo
    from articles.photos.renditions import file_url

    storage = FileSystemStorage(location=settings.MEDIA_ROOT, base_url="/media/")
    field_file = FieldFile(Photo(), Photo._meta.get_field("image"), "photos/../x.jpg")
    field_file.storage = storage
    assert file_url(field_file) == storage.url("photos/../x.jpg")


def test_the_photos_own_storage_takes_the_short_way_and_gives_the_same_url():
    from django.db.models.fields.files import FieldFile

    from articles.models import Photo
    from articles.photos.renditions import file_url, joins_by_concatenation

    field = Photo._meta.get_field("image")
    assert joins_by_concatenation(field.storage)  # the default storage, behind its lazy proxy
    field_file = FieldFile(Photo(), field, "renditions/2026/12/Ảnh đồng lúa-640w.webp")
    assert file_url(field_file) == field_file.url
