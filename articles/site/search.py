"""Search without diacritics: every word must match; title, phrase and exact-diacritic matches rank first.

On PostgreSQL the words are found by the full-text index of migration 0010 (a GIN-indexed tsvector over
the folded words, title A, lead B, body C): the last word may be the start of a word ("nong nghie"), a
quoted part must appear as a phrase. Only the newest ``POOL`` matches are ranked by ts_rank, and the
best ``CANDIDATES`` of them ranked with the bonuses and paged, so neither ranking nor paging reads every
match. SQLite, for development, finds the
same words with LIKE over the same columns and pages the same way.
"""

import html
import re
from functools import lru_cache

from django.db import connections
from django.db.models import BooleanField, Case, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom.common.text import MAX_QUERY_LENGTH, fold, nfc, search_terms, search_words

from ..stories.models import Article
from ..stories.workflow import LIVE_STATUSES

_WORD_OR_OTHER = re.compile(r"(\w+)")
_QUOTED = re.compile(r"[\"“”„]([^\"“”„]*)[\"“”„]")
# At most this many matches are ranked and paged: the best by full-text rank, then reordered by the bonuses.
CANDIDATES = 200
# On PostgreSQL, ranked among this many newest matches (a news archive's reader wants the recent first;
# a query that matches more stories than this is narrowed by another word, as the page says).
POOL = 1000
# ts_rank's weights for D, C (body), B (lead), A (title). ts_rank, not ts_rank_cd: over the pool of 1,000
# newest matches the cover density cost 7 ms of SQL, the plain rank 3.7 (measured at 30,000 stories).
_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"


class SearchQuery:
    """A reader's query cut into what the search needs: its terms, phrases and the tsquery built from them."""

    def __init__(self, query):
        query = nfc(query or "")[:MAX_QUERY_LENGTH]
        self.terms = search_terms(query)
        self.folded = [fold(term) for term in self.terms]
        # Each term is one word to the reader, but folding may cut it into several ("ﷺ").
        self.term_words = [words for words in (search_words(term) for term in self.terms) if words]
        self.phrases = [
            words for words in (search_words(part) for part in _QUOTED.findall(query)) if len(words) > 1
        ]

    def __bool__(self):
        return bool(self.term_words)

    def tsquery(self):
        """Every term (the last one as a prefix) and every quoted phrase, as tsquery syntax of our own words.

        Built from the lexemes alone, each quoted: nothing the reader typed is read as tsquery syntax.
        """
        groups = [_phrase(words) for words in self.term_words[:-1]]
        groups.append(_phrase(self.term_words[-1], prefix=True))
        groups.extend(_phrase(words) for words in self.phrases)
        return " & ".join(f"({group})" for group in groups)

    def whole_phrase(self):
        """The whole query as one phrase, for its bonus."""
        return _phrase([word for words in self.term_words for word in words])


def _lexeme(word):
    return "'" + word.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _phrase(words, *, prefix=False):
    lexemes = [_lexeme(word) for word in words]
    if prefix:
        lexemes[-1] += ":*"
    return " <-> ".join(lexemes)


def _bonus(condition, points):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def _matches(search):
    """The condition 'matches the full-text query', written against the article table itself."""
    return RawSQL(
        "articles_article.search_vector @@ %s::tsquery", [search.tsquery()], output_field=BooleanField()
    )


def _text_rank(search):
    return RawSQL(
        "ts_rank(%s::float4[], articles_article.search_vector, %s::tsquery)",
        [_WEIGHTS, search.tsquery()],
        output_field=FloatField(),
    )


def _bonuses(search, *, postgresql):
    """What puts a story above others that match as well: the words in its title, its exact spelling."""
    joined = " ".join(search.folded)
    rank = _bonus(Q(search_title__contains=joined), 8)
    for term in search.folded:
        rank += _bonus(Q(search_title__contains=term), 2)
    rank += _bonus(Q(search_exact__contains=" ".join(search.terms)), 4)
    for term in search.terms:
        if term != fold(term):  # typed with diacritics: the exact spelling counts
            rank += _bonus(Q(search_exact__contains=term), 1)
    if len(search.term_words) > 1:  # the words side by side anywhere in the story
        if postgresql:
            phrase = RawSQL(
                "articles_article.search_vector @@ %s::tsquery",
                [search.whole_phrase()],
                output_field=BooleanField(),
            )
        else:
            phrase = Q(search_text__contains=" ".join(word for words in search.term_words for word in words))
        rank += _bonus(phrase, 3)
    return rank


