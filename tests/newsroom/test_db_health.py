"""The PostgreSQL health check that costs no round trip (newsroom/db/postgresql/base.py), on a real server."""

import select
import time

import pytest
from django.db import connection, connections

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def second():
    """A connection of its own (the test's connection stays out of harm's way), closed afterwards."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def _pid(wrapper):
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _last_query(pid):
    with connection.cursor() as cursor:
        cursor.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0]


def test_the_backend_is_ours():
    assert type(connections["default"]).__module__ == "newsroom.db.postgresql.base"


def test_a_live_connection_is_usable_without_a_query_to_the_server(second):
    pid = _pid(second)
    with second.cursor() as cursor:
        cursor.execute("SELECT 'dấu mốc'")
    assert second.is_usable()
    # The server's own record of what that backend last ran: still ours, not a SELECT 1.
    assert _last_query(pid) == "SELECT 'dấu mốc'"


def test_a_connection_the_server_ended_is_seen_as_unusable_and_replaced(second):
    pid = _pid(second)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    socket = second.connection.fileno()
    deadline = time.monotonic() + 5
    while not select.select([socket], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, "the server did not close the connection"
    assert not second.is_usable()

    # What Django does at the start of a request: check, close, and the next query reconnects.
    second.health_check_done = False
    second.close_if_health_check_failed()
    assert second.connection is None
    assert _pid(second) != pid
