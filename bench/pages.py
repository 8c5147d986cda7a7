"""Time the reader's pages in process: queries and milliseconds per request, article cache miss vs hit.

Builds the demo paper in a throwaway database (SQLite in a temporary folder unless DATABASE_URL is set,
e.g. under scripts/with-postgres), then requests each page type many times and prints the figures.

    .venv/bin/python bench/pages.py
    scripts/with-postgres .venv/bin/python bench/pages.py --rounds 200
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="newsroom-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"
    os.environ["DEBUG"] = "True"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article, Section, Tag

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
    article = Article.objects.published().order_by("-published_at").first()
    pages = {
        "home": "/",
        "section": Section.objects.first().get_absolute_url(),
        "tag": Tag.objects.first().get_absolute_url(),
        "search 'che'": "/tim-kiem/?q=che",
        "article (cache miss)": article.get_absolute_url(),
        "article (cache hit)": article.get_absolute_url(),
        "rss": "/rss/",
        "sitemap": "/sitemap-articles.xml",
    }
    client = Client()
    print(f"database: {connection.vendor}; rounds: {args.rounds}")
    print(f"{'page':24} {'queries':>8} {'median ms':>10} {'p95 ms':>8}")
    for name, url in pages.items():
        miss = name == "article (cache miss)"
        client.get(url)  # warm up: renditions, template loading
        timings = []
        for _ in range(args.rounds):
            if miss:
                cache.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{name:24} {len(queries):>8} {statistics.median(timings):>10.2f} {p95:>8.2f}")


if __name__ == "__main__":
    main()
