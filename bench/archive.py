"""The helper of bench/archive.sh: the pages to hit on the archive, the timed requests, the table of targets.

Not meant to be run by hand: bench/archive.sh builds the archive and starts the app server, then calls this
with BENCH_APP_URL and BENCH_REQUESTS set. Each row sends its requests one at a time over one kept-alive
connection, as a reader behind nginx would (X-Forwarded-Proto: https), each with a query parameter of its
own so the reader's page cache misses; a row whose answers are not all 200 is marked. The article is
measured twice: from its stored page (bench/archive.sh ran `render_stories`, as a deploy does), then, after
making every stored page stale, rendered on the spot (and stored again), as its first read after a change.
"""

import http.client
import os
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SEARCH_MS = 50
TARGET_PAGE_MS = 30
TARGET_BASELINE_RATIO = 3


def _pages(requests):
    """(label, [paths]) per row: every path distinct, so no request is a cache hit."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.baseline_settings")
    import django

    django.setup()
    from articles.models import Article, Section

    stories = list(Article.objects.published().select_related("section").order_by("?")[:requests])
    sections = list(Section.objects.active())
    stories = (stories * (requests // max(1, len(stories)) + 1))[:requests]
    search = "/tim-kiem/?" + urllib.parse.urlencode({"q": "nong nghiep"})
    rare = "/tim-kiem/?" + urllib.parse.urlencode({"q": "tam giac mach"})
    return [
        ("search 'nong nghiep' (common)", "search", [f"{search}&r={n}" for n in range(requests)]),
        ("search 'tam giac mach' (rare)", "search", [f"{rare}&r={n}" for n in range(requests)]),
        ("home, uncached", "page", [f"/?r={n}" for n in range(requests)]),
        (
            "section, uncached",
            "page",
            [f"{sections[n % len(sections)].get_absolute_url()}?r={n}" for n in range(requests)],
        ),
        (
            "article, uncached (stored page)",
            "page",
            [f"{story.get_absolute_url()}?r={n}" for n, story in enumerate(stories)],
        ),
        (
            "baseline article (bench/baseline.py)",
            "baseline",
            [f"/bench/baseline/{story.pk}/?r={n}" for n, story in enumerate(stories)],
        ),
        (
            "article, rendered on the spot",
            "spot",
            [f"{story.get_absolute_url()}?s={n}" for n, story in enumerate(stories)],
        ),
    ]


def _make_stored_pages_stale():
    """What a section, author or tag edit does: every stored page is rendered again at its next read."""
    from django.db import transaction

    from articles.site import stored_pages

    with transaction.atomic():
        stored_pages.forget_all()


def _measure(base, paths):
    """Latencies in ms, answers that were not 200, mean bytes, requests per second of the row."""
    parsed = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
    headers = {"X-Forwarded-Proto": "https", "Host": parsed.hostname, "Accept-Encoding": "identity"}
    for path in paths[:5]:  # warm-up: templates, connections, the first query plans
        connection.request("GET", path + "&warm=1" if "?" in path else path + "?warm=1", headers=headers)
        connection.getresponse().read()
    timings, failed, size = [], 0, 0
    started = time.perf_counter()
    for path in paths:
        before = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        timings.append((time.perf_counter() - before) * 1000)
        failed += response.status != 200
        size += len(body)
    elapsed = time.perf_counter() - started
    connection.close()
    timings.sort()
    return {
        "p50": timings[len(timings) // 2],
        "p95": timings[max(0, int(len(timings) * 0.95) - 1)],
        "failed": failed,
        "bytes": size // len(paths),
        "rps": len(paths) / elapsed,
    }


def main():
    base = os.environ["BENCH_APP_URL"]
    requests = int(os.environ.get("BENCH_REQUESTS", "200"))
    rows = _pages(requests)
    results = {}
    for label, kind, paths in rows:
        if kind == "spot":
            _make_stored_pages_stale()
        results[label] = (kind, _measure(base, paths))
        print(f"  measured {label}", file=sys.stderr, flush=True)
    article_rps = results["article, uncached (stored page)"][1]["rps"]
    spot_rps = results["article, rendered on the spot"][1]["rps"]
    baseline_rps = results["baseline article (bench/baseline.py)"][1]["rps"]
    width = max(len(label) for label in results) + 2
    print()
    print(
        f"Archive of {os.environ.get('BENCH_STORIES', '?')} stories, {requests} requests per row, one at a time"
    )
    print(f"{'row':<{width}}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}{'KB':>7}   target")
    for label, (kind, figures) in results.items():
        if kind == "search":
            target = f"p95 < {TARGET_SEARCH_MS} ms: " + (
                "met" if figures["p95"] < TARGET_SEARCH_MS else "MISSED"
            )
        elif kind in ("page", "spot"):
            target = f"p95 < {TARGET_PAGE_MS} ms: " + ("met" if figures["p95"] < TARGET_PAGE_MS else "MISSED")
        else:
            target = "the floor of the ratio below"
        if figures["failed"]:
            target += f"  [{figures['failed']} answers not 200]"
        print(
            f"{label:<{width}}{figures['p50']:>9.1f}{figures['p95']:>9.1f}{figures['rps']:>8.0f}"
            f"{figures['bytes'] / 1024:>7.1f}   {target}"
        )
    ratio = article_rps / baseline_rps
    verdict = "met" if ratio >= TARGET_BASELINE_RATIO else "MISSED"
    print()
    print(
        f"article vs baseline: {article_rps:.0f} / {baseline_rps:.0f} req/s = {ratio:.2f} x "
        f"(>= {TARGET_BASELINE_RATIO} x): {verdict}"
    )
    print(
        f"article rendered on the spot (its first read after a change) vs baseline: {spot_rps:.0f} / "
        f"{baseline_rps:.0f} req/s = {spot_rps / baseline_rps:.2f} x"
    )
    failed = any(figures["failed"] for _kind, figures in results.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
