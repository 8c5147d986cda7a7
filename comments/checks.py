"""Automatic checks on a submitted comment: each returns reasons for the moderators, never a silent drop.

Word matching is Vietnamese-aware: text is NFC and case-folded, and entries match whole words only, so a
banned "ngu" does not catch "Nguyễn" or "nguồn". A word typed without diacritics that folds to a listed
entry ("do ngu" for "đồ ngu") is reported as suspect.
"""

import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.core.cache import cache

from newsroom.cache import process_copies
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


@lru_cache(maxsize=8)
def _phrases(entries):
    """(word, kind, its tokens, its tokens without diacritics or None when the same) for each entry:
    worked out once per word list, not once per comment."""
    phrases = []
    for word, kind in entries:
        if phrase := _tokens(word):
            bare = [fold(part) for part in phrase]
            phrases.append((word, kind, phrase, bare if bare != phrase else None))
    return tuple(phrases)


def word_reasons(text, entries):
    """Reasons for listed words in ``text``; ``entries`` are (word, kind) pairs."""
    tokens = _tokens(text)
    phrases = _phrases(tuple(entries))
    bare_tokens = None
    reasons = []
    for word, kind, phrase, bare in phrases:
        if _contains_sequence(tokens, phrase):
            code = (
                CommentFlag.Code.BANNED_WORD
                if kind == WordListEntry.Kind.BANNED
                else CommentFlag.Code.SUSPECT_WORD
            )
            reasons.append(Reason(code, word))
        elif bare is not None:
            if bare_tokens is None:
                # Only tokens typed without any diacritic can be an undiacritized spelling of a listed word.
                bare_tokens = [token if token == fold(token) else None for token in tokens]
            if _contains_sequence(bare_tokens, bare):
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


WORD_LIST_KEY = "comments:word-list"
# An edit to the list clears the shared copy on commit (signal_handlers.py); its lifetime bounds the rare
# copy stored from a read that raced with that edit.
WORD_LIST_SECONDS = 60
# Each process also keeps the list it read for a few seconds: an edit made in another process applies to
# the comments that process takes within this time (one made here applies at once).
WORD_LIST_LOCAL_SECONDS = 5
_local_word_list = {}


def word_list():
    """The moderators' word list as (word, kind) pairs: from this process, the shared cache, or the database."""
    now = time.monotonic()
    if (held := _local_word_list.get("entries")) is not None and now < held[0]:
        return held[1]
    entries = cache.get(WORD_LIST_KEY)
    if entries is None:
        entries = list(WordListEntry.objects.values_list("word", "kind"))
        cache.set(WORD_LIST_KEY, entries, WORD_LIST_SECONDS)
    _local_word_list["entries"] = (now + WORD_LIST_LOCAL_SECONDS, entries)
    return entries


@process_copies
def forget_local_word_list():
    _local_word_list.clear()


def forget_word_list():
    forget_local_word_list()
    cache.delete(WORD_LIST_KEY)


def analyze(*, name, body, honeypot_filled, seconds_to_fill, min_fill_seconds):
    """Every reason that applies to a submission, from the word lists in the database and the form."""
    entries = word_list()
    reasons = word_reasons(f"{name}\n{body}", entries)
    reasons += content_reasons(body)
    if honeypot_filled:
        reasons.append(Reason(CommentFlag.Code.HONEYPOT))
    if seconds_to_fill is not None and seconds_to_fill < min_fill_seconds:
        reasons.append(Reason(CommentFlag.Code.TOO_FAST, f"{seconds_to_fill:.1f}s"))
    return reasons
