"""The one allow-list that every piece of article HTML passes through before it is stored."""

import re

import bleach
from django.conf import settings

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
        return name == "data-photo" and bool(_PHOTO_REF.match(value))
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
    html = _DROP_WITH_CONTENT.sub("", html)
    cleaned = _cleaner.clean(html)
    # An <img> whose src was refused is useless; drop it rather than keep a broken image.
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned).strip()
