"""Vietnamese text helpers: NFC normalization, slugs that keep "đ", and diacritic-free folding."""

import re
import unicodedata

from django.utils.text import slugify

# NFKD decomposes every Vietnamese letter except đ/Đ, which Django's slugify would silently drop.
_D_STROKE = str.maketrans({"đ": "d", "Đ": "D"})


# What XML 1.0 forbids (C0 controls but tab, CR and LF; surrogates; U+FFFE and U+FFFF): one such character
# in a title makes every feed and sitemap that lists the story unparseable. Word's Shift+Enter pastes U+000B.
# Also dropped: C1 controls (XML 1.0 discourages them; feed readers show them as Windows-1252 letters)
# and the bidirectional overrides and isolates, which let a pasted title reverse the text after it.
_XML_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_UNDERSCORES = re.compile(r"[-_]+")
_LINE_LIKE = {"\x0b": " ", "\x0c": " "}


def nfc(value):
    """``value`` in Unicode NFC without the characters XML 1.0 forbids; a non-string is returned as is.

    Vertical tab and form feed (what Word pastes for a soft line break) become spaces; the rest go.
    """
    if isinstance(value, str):
        return xml_safe(unicodedata.normalize("NFC", value))
    return value


def xml_safe(value):
    """``value`` with the characters XML 1.0 forbids replaced (U+000B, U+000C) or dropped."""
    return _XML_FORBIDDEN.sub(lambda match: _LINE_LIKE.get(match.group(0), ""), value)


def fold(value):
    """Lower-case ``value`` and strip its diacritics: "Đăng Kiểm" -> "dang kiem"."""
    # Casefold first: it can turn a combining mark into a letter ("ᾳ" -> "αι"), as it does to a query.
    decomposed = unicodedata.normalize("NFKD", value.translate(_D_STROKE).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def slugify_vi(value, max_length=200):
    """Slug for Vietnamese text, cut at a word boundary to at most ``max_length`` characters."""
    # Django's slugify keeps "_" (also what NFKD makes of "＿"), which no URL pattern of ours accepts.
    slug = _UNDERSCORES.sub("-", slugify(str(value).translate(_D_STROKE)))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")


def strip_leading_mark(lead, mark):
    """Drop a leading "(BLC) - " (any dash, any spacing) that the page will print itself."""
    lead = nfc(lead or "").strip()
    if not mark:
        return lead
    pattern = re.compile(rf"^\(\s*{re.escape(mark)}\s*\)\s*[-–—]?\s*", re.IGNORECASE)
    return pattern.sub("", lead, count=1)


_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^>]+>")
MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


def search_words(value):
    """The folded words of ``value``, cut exactly as a query is cut (search_terms, then fold).

    A word is a run of ``\\w`` in the case-folded text, folded; folding can put a space inside one word
    ("ﷺ"), which then gives several. The stored text and the query share this function, so every word a
    reader can type is one of the stored words: PostgreSQL's own text parser (which reads "10.000" or
    "a.b" as one token) never decides what a word is.
    """
    return [part for word in _WORD.findall(nfc(value or "").casefold()) for part in fold(word).split()]


def search_columns(title, lead, body):
    """(folded title, folded words, lower-cased everything) for the article's search columns.

    The folded words are three lines, the words of the title, the lead and the body, each separated by
    one space: PostgreSQL weighs each line (title A, lead B, body C) in its full-text index (migration
    0010), and SQLite's fallback finds a word or a phrase in them with LIKE.
    """
    text = _TAG.sub(" ", nfc(body or ""))
    words = "\n".join(" ".join(search_words(part)) for part in (title, lead, text))
    exact = " ".join(f"{nfc(title)}\n{nfc(lead)}\n{text}".split())
    return fold(nfc(title)), words, exact.casefold()


def search_terms(query):
    """The words of a reader's query: NFC, at most 10, symbols dropped. Empty for an empty or absurd query."""
    words = _WORD.findall(nfc(query or "")[:MAX_QUERY_LENGTH].casefold())
    unique = list(dict.fromkeys(word for word in words if len(word) <= 50))
    return unique[:MAX_TERMS]