def _candidates(search, *, postgresql):
    """The pks of the best ``CANDIDATES`` public matches, best first (one query)."""
    if postgresql:
        sql, params = candidates_sql(search)
        with connections[Article.objects.db].cursor() as cursor:
            cursor.execute(sql, params)
            return [pk for (pk,) in cursor.fetchall()]
    best = Article.objects.published()
    for words in [*search.term_words, *search.phrases]:
        best = best.filter(search_text__contains=" ".join(words))
    best = best.annotate(bonus=_bonuses(search, postgresql=False))
    return list(best.order_by("-bonus", "-published_at", "-pk").values_list("pk", flat=True)[:CANDIDATES])


def candidates_sql(search):
    """PostgreSQL: the newest ``POOL`` public matches, through whichever index finds them fastest (for a
    common word the planner walks the live stories newest first and stops at POOL; for a rare one it asks
    the GIN index), then the best ``CANDIDATES`` of them by ts_rank. A word in 40,000 stories costs
    what one in 1,000 does."""
    table = Article._meta.db_table
    query = search.tsquery()
    statuses = ", ".join(["%s"] * len(LIVE_STATUSES))
    sql = (
        f"SELECT id FROM (SELECT id, published_at, search_vector FROM {table} "
        f"WHERE status IN ({statuses}) AND published_at <= %s AND search_vector @@ %s::tsquery "
        f"ORDER BY published_at DESC, id DESC LIMIT %s) AS newest "
        f"ORDER BY ts_rank(%s::float4[], search_vector, %s::tsquery) DESC, published_at DESC, id DESC "
        f"LIMIT %s"
    )
    return sql, [*LIVE_STATUSES, timezone.now(), query, POOL, _WEIGHTS, query, CANDIDATES]


class SearchResults:
    """The ranked candidates as a sequence a Paginator pages without counting: its length is known.

    A slice loads only that page's stories, ordered by the bonuses, then text rank, then the newest.
    """

    def __init__(self, search, pks, *, postgresql):
        self.pks = pks
        self.capped = len(pks) >= CANDIDATES
        stories = Article.objects.filter(pk__in=pks).for_listing()
        stories = stories.annotate(
            bonus=_bonuses(search, postgresql=postgresql),
            text_rank=_text_rank(search) if postgresql else Value(0.0),
        )
        self.stories = stories.order_by("-bonus", "-text_rank", "-published_at", "-pk")

    def __len__(self):
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("SearchResults is read by pages (slices) only.")
        return list(self.stories[index])


def search_articles(query):
    """Public articles matching ``query``, best first, and the folded terms; ``None`` without words."""
    search = SearchQuery(query)
    if not search:
        return None, []
    postgresql = connections[Article.objects.db].vendor == "postgresql"
    pks = _candidates(search, postgresql=postgresql)
    return SearchResults(search, pks, postgresql=postgresql), search.folded


@lru_cache(maxsize=20_000)
def _folded_word(word):
    # Vietnamese is written in a few thousand syllables: a results page folds the same ones again and again
    # (1,200 words a page, most of its highlighting time), so each is folded once per process.
    return fold(word)


def highlight(text, folded_terms):
    """``text`` escaped, with every word that holds a search term wrapped in <mark>."""
    if not folded_terms:
        return escape(text)
    parts, plain = [], []
    # split() with one group alternates: text between words, a word, text between words... The text
    # between marked words is escaped in one piece (a card's lead is 60 words, most of them unmarked).
    for index, piece in enumerate(_WORD_OR_OTHER.split(text or "")):
        if index % 2 and any(term in _folded_word(piece) for term in folded_terms):
            parts.append(html.escape("".join(plain)))
            parts.append(f"<mark>{html.escape(piece)}</mark>")
            plain = []
        else:
            plain.append(piece)
    parts.append(html.escape("".join(plain)))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
