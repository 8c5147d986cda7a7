"""A library photo in a body: <figure data-photo-id> survives the sanitizer only in its one safe form."""

import html
import unicodedata
from html.parser import HTMLParser

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsroom.common.sanitizer import (
    PHOTO_FIGURE,
    PHOTO_FIGURE_TEXTS,
    photo_figure,
    photo_figure_text,
    sanitize_html,
)


class _Elements(HTMLParser):
    def __init__(self, markup):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes = [], []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.append(dict(attrs))


def test_photo_figure_is_kept_in_its_canonical_form():
    stored = photo_figure(12, caption="Cầu treo", credit="Thu Hà", alt="Cây cầu")
    assert stored == (
        '<figure data-photo-id="12" data-caption="Cầu treo" data-credit="Thu Hà" data-alt="Cây cầu"></figure>'
    )
    assert sanitize_html(f"<p>Trước</p>{stored}<p>Sau</p>") == f"<p>Trước</p>{stored}<p>Sau</p>"


def test_photo_figure_in_another_order_or_quoting_is_rewritten_canonically():
    typed = '<figure data-alt=\'Cây "cầu"\' data-photo-id="7" data-caption="a > b &amp; c"></figure>'
    assert sanitize_html(typed) == (
        '<figure data-photo-id="7" data-caption="a &gt; b &amp; c" data-credit="" '
        'data-alt="Cây &quot;cầu&quot;"></figure>'
    )


def test_photo_figure_missing_texts_are_empty():
    assert sanitize_html('<figure data-photo-id="3"></figure>') == photo_figure(3)


@pytest.mark.parametrize(
    "hostile",
    [
        '<figure data-photo-id="5" onclick="alert(1)" style="x" class="y" data-caption="Ảnh"></figure>',
        '<figure data-photo-id="5" data-caption="Ảnh"><img src="https://evil.example/a.jpg" onerror="alert(1)"></figure>',
        '<figure data-photo-id="5" data-caption="Ảnh"><script>alert(1)</script>chữ<figure><figcaption>x</figcaption></figure></figure>',
        '<figure data-photo-id="5" data-caption="Ảnh"><a href="javascript:alert(1)">bấm</a></figure>',
        '<FIGURE DATA-PHOTO-ID="5" data-caption="Ảnh" data-src="//evil.example/x.jpg"></FIGURE>',
    ],
)
def test_photo_figure_keeps_nothing_hostile(hostile):
    cleaned = sanitize_html(hostile + "<p>Tiếp</p>")
    assert cleaned == photo_figure(5, caption="Ảnh") + "<p>Tiếp</p>"


def test_photo_figure_caption_that_tries_to_close_the_attribute_stays_text():
    cleaned = sanitize_html(
        '<figure data-photo-id="5" data-caption="&quot;><script>alert(1)</script><x y=&quot;"></figure>'
    )
    assert "<script" not in cleaned
    parsed = _Elements(cleaned)
    assert parsed.tags == ["figure"]
    assert parsed.attributes[0]["data-caption"] == '"><x y="'  # the script went with its content


@pytest.mark.parametrize("photo_id", ["0", "abc", "5 onmouseover=alert(1)", "-1", "99999999999", "1e3", ""])
def test_figure_with_a_bad_photo_id_is_not_a_library_photo(photo_id):
    cleaned = sanitize_html(f'<figure data-photo-id="{photo_id}"><img src="/media/a.jpg" alt=""></figure>')
    assert "data-photo-id" not in cleaned
    assert not PHOTO_FIGURE.search(cleaned)


def test_photo_figure_texts_are_cut_to_the_photo_fields_lengths():
    stored = sanitize_html(photo_figure(1, caption="ả" * 900, credit="b" * 900, alt="c" * 900))
    match = PHOTO_FIGURE.fullmatch(stored)
    assert len(match["caption"]) == PHOTO_FIGURE_TEXTS["data-caption"]
    assert len(match["credit"]) == PHOTO_FIGURE_TEXTS["data-credit"]
    assert len(match["alt"]) == PHOTO_FIGURE_TEXTS["data-alt"]


def test_photo_figure_text_is_one_nfc_line():
    assert photo_figure_text("  Ca\u0302\u0300u\r\n treo\x0c\x00 mới ", 100) == "Cầu treo mới"


def test_legacy_figure_placeholder_is_left_alone():
    assert sanitize_html('<figure data-photo="2"></figure>') == '<figure data-photo="2"></figure>'


# Any Unicode, combining marks and XML-forbidden characters included: decomposed Vietnamese, quotes, markup.
_TEXT = st.text(st.characters(codec="utf-8"), max_size=80)


@given(caption=_TEXT, credit=_TEXT, alt=_TEXT)
@example(caption='Cầu\u0301 "x" <b>&amp;</b>', credit="'\x0c\x00", alt="\u200b</figure><script>")
def test_photo_figure_texts_are_nfc_escaped_and_never_break_the_markup(caption, credit, alt):
    body = f"<p>Trước</p>{photo_figure(42, caption=caption, credit=credit, alt=alt)}<p>Sau</p>"
    cleaned = sanitize_html(body)
    assert sanitize_html(cleaned) == cleaned  # stable: a second save changes nothing
    parsed = _Elements(cleaned)
    assert parsed.tags == ["p", "figure", "p"]
    match = PHOTO_FIGURE.search(cleaned)
    assert match["photo_id"] == "42"
    for name, typed in {"caption": caption, "credit": credit, "alt": alt}.items():
        shown = html.unescape(match[name])
        assert shown == photo_figure_text(typed, PHOTO_FIGURE_TEXTS[f"data-{name}"])
        assert "\n" not in shown and "\r" not in shown and "\x00" not in shown
        assert unicodedata.is_normalized("NFC", shown)
        assert '"' not in match[name] and "<" not in match[name] and ">" not in match[name]
