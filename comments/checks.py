"""Automatic checks on a submitted comment: each returns reasons for the moderators, never a silent drop.

Word matching is Vietnamese-aware: text is NFC and case-folded, and entries match whole words only, so a
banned "ngu" does not catch "Nguyễn" or "nguồn". A word typed without diacritics that folds to a listed
entry ("do ngu" for "đồ ngu") is reported as suspect.
"""

import re
from dataclasses import dataclass

from newsroom.common.text import fold, nfc

from .models import CommentFlag, WordListEntry

_WORD = re.compile(r"\w+")
_LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|vn|info|biz|xyz|top|io|me|co|link|online|site)\b",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Vietnamese numbers: 0 or +84 then 9-10 digits, often grouped with spaces, dots or dashes.
_PHONE = re.compile(r"(?<!\d)(?:\+84|0084|0)(?:[\s.-]?\d){8,10}(?!\d)")


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str = ""


def _tokens(text):
    return _WORD.findall(nfc(text).casefold())


def _contains_sequence(tokens, phrase):
    size = len(phrase)
    return any(tokens[i : i + size] == phrase for i in range(len(tokens) - size + 1))


def word_reasons(text, entries):
    """Reasons for listed words in ``text``; ``entries`` are (word, kind) pairs."""
    tokens = _tokens(text)
    # Only tokens typed without any diacritic can be an undiacritized spelling of a listed word.
    bare_tokens = [token if token == fold(token) else None for token in tokens]
    reasons = []
    for word, kind in entries:
        phrase = _tokens(word)
        if not phrase:
            continue
        if _contains_sequence(tokens, phrase):
            code = (
                CommentFlag.Code.BANNED_WORD
                if kind == WordListEntry.Kind.BANNED
                else CommentFlag.Code.SUSPECT_WORD
            )
            reasons.append(Reason(code, word))
        elif phrase != [fold(part) for part in phrase] and _contains_sequence(
            bare_tokens, [fold(part) for part in phrase]
        ):
            reasons.append(Reason(CommentFlag.Code.SUSPECT_WORD, word))
    return reasons


def content_reasons(text):
    """Links, phone numbers and email addresses in ``text``."""
    reasons = []
    if match := _EMAIL.search(text):
        reasons.append(Reason(CommentFlag.Code.EMAIL, match.group(0)[:200]))
        text = _EMAIL.sub(" ", text)  # its domain is not a link of its own
    if match := _LINK.search(text):
        reasons.append(Reason(CommentFlag.Code.LINK, match.group(0)[:200]))
    if match := _PHONE.search(text):
        reasons.append(Reason(CommentFlag.Code.PHONE, match.group(0)[:200]))
    return reasons


def analyze(*, name, body, honeypot_filled, seconds_to_fill, min_fill_seconds):
    """Every reason that applies to a submission, from the word lists in the database and the form."""
    entries = list(WordListEntry.objects.values_list("word", "kind"))
    reasons = word_reasons(f"{name}\n{body}", entries)
    reasons += content_reasons(body)
    if honeypot_filled:
        reasons.append(Reason(CommentFlag.Code.HONEYPOT))
    if seconds_to_fill is not None and seconds_to_fill < min_fill_seconds:
        reasons.append(Reason(CommentFlag.Code.TOO_FAST, f"{seconds_to_fill:.1f}s"))
    return reasons
