"""The one allow-list that every piece of article HTML passes through before it is stored."""

import re
from html.parser import HTMLParser

import bleach
from django.conf import settings
from django.utils.html import escape

from .text import nfc

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "figure",
        "figcaption",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "caption",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
# Placeholders for the article's own photos: <figure data-photo="2"></figure> (see Article.render_body).
_PHOTO_REF = re.compile(r"^[1-9][0-9]{0,3}$")
# A photo of the library placed in a body by the editor's "Chèn ảnh", with this use's caption, credit and alt:
# <figure data-photo-id="12" data-caption="…" data-credit="…" data-alt="…"></figure>, always in this form.
_PHOTO_ID = re.compile(r"^[1-9][0-9]{0,9}$")
PHOTO_FIGURE_TEXTS = {"data-caption": 500, "data-credit": 200, "data-alt": 300}  # attribute: longest kept
# A <figure> or </figure> tag; quoted attribute values may hold ">".
_FIGURE_TAG = re.compile(r"""<(/?)figure\b((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.I)
# Content of these elements is dropped, not kept as text (bleach would keep "alert(1)" as words).
_DROP_WITH_CONTENT = re.compile(r"<(script|style|iframe|object|noscript|template)\b.*?</\1\s*>", re.I | re.S)


def _is_own_media(url):
    media_url = settings.MEDIA_URL
    rest = url[len(media_url) :]
    return url.startswith(media_url) and not rest.startswith("/") and "//" not in rest and ".." not in rest


def _allow_attribute(tag, name, value):
    if tag == "a":
        return name in {"href", "title"}
    if tag == "img":
        if name == "src":
            return _is_own_media(value)
        return name in {"alt", "width", "height"}
    if tag == "figure":
        if name == "data-photo":
            return bool(_PHOTO_REF.match(value))
        if name == "data-photo-id":
            return bool(_PHOTO_ID.match(value))
        return name in PHOTO_FIGURE_TEXTS
    if tag in {"th", "td"}:
        return name in {"colspan", "rowspan"}
    return False


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
)


def sanitize_html(html):
    """Return ``html`` reduced to the allow-list; scripts, handlers and foreign URLs never survive."""
    if not html:
        return ""
    cleaned = _clean_once(html)
    # Misnested markup ("<a><table><a>") is repaired by the HTML parser differently on a second reading;
    # what is stored must come back unchanged when it is saved again, so clean until it holds still.
    for _ in range(3):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _clean_once(html):
    html = _DROP_WITH_CONTENT.sub("", html)
    cleaned = _canonical_photo_figures(_cleaner.clean(html))
    # An <img> whose src was refused is useless; drop it rather than keep a broken image.
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned).strip()


def photo_figure(photo_id, *, caption="", credit="", alt=""):
    """The stored form of a library photo in a body: the id and this use's texts, NFC, escaped, no content."""
    texts = {"data-caption": caption, "data-credit": credit, "data-alt": alt}
    attributes = "".join(
        f' {name}="{escape(photo_figure_text(value, PHOTO_FIGURE_TEXTS[name]))}"'
        for name, value in texts.items()
    )
    return f'<figure data-photo-id="{int(photo_id)}"{attributes}></figure>'


def photo_figure_text(value, limit):
    """One line of NFC text at most ``limit`` long: a caption, credit or alt text as a figure stores it."""
    return " ".join(nfc(str(value or "")).split())[:limit].strip()


class _StartTag(HTMLParser):
    """The attributes of one start tag, entities resolved (what a browser would read)."""

    def __init__(self, tag):
        super().__init__(convert_charrefs=True)
        self.attributes = {}
        self.feed(tag)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.attributes = {name: value or "" for name, value in attrs}


def _canonical_photo_figures(html):
    """Rewrite each library-photo <figure> into photo_figure()'s form and drop whatever it held.

    The editor stores the figure empty; anything inside one (an <img>, a nested figure, text) came from
    someone else and is not what readers should see: the page draws the photo from the library itself.
    """
    if "data-photo-id" not in html:
        return html
    parts, position, depth = [], 0, 0
    for tag in _FIGURE_TAG.finditer(html):
        closing = bool(tag.group(1))
        if depth:
            depth += -1 if closing else 1
            if depth == 0:
                position = tag.end()
            continue
        if closing:
            continue
        attributes = _StartTag(tag.group(0)).attributes
        if "data-photo-id" not in attributes:
            continue
        parts.append(html[position : tag.start()])
        parts.append(
            photo_figure(
                attributes["data-photo-id"],
                caption=attributes.get("data-caption", ""),
                credit=attributes.get("data-credit", ""),
                alt=attributes.get("data-alt", ""),
            )
        )
        depth, position = 1, tag.end()
    if not depth:
        parts.append(html[position:])
    return "".join(parts)


# photo_figure()'s output, as sanitize_html() stores it: id, caption, credit, alt (escaped).
PHOTO_FIGURE = re.compile(
    r'<figure data-photo-id="(?P<photo_id>[0-9]+)" data-caption="(?P<caption>[^"]*)" '
    r'data-credit="(?P<credit>[^"]*)" data-alt="(?P<alt>[^"]*)"></figure>'
)
