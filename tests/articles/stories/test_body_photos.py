"""Library photos inserted in a body (<figure data-photo-id>): drawn with {% picture %}, beside "[ảnh N]"."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticlePhoto
from articles.photos import services as photo_services
from articles.photos.renditions import SIZES, ensure_renditions
from articles.stories.models import PlacedPhoto
from newsroom.common.sanitizer import photo_figure
from tests.factories import ArticleFactory, PhotoFactory, image_bytes, rendered_body

pytestmark = pytest.mark.django_db


def _photo(**kwargs):
    photo = PhotoFactory(image=ContentFile(image_bytes(size=(1000, 750)), name="anh.jpg"), **kwargs)
    ensure_renditions(photo)  # made on commit, which a test's transaction never reaches
    return photo


class _Figures(HTMLParser):
    """Each <figure> of a page: its <img> and WebP <source> attributes and its caption's text."""

    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.figures, self._in_caption = [], False
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            self.figures.append({"img": None, "webp": None, "caption": ""})
        elif tag == "img" and self.figures:
            self.figures[-1]["img"] = attrs
        elif tag == "source" and attrs.get("type") == "image/webp" and self.figures:
            self.figures[-1]["webp"] = attrs
        elif tag == "figcaption":
            self._in_caption = True

    def handle_endtag(self, tag):
        if tag == "figcaption":
            self._in_caption = False

    def handle_data(self, data):
        if self._in_caption:
            self.figures[-1]["caption"] += data


def _figures(markup):
    return _Figures(markup).figures


def test_inserted_photo_is_drawn_with_its_renditions_and_this_uses_texts():
    photo = _photo(caption="Chú thích của thư viện", credit="Thư viện", alt_text="Mô tả của thư viện")
    body = photo_figure(photo.pk, caption="Cầu treo mới", credit="Thu Hà", alt="Cây cầu bắc qua suối")
    article = ArticleFactory(body=f"<p>Trước.</p>{body}<p>Sau.</p>")

    (figure,) = _figures(rendered_body(article))
    img, webp = figure["img"], figure["webp"]
    assert "320w" in webp.get("srcset") and "960w" in webp.get("srcset")
    assert "640w" in img.get("srcset")
    assert img.get("sizes") == SIZES["article"]
    assert (img.get("width"), img.get("height")) == ("1000", "750")
    assert img.get("alt") == "Cây cầu bắc qua suối"
    assert figure["caption"] == "Cầu treo mới Ảnh: Thu Hà"
    assert photo.image.url not in rendered_body(article)  # the copies, not the original


def test_inserted_photo_with_blank_texts_shows_the_photos_own():
    photo = _photo(caption="Chợ phiên", credit="Minh Anh", alt_text="Người đi chợ")
    article = ArticleFactory(body=photo_figure(photo.pk))
    (figure,) = _figures(rendered_body(article))
    assert figure["img"].get("alt") == "Người đi chợ"
    assert figure["caption"] == "Chợ phiên Ảnh: Minh Anh"


def test_inserted_photos_and_numbered_photos_keep_the_bodys_order():
    first, second, numbered = _photo(), _photo(), _photo()
    article = ArticleFactory(
        body=(
            f"<p>Một.</p>{photo_figure(first.pk, caption='Thứ nhất')}<p>[ảnh 1]</p>"
            f"<p>Hai.</p>{photo_figure(second.pk, caption='Thứ ba')}"
        )
    )
    ArticlePhoto.objects.create(article=article, photo=numbered, position=1, caption="Thứ hai")
    captions = [figure["caption"] for figure in _figures(rendered_body(article))]
    assert [caption.split(" Ảnh:")[0] for caption in captions] == ["Thứ nhất", "Thứ hai", "Thứ ba"]


def test_inserted_photo_that_is_gone_draws_nothing():
    article = ArticleFactory(body=f"<p>Một.</p>{photo_figure(987654)}<p>Hai.</p>")
    markup = rendered_body(article)
    assert _figures(markup) == []
    assert "Một." in markup and "Hai." in markup


def test_hostile_caption_is_text_on_the_page():
    photo = _photo()
    article = ArticleFactory(
        body=photo_figure(photo.pk, caption='"><script>alert(1)</script>', alt='" onerror="alert(1)')
    )
    markup = rendered_body(article)
    assert "<script" not in markup and "onerror=" not in markup.replace("onerror=&quot;", "")
    (figure,) = _figures(markup)
    assert figure["img"].get("alt") == '" onerror="alert(1)'


def test_placed_photo_caption_falls_back_like_an_article_photo():
    photo = _photo(caption="Của ảnh", credit="", alt_text="")
    use = PlacedPhoto(photo=photo, caption="", credit="Riêng", alt_text="")
    assert (use.shown_caption, use.shown_credit, use.shown_alt) == ("Của ảnh", "Riêng", "Của ảnh")


def test_inserted_photo_counts_as_in_use_and_as_shown_by_the_published_story():
    photo, other = _photo(), _photo()
    article = ArticleFactory(body=photo_figure(photo.pk, caption="x"))
    ArticleFactory(body=photo_figure(int(f"{other.pk}0"), caption="an id that only starts the same"))
    assert photo_services.in_use(photo)
    assert list(photo_services.stories_showing(photo)) == [article]
    assert not photo_services.in_use(other)


@pytest.mark.parametrize("count", [1, 3])
def test_article_page_query_count_does_not_grow_with_inserted_photos(client, count, settings):
    def page_queries(n):
        photos = [_photo() for _ in range(n)]
        article = ArticleFactory(
            body="".join(photo_figure(photo.pk, caption=f"Ảnh {i}") for i, photo in enumerate(photos))
        )
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert response.content.decode().count("<figure") == n
        return len(queries)

    assert page_queries(count) == page_queries(1)
