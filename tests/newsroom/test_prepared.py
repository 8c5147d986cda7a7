"""Statements prepared once per PostgreSQL connection: same answers, one round trip, and self-healing.

The comment checks' plan as a prepared statement: tests/comments/test_concurrent_submissions.py."""

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from newsroom.db import prepared

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _texts(tag):
    """Statements no other test prepares (the connection outlives each test), so each sees its first use."""
    return (
        f"SELECT %s::int + %s::int, 'phần trăm: 100%%' /* {tag} */",
        f"SELECT %s::int * %s::int /* {tag} */",
    )


def _run(statements, params, using=connection, then=""):
    """The rows of each statement, and the SQL sent for them (one round trip, unless a doubt is cleared)."""
    with CaptureQueriesContext(using) as queries, using.cursor() as cursor:
        prepared.execute(cursor, statements, params, then=then)
        rows = [cursor.fetchall()]
        while cursor.nextset():
            rows.append(cursor.fetchall())
    return rows, [query["sql"] for query in queries.captured_queries]


def _on_server(using=connection):
    with using.cursor() as cursor:
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE name LIKE 'newsroom_%%'")
        return {name for (name,) in cursor.fetchall()}


def test_first_use_prepares_in_the_same_round_trip_and_later_uses_only_execute():
    SUM, SQUARE = _texts("first-use")
    first, (first_sql,) = _run([SUM, SQUARE], [2, 3, 4, 5])
    again, (again_sql,) = _run([SUM, SQUARE], [10, 20, 6, 7])
    assert first == [[(5, "phần trăm: 100%")], [(20,)]]
    assert again == [[(30, "phần trăm: 100%")], [(42,)]]
    assert first_sql.count("PREPARE newsroom_") == 2 and first_sql.count("EXECUTE newsroom_") == 2
    assert "PREPARE" not in again_sql and again_sql.count("EXECUTE newsroom_") == 2
    assert {prepared._statement(SUM)[0], prepared._statement(SQUARE)[0]} <= _on_server()


def test_the_plain_statement_after_runs_last_and_the_cursor_starts_on_the_first_result():
    _, SQUARE = _texts("then")
    rows, (sql,) = _run([SQUARE], [3, 3], then="SELECT 'sau cùng'")
    assert rows == [[(9,)], [("sau cùng",)]]
    assert sql.endswith("; SELECT 'sau cùng'")


def test_each_connection_prepares_its_own():
    _, SQUARE = _texts("connections")
    _run([SQUARE], [1, 1])
    other = connections.create_connection("default")
    try:
        rows, (sql,) = _run([SQUARE], [8, 8], using=other)
        assert rows == [[(64,)]] and "PREPARE" in sql
        assert "PREPARE" not in _run([SQUARE], [2, 2], using=other)[1][0]
    finally:
        other.close()


def test_a_failed_round_trip_after_its_prepare_ran_does_not_break_the_next_one():
    failing = "SELECT 1 / %s::int /* failing */"
    with pytest.raises(DatabaseError), transaction.atomic():
        _run([failing], [0])
    # The PREPARE ran and outlived the rollback; the next use asks the server instead of preparing again.
    assert prepared._statement(failing)[0] in _on_server()
    rows, (asked, sql) = _run([failing], [1])
    assert "pg_prepared_statements" in asked
    assert rows == [[(1,)]] and "PREPARE" not in sql
    assert len(_run([failing], [1])[1]) == 1


def test_a_statement_deallocated_behind_its_back_fails_once_then_is_prepared_again():
    SUM, _ = _texts("deallocated")
    _run([SUM], [1, 1])
    with connection.cursor() as cursor:
        cursor.execute(f"DEALLOCATE {prepared._statement(SUM)[0]}")
    with pytest.raises(DatabaseError, match="does not exist"), transaction.atomic():
        _run([SUM], [1, 2])
    rows, (asked, sql) = _run([SUM], [1, 3])
    assert "pg_prepared_statements" in asked
    assert rows == [[(4, "phần trăm: 100%")]] and "PREPARE" in sql


def test_turned_off_the_statements_go_as_they_are(settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    SUM, SQUARE = _texts("off")
    rows, (sql,) = _run([SQUARE, SUM], [5, 5, 1, 2])
    assert rows == [[(25,)], [(3, "phần trăm: 100%")]]
    assert sql == "SELECT 5::int * 5::int /* off */; SELECT 1::int + 2::int, 'phần trăm: 100%' /* off */"
    assert prepared._statement(SQUARE)[0] not in _on_server()
