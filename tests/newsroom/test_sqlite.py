"""The embedded default holds two writers: concurrent comments on SQLite queue for the lock, none is lost."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter on a file database of its own (the suite's SQLite database lives in memory,
# where locking is not what a server meets): 8 threads, each its own connection, post comments at once.
SCRIPT = """
import json, os, sys, threading
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from articles.models import Article, Section
from comments.models import Comment
from comments.services import submit_comment
section = Section.objects.create(name="Thời sự")
article = Article.objects.create(title="Bài thử", lead="Sapo.", section=section, status="published",
                                 published_at=django.utils.timezone.now())
errors, sent = [], []
def post(worker):
    try:
        for n in range(15):
            submit_comment(article=article, name="Bạn đọc", email=f"w{worker}-{n}@example.com",
                           body=f"Bình luận số {n} của người thứ {worker}.", ip_address=f"203.0.113.{worker}")
            sent.append(1)
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()
threads = [threading.Thread(target=post, args=(worker,)) for worker in range(8)]
[thread.start() for thread in threads]
[thread.join() for thread in threads]
print(json.dumps({"sent": len(sent), "stored": Comment.objects.count(), "errors": errors[:3],
                  "journal": connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]}))
"""


def test_concurrent_comments_on_sqlite_all_stored_without_database_locked(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bao.sqlite3'}",
        "CACHE_URL": "locmemcache://",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "COMMENTS_MIN_INTERVAL_SECONDS": "0",
        "COMMENTS_MAX_PER_HOUR": "0",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"sent": 120, "stored": 120, "errors": [], "journal": "wal"}
