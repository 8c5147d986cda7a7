"""Submissions that race: twins of one text are stored once, one sender's burst is limited, strangers never wait.

Real threads on real connections (transactional tests), on PostgreSQL, where the service takes advisory
locks on the text, the email and the address. SQLite runs one write transaction at a time; its test
database is shared-cache memory, which answers "table is locked" at once instead of waiting, so two writers
on SQLite are tested on a file database by the production-stack tests instead.
"""

import pytest
from django.db import connection, transaction
from django.utils import timezone

from comments import services
from comments.models import Comment
from newsroom.db import prepared
from tests.factories import ArticleFactory
from tests.plans import indexes_used, nodes, table_reads
from tests.threads import race

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def _submit(article, *, email, ip, body="Mong đường sớm được sửa trước mùa mưa lũ."):
    return services.submit_comment(
        article=article, name="Bạn đọc", email=email, body=body, ip_address=ip, seconds_to_fill=30
    )


def test_twins_of_one_text_sent_at_once_are_stored_once(settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 0
    article = ArticleFactory()
    results, errors = race(6, lambda i: _submit(article, email="an@example.com", ip="198.51.100.7"))
    assert errors == [None] * 6
    assert Comment.objects.count() == 1
    assert sum(result.created for result in results) == 1
    assert {result.comment.pk for result in results} == {Comment.objects.get().pk}


def test_one_senders_burst_on_different_articles_is_held_to_the_interval(settings):
    settings.COMMENTS_MIN_INTERVAL_SECONDS = 15
    articles = [ArticleFactory() for _ in range(4)]
    results, errors = race(
        4,
        lambda i: _submit(
            articles[i], email=f"r{i}@example.com", ip="198.51.100.8", body=f"Ý kiến số {i} về bài"
        ),
    )
    refused = [error for error in errors if error is not None]
    assert all(
        isinstance(error, services.SubmissionRefused) and error.code == "too_soon" for error in refused
    )
    assert Comment.objects.count() == 1 and len(refused) == 3


def test_readers_of_one_article_are_all_stored(settings):
    article = ArticleFactory()
    results, errors = race(
        8,
        lambda i: _submit(
            article, email=f"r{i}@example.com", ip=f"203.0.113.{i + 1}", body=f"Ý kiến {i} của tôi"
        ),
    )
    assert errors == [None] * 8
    assert Comment.objects.filter(article=article).count() == 8


def test_on_postgresql_strangers_do_not_wait_for_each_others_lock():
    """While one reader's submission holds its locks, another reader of the same article goes through."""
    article = ArticleFactory()

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        services._wait_for_twins_then_check(
            article_id=article.pk,
            fingerprint="f" * 64,
            email="chan@example.com",
            ip_address="203.0.113.9",
            now=timezone.now(),
        )
        stranger = race(
            1, lambda i: _with_timeout(lambda: _submit(article, email="mot@example.com", ip="203.0.113.50"))
        )
        same_sender = race(
            1, lambda i: _with_timeout(lambda: _submit(article, email="chan@example.com", ip="203.0.113.51"))
        )
        raise Rollback
    assert stranger[1] == [None] and stranger[0][0].created
    assert same_sender[1][0] is not None and "statement timeout" in str(same_sender[1][0])
    assert list(Comment.objects.values_list("email", flat=True)) == ["mot@example.com"]


def _with_timeout(action):
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 300")
    return action()


@pytest.mark.parametrize("plan_kind", ["custom", "generic"])
def test_on_postgresql_the_checks_before_a_submission_read_only_the_senders_index_ranges(plan_kind):
    """However many comments an article has, the duplicate and flood checks touch the sender's rows only:
    planned for these values, and as the statement prepared once per connection may be planned for any
    values (newsroom/db/prepared.py)."""
    from tests.factories import CommentFactory

    article = ArticleFactory()
    for i in range(300):
        CommentFactory(article=article, email=f"r{i}@example.com", ip_address=f"198.51.100.{i % 250}")
    sql, params = services.earlier_submissions_query(
        fingerprint="f" * 64, email="MOI@example.com", ip_address="203.0.113.77", now=timezone.now()
    )
    # SET LOCAL holds until the transaction ends (these tests run in autocommit).
    with transaction.atomic(), connection.cursor() as cursor:
        if plan_kind == "generic":
            prepared.execute(cursor, [sql], params)
            cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
            sql = prepared._statement(sql)[2]
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0][0]["Plan"]

    # An index scan or a bitmap scan of the same index: either reads only the range (a generic plan, which
    # cannot see how few rows one address has, may take the bitmap).
    used = indexes_used(plan)
    assert used == {
        "comment_sender_email_idx",
        "comment_ip_idx",
        next(name for name in used if "fingerprint" in name),
    }
    reads = table_reads(plan)
    assert all(node["Node Type"] != "Seq Scan" for node in reads)
    assert sum(node.get("Rows Removed by Filter", 0) for node in reads) == 0
    # A generic plan names the parameters, not their values.
    conditions = [node.get("Index Cond", "") + node.get("Recheck Cond", "") for node in nodes(plan)]
    assert any("$1" in condition for condition in conditions) == (plan_kind == "generic")
