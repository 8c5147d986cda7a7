"""The search at archive scale: phrases, prefixes, exact spelling first, hostile queries, paging, the index."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st

from articles.models import Article
from articles.site.search import CANDIDATES, SearchQuery, candidates_sql, search_articles
from newsroom.common.text import search_columns, search_words
from tests.articles.site.test_hostile_text import PROPERTY, in_rolled_back_transaction
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def _titles(client, query, page=None):
    params = {"q": query} | ({"trang": page} if page else {})
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200
    return [story.title for story in response.context["page"].object_list], response


# --- The words ---------------------------------------------------------------------------------------------


def test_search_words_cut_like_the_query_not_like_postgresql():
    assert search_words("Sản lượng 10.000 tấn, tăng_trưởng a.b") == [
        "san", "luong", "10", "000", "tan", "tang_truong", "a", "b",
    ]  # fmt: skip
    title, words, exact = search_columns("Đăng kiểm", "Xe cơ giới.", "<p>Phương <b>tiện</b></p>")
    assert words == "dang kiem\nxe co gioi\nphuong tien"
    assert (title, exact) == ("dang kiem", "đăng kiểm xe cơ giới. phương tiện")


@pytest.mark.parametrize(
    "query",
    ["a'", "a\\", "a & b", "a | b", "!a", "a:*", "(a", "a)", "a <-> b", "''a''", "a\\'b", '"a b"', "🏠 a"],
)
def test_tsquery_quotes_every_word_and_keeps_no_syntax_of_the_reader(query):
    assert not SearchQuery("' \\ & | ! :* ( ) <-> \"")
    built = SearchQuery(query).tsquery()
    for word in ("&", "|", "!", "(a", "<->"):
        assert f"'{word}" not in built
    assert built.startswith("(") and ":*)" in built


def test_numbers_with_thousand_separators_are_found(client):
    story = ArticleFactory(title="Thu hoạch 10.000 tấn chè")
    titles, _ = _titles(client, "10.000 tấn")
    assert titles == [story.title]


# --- Matching and ranking ----------------------------------------------------------------------------------


def test_search_matches_the_last_word_as_a_prefix(client):
    story = ArticleFactory(title="Phát triển nông nghiệp công nghệ cao")
    ArticleFactory(title="Nông dân ra đồng")
    titles, _ = _titles(client, "nong nghie")
    assert titles == [story.title]


def test_search_every_word_must_match(client):
    ArticleFactory(title="Nông nghiệp sạch")
    assert _titles(client, "nong nghiep xuat khau")[0] == []


def test_search_quoted_words_must_be_side_by_side(client):
    together = ArticleFactory(title="Khuyến nông nghiệp vụ mới", published_at=_ago(30))
    apart = ArticleFactory(title="Nghiệp đoàn nông dân", published_at=_ago(1))
    both, _ = _titles(client, "nong nghiep")
    assert set(both) == {together.title, apart.title}
    quoted, _ = _titles(client, "“nông nghiệp”")
    assert quoted == [together.title]
    quoted, _ = _titles(client, '"nong nghiep"')
    assert quoted == [together.title]


def test_search_ranks_the_whole_query_as_a_phrase_above_newer_scattered_words(client):
    phrase = ArticleFactory(
        title="Hội nghị tổng kết", lead="Bàn về nông nghiệp vùng cao.", published_at=_ago(60)
    )
    scattered = ArticleFactory(
        title="Hội nghị sơ kết", lead="Nông dân bàn về nghề nghiệp của con em.", published_at=_ago(1)
    )
    titles, _ = _titles(client, "nong nghiep")
    assert titles == [phrase.title, scattered.title]


@pytest.mark.postgresql  # SQLite's fallback has no weights: there the newer of the two comes first
def test_postgresql_search_ranks_title_above_lead_above_body(client):
    body = ArticleFactory(title="Tin một", body="<p>Chuyện thanh long.</p>", published_at=_ago(1))
    lead = ArticleFactory(title="Tin hai", lead="Chuyện thanh long.", published_at=_ago(2))
    title = ArticleFactory(title="Thanh long Bình Thuận", published_at=_ago(3))
    titles, _ = _titles(client, "thanh long")
    assert titles == [title.title, lead.title, body.title]


def test_search_ranks_exact_diacritics_first_among_equal_matches(client):
    folded = [ArticleFactory(title=f"Ma túy số {n}", published_at=_ago(n)) for n in range(3)]
    exact = ArticleFactory(title="Mã tùy số 9", published_at=_ago(50))
    titles, _ = _titles(client, "mã")
    assert titles[0] == exact.title and set(titles[1:]) == {story.title for story in folded}


def test_search_highlights_a_prefix_match(client):
    ArticleFactory(title="Nông nghiệp xanh")
    _, response = _titles(client, "nong nghi")
    assert "<mark>Nông</mark> <mark>nghiệp</mark> xanh" in response.text


# --- Hostile queries ---------------------------------------------------------------------------------------


HOSTILE_QUERIES = [
    "'", "''", "\\", "\\'", "a & b", "a | | b", "!!a", "a:*", "a:* & b:*", "((a", "a))", "a <-> b", "<2> a",
    "\"", "\"\"", "“”", "\"a", "a\"b\"c", "x" * 5000, "🏠👨‍👩‍👧🇻🇳", "ﷺ", "ᾳ", "İstanbul", "\x00", "a\u0301",
    "đường " * 50, "%_", "select * from articles_article",
]  # fmt: skip


def check_search_returns_only_published(query):
    public = ArticleFactory(title="Đường về bản", lead="Tin 'a' & (b) | !c :* \\ \"d\"")
    ArticleFactory(title="Đường nháp", lead=public.lead, draft=True)
    ArticleFactory(title="Đường đã gỡ", lead=public.lead, status=Article.Status.TAKEN_DOWN)
    response = Client().get("/tim-kiem/", {"q": query})
    assert response.status_code == 200
    page = response.context.get("page")
    for story in page.object_list if page else []:
        assert story.pk == public.pk


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_hostile_query_never_raises_and_shows_only_published(query):
    in_rolled_back_transaction(check_search_returns_only_published, query)


@example(query="a & b | !c")
@given(query=st.text(max_size=300))
@settings(PROPERTY, max_examples=60)
def test_search_any_unicode_query_never_raises_and_shows_only_published(db, query):
    in_rolled_back_transaction(check_search_returns_only_published, query)


# --- The pager ---------------------------------------------------------------------------------------------


def test_search_pages_next_and_previous_without_counting(client):
    for n in range(20):
        ArticleFactory(title=f"Chè shan tuyết số {n:02d}", published_at=_ago(n))
    with CaptureQueriesContext(connection) as first:
        titles, response = _titles(client, "che shan")
    assert len(titles) == 15 and 'rel="next"' in response.text and 'rel="prev"' not in response.text
    with CaptureQueriesContext(connection) as second:
        rest, response = _titles(client, "che shan", page=2)
    assert len(rest) == 5 and not set(titles) & set(rest)
    assert 'rel="prev"' in response.text and 'rel="next"' not in response.text
    for query in [*first.captured_queries, *second.captured_queries]:
        assert "COUNT" not in query["sql"].upper(), query["sql"]


def test_search_at_most_candidates_are_ranked_and_the_page_says_so(client):
    section = SectionFactory(name="Kinh tế")
    Article.objects.bulk_create(
        Article(
            title=f"Giá lúa hôm nay {n}",
            slug=f"gia-lua-{n}",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=_ago(n),
            **dict(
                zip(
                    ("search_title", "search_text", "search_exact"),
                    search_columns(f"Giá lúa {n}", "", ""),
                    strict=True,
                )
            ),
        )
        for n in range(CANDIDATES + 5)
    )
    results, _ = search_articles("gia lua")
    assert len(results) == CANDIDATES and results.capped
    _, response = _titles(client, "gia lua")
    assert "200 bài viết phù hợp nhất cho “gia lua”. Thêm từ khóa để thu hẹp kết quả." in response.text


# --- PostgreSQL: the index ---------------------------------------------------------------------------------


def _explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.postgresql
def test_postgresql_search_uses_the_gin_index_and_never_scans_the_article_table():
    section = SectionFactory(name="Nông nghiệp")
    words = ["lua", "ngo", "khoai", "san", "che", "ca phe", "ho tieu", "cao su", "dieu", "mia"]
    body = "<p>" + " ".join(f"Đoạn tin số {n} về mùa vụ trong tỉnh." for n in range(20)) + "</p>"
    rows = []
    for n in range(4000):
        common = "nông nghiệp " if n % 40 == 0 else ""
        title = f"{common}Vụ {words[n % 10]} năm {n}"
        rows.append(
            Article(
                title=title,
                slug=f"vu-{n}",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=_ago(n),
                **dict(
                    zip(
                        ("search_title", "search_text", "search_exact"),
                        search_columns(title, f"Bà con {words[(n * 7) % 10]}.", body),
                        strict=True,
                    )
                ),
            )
        )
    Article.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        # What autovacuum does after a bulk load: the GIN index's pending entries merged, statistics taken.
        cursor.execute("SELECT gin_clean_pending_list('article_search_vector')")
        cursor.execute("ANALYZE articles_article")
    with CaptureQueriesContext(connection) as queries:
        results, _ = search_articles("nong nghiep")
        captured = list(results[:15])
    assert len(results) == 100 and len(captured) == 15
    candidates = queries.captured_queries[0]["sql"]
    assert "search_vector @@" in candidates
    sql, params = candidates_sql(SearchQuery("nong nghiep"))
    plan = _explain(sql, params)
    # 100 matches in 4,000 stories: the GIN index finds them (a word in most stories would walk the
    # newest-first index instead; either way no Seq Scan).
    assert "Bitmap Index Scan on article_search_vector" in plan, plan
    assert "Seq Scan on articles_article" not in plan, plan


@pytest.mark.postgresql
def test_postgresql_search_vector_is_weighted_by_title_lead_and_body():
    story = ArticleFactory(title="Đăng kiểm", lead="Xe cơ giới", body="<p>Phương tiện 10.000</p>")
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vector::text FROM articles_article WHERE id = %s", [story.pk])
        (vector,) = cursor.fetchone()
    assert set(vector.split()) == {
        "'dang':1A", "'kiem':2A", "'xe':3B", "'co':4B", "'gioi':5B", "'phuong':6C", "'tien':7C", "'10':8C",
        "'000':9C",
    }  # fmt: skip


@pytest.mark.postgresql
def test_a_query_that_matches_more_than_the_pool_is_ranked_among_the_newest_matches(monkeypatch):
    """A word in 40,000 stories costs what a word in 1,000 does: only the newest POOL matches are ranked."""
    from articles.site import search as search_module

    monkeypatch.setattr(search_module, "POOL", 3)
    section = SectionFactory()
    oldest = ArticleFactory(
        section=section, title="Lúa nước Tam Đường", lead="", body="<p>lúa</p>", published_at=_ago(500)
    )
    newer = [
        ArticleFactory(
            section=section, title=f"Tin {n}", lead="", body="<p>Giá lúa tăng.</p>", published_at=_ago(n)
        )
        for n in range(1, 5)
    ]
    results, _ = search_articles("lua")
    shown = {story.pk for story in results[0:10]}
    # The best title match is older than the three newest matches: a reader narrows with another word.
    assert oldest.pk not in shown and len(shown) == 3
    assert shown == {story.pk for story in newer[:3]}
    results, _ = search_articles("lua nuoc")
    assert [story.pk for story in results[0:10]] == [oldest.pk]
