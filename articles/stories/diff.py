"""Word-level differences between two revisions, as escaped HTML with <del> and <ins>."""

import difflib
import re

from django.utils.dateparse import parse_datetime
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from newsroom.common.dates import format_clock

_TOKEN = re.compile(r"\s+|[^\s]+")
_BLOCK_END = re.compile(r"</(p|h[2-4]|li|blockquote|figcaption)>|<br\s*/?>", re.I)


def html_to_text(html):
    """Readable text of stored HTML: one line per paragraph, tags dropped."""
    return strip_tags(_BLOCK_END.sub("\n", html or "")).strip()


def diff_words(old, new):
    """``new`` compared with ``old``: removed words in <del>, added words in <ins>, the rest as is."""
    old_tokens, new_tokens = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    parts = []
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(old_tokens[a1:a2])))
            continue
        if op in {"delete", "replace"}:
            parts.append(f"<del>{escape(''.join(old_tokens[a1:a2]))}</del>")
        if op in {"insert", "replace"}:
            parts.append(f"<ins>{escape(''.join(new_tokens[b1:b2]))}</ins>")
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - every piece is escaped above


def compare_revisions(old, new):
    """Rows (label, html, changed) for the fields an editor cares about."""

    def names(revision, key):
        return ", ".join(str(item[1]) for item in revision.data.get(key, []))

    fields = [
        (_("Tiêu đề"), old.title, new.title),
        (_("Sapo"), old.lead, new.lead),
        (_("Nội dung"), html_to_text(old.body), html_to_text(new.body)),
        (
            _("Chuyên mục"),
            str(old.data.get("section", ["", ""])[1]),
            str(new.data.get("section", ["", ""])[1]),
        ),
        (_("Tác giả"), names(old, "authors"), names(new, "authors")),
        (_("Thẻ"), names(old, "tags"), names(new, "tags")),
        (_("Tin tường thuật trực tiếp"), live_entries(old), live_entries(new)),
    ]
    return [(label, diff_words(a, b), a != b) for label, a, b in fields]


def live_entries(revision):
    """The live entries a revision kept, oldest first, one paragraph each as typed (with its time)."""
    rows = revision.data.get("live_entries", [])
    return "\n".join(f"{format_clock(parse_datetime(at))}: {text}" for _pk, at, text, _photo in rows)
