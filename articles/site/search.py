"""Search without diacritics: every word must match; title and exact-diacritic matches rank first.

The same query runs on SQLite and PostgreSQL over the article's search columns; on PostgreSQL the
trigram indexes from migration 0006 serve its LIKE '%word%' filters.
"""

import re

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom.common.text import fold, search_terms

from ..stories.models import Article

_WORD_OR_OTHER = re.compile(r"(\w+)")


def _bonus(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def search_articles(query):
    """Public articles matching ``query``, best first; ``None`` when the query holds no words."""
    terms = search_terms(query)
    if not terms:
        return None, []
    folded = [fold(term) for term in terms]
    matches = Article.objects.published().matching(query)
    rank = _bonus(Q(search_title__contains=" ".join(folded)), 8)
    for term in folded:
        rank += _bonus(Q(search_title__contains=term), 2)
    rank += _bonus(Q(search_exact__contains=" ".join(terms)), 4)
    for term in terms:
        if term != fold(term):  # typed with diacritics: the exact spelling counts
            rank += _bonus(Q(search_exact__contains=term), 1)
    ranked = matches.for_listing().annotate(rank=rank).order_by("-rank", "-published_at", "-pk")
    return ranked, folded


def highlight(text, folded_terms):
    """``text`` escaped, with every word that holds a search term wrapped in <mark>."""
    if not folded_terms:
        return escape(text)
    parts = []
    for piece in _WORD_OR_OTHER.split(text or ""):
        if piece and _WORD_OR_OTHER.fullmatch(piece) and any(term in fold(piece) for term in folded_terms):
            parts.append(f"<mark>{escape(piece)}</mark>")
        else:
            parts.append(escape(piece))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
