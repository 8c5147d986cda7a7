"""The "Bình luận" block readers see: approved only, counted, newest first, paged, replies under parents."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.stories.services import save_article
from comments.models import Comment
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_only_approved_comments_are_shown_and_counted(client):
    article = ArticleFactory()
    CommentFactory(article=article, body="Ý kiến đã được duyệt.")
    for status in ("pending", "rejected", "spam"):
        CommentFactory(article=article, status=status, body=f"Ý kiến {status} không hiện.")
    text = client.get(article.get_absolute_url()).text
    assert "Ý kiến đã được duyệt." in text
    assert "không hiện" not in text
    assert 'Bình luận <span class="count">(1)</span>' in text
    assert "Hiện tại chưa có bình luận" not in text


def test_email_and_ip_are_never_shown_to_readers(client):
    comment = CommentFactory(email="bi-mat@example.com", ip_address="192.0.2.55")
    text = client.get(comment.article.get_absolute_url()).text
    assert "bi-mat@example.com" not in text and "192.0.2.55" not in text


def test_comments_are_newest_first_paged_by_twenty_with_replies_under_their_parent(client):
    article = ArticleFactory()
    now = timezone.now()
    parents = []
    for n in range(25):
        parent = CommentFactory(article=article, body=f"Bình luận gốc số {n:02d}.")
        Comment.objects.filter(pk=parent.pk).update(submitted_at=now - timedelta(minutes=100 - n))
        parents.append(parent)
    oldest = parents[0]
    CommentFactory(article=article, parent=oldest, body="Trả lời cho bình luận cũ nhất.")
    first_page = client.get(article.get_absolute_url()).text
    assert first_page.index("số 24.") < first_page.index("số 23.")
    assert "số 05." in first_page and "số 04." not in first_page
    second_page = client.get(article.get_absolute_url() + "?trang-binh-luan=2").text
    assert "số 04." in second_page and "số 00." in second_page and "số 05." not in second_page
    assert second_page.index("số 00.") < second_page.index("Trả lời cho bình luận cũ nhất.")
    assert 'Bình luận <span class="count">(26)</span>' in second_page


def _queries(client, article):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(queries)


def test_article_page_queries_do_not_grow_with_comments_and_replies(client):
    one = ArticleFactory()
    parent = CommentFactory(article=one)
    CommentFactory(article=one, parent=parent)
    many = ArticleFactory()
    parents = CommentFactory.create_batch(250, article=many)
    Comment.objects.bulk_create(
        [
            Comment(
                article=many,
                parent=p,
                name="Trả lời",
                email="t@example.com",
                body="Đồng ý với bạn.",
                status="approved",
            )
            for p in parents
        ]
    )
    assert Comment.objects.filter(article=many).count() == 500
    assert _queries(client, many) == _queries(client, one)


def test_cached_page_is_served_without_queries(client, django_assert_num_queries, page_cache):
    article = ArticleFactory()
    CommentFactory(article=article)
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"


def test_saving_an_article_purges_its_cached_page(client, django_capture_on_commit_callbacks, page_cache):
    article = ArticleFactory(title="Tiêu đề cũ")
    client.get(article.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Tiêu đề đã sửa"
        save_article(article=article, user=None)
    assert "Tiêu đề đã sửa" in client.get(article.get_absolute_url()).text


def test_a_long_discussion_lists_a_few_page_links_not_every_page(client, settings):
    from tests.factories import ArticleFactory, CommentFactory

    settings.COMMENTS_PAGE_SIZE = 2
    article = ArticleFactory()
    for i in range(60):
        CommentFactory(article=article, status="approved", body=f"Ý kiến thứ {i} của bạn đọc.")
    page = client.get(article.get_absolute_url() + "?trang-binh-luan=15").text
    pager = page[page.index('class="pagination"') :]
    pager = pager[: pager.index("</nav>")]
    assert pager.count("<li>") <= 9 and "…" in pager
    assert 'aria-current="page">15<' in pager and "trang-binh-luan=30#" in pager


def test_every_page_of_threads_matches_the_prefetching_queryset_whether_precompiled_or_not():
    """The first pages run precompiled text; later ones are compiled each time: both give the same threads."""
    article, other = ArticleFactory(), ArticleFactory()
    now = timezone.now()
    for n in range(5 * 4 + 2):
        parent = CommentFactory(article=article, body=f"Gốc {n}")
        Comment.objects.filter(pk=parent.pk).update(submitted_at=now - timedelta(minutes=100 - n))
        if n % 3 == 0:
            CommentFactory(article=article, parent=parent, body=f"Trả lời {n}")
    CommentFactory(article=other, body="Bài khác")
    expected = list(Comment.objects.for_article_page(article))
    for start in range(0, 24, 4):  # pages of 4: the first three precompiled, the rest not
        threads = Comment.objects.threads(article, start, start + 4)
        assert threads == expected[start : start + 4]
        assert [t.approved_replies for t in threads] == [
            e.approved_replies for e in expected[start : start + 4]
        ]
    assert Comment.objects.counts(article) == (22 + 8, 22)
    assert Comment.objects.counts(ArticleFactory()) == (0, 0)
