"""Statements PostgreSQL plans once per connection, for the few queries that run on every comment POST.

Django binds parameters on the client: each query reaches PostgreSQL as new text, which the server parses
and plans again. For the short statements of a comment submission (the article, the advisory locks, the
duplicate and flood checks, the INSERT) planning was most of the server's work: 0.41 ms of PostgreSQL CPU
for the three checking statements against 0.08 ms for the same statements prepared (measured with the
backend's own CPU time, docs/performance.md).

``execute(cursor, statements, params)`` sends the statements in one round trip as ``EXECUTE`` of
statements prepared on that connection. A statement not yet prepared there is prepared by a ``PREPARE``
at the front of the same round trip, so the first use costs no extra query either. ``PREPARE`` is not
transactional: it outlives a rollback. Its name comes from a hash of its text, so a changed query is a new
statement. Which statements a connection holds is kept per psycopg connection (a pool may hand the same
connection to another request). After a failed round trip, which of its ``PREPARE`` ran is not known (nor
whether a statement was deallocated behind our back), so the next use reads ``pg_prepared_statements``
once to find out.

Off with ``DATABASE_PREPARED_STATEMENTS=False``, for a pooler that hands each transaction whichever server
connection is free (PgBouncer in transaction or statement mode): the statements are then sent as they are.
"""

import hashlib
import re
import weakref
from functools import lru_cache

from django.conf import settings

_PLACEHOLDER = re.compile(r"%[s%]")
# psycopg connection -> the names known prepared on it / the names whose PREPARE may or may not have run.
_prepared = weakref.WeakKeyDictionary()
_uncertain = weakref.WeakKeyDictionary()


@lru_cache(maxsize=256)
def _statement(sql):
    """(name, the PREPARE statement, the EXECUTE statement) for ``sql`` with ``%s`` placeholders."""
    count = 0

    def number(match):
        nonlocal count
        if match.group() == "%%":
            return "%%"
        count += 1
        return f"${count}"

    body = _PLACEHOLDER.sub(number, sql)
    name = "newsroom_" + hashlib.blake2b(sql.encode(), digest_size=8).hexdigest()
    arguments = f"({', '.join(['%s'] * count)})" if count else ""
    return name, f"PREPARE {name} AS {body}", f"EXECUTE {name}{arguments}"


def enabled(connection):
    return connection.vendor == "postgresql" and getattr(settings, "DATABASE_PREPARED_STATEMENTS", True)


def execute(cursor, statements, params=(), *, then=""):
    """Run ``statements`` (SQL texts with ``%s`` placeholders, one statement each) in one round trip, their
    ``params`` in order, followed by the plain statement ``then`` (such as "COMMIT"). The cursor is left on
    the first statement's result, as ``cursor.execute`` of the statements joined by "; " would leave it.

    Where prepared statements are off, the same text is sent as it is: on SQLite, which takes one statement
    per call, pass exactly one and no ``then``.
    """
    connection = cursor.db
    if not enabled(connection):
        cursor.execute("; ".join([*statements, *([then] if then else [])]), params)
        return
    raw = connection.connection
    known = _prepared.setdefault(raw, set())
    parts = [_statement(sql) for sql in statements]
    doubtful = _uncertain.get(raw, set())
    if doubtful & {name for name, _, _ in parts}:
        with connection.cursor() as check:
            check.execute("SELECT name FROM pg_prepared_statements WHERE name = ANY(%s)", [sorted(doubtful)])
            known.difference_update(doubtful)
            known.update(name for (name,) in check.fetchall())
        del _uncertain[raw]
    preparing = {name: prepare for name, prepare, _ in parts if name not in known}
    text = "; ".join([*preparing.values(), *(run for _, _, run in parts), *([then] if then else [])])
    try:
        cursor.execute(text, params)
    except BaseException:
        # Which PREPARE ran, and whether a statement vanished (DEALLOCATE), is now unknown: ask next time.
        _uncertain.setdefault(raw, set()).update(name for name, _, _ in parts)
        raise
    known.update(preparing)
    for _ in preparing:
        cursor.nextset()
