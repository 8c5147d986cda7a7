"""Post comments concurrently against a running server for a fixed time, then check the database.

Every accepted submission must be stored exactly once, and every deliberate repeat (the same text from
the same email, sent again at once from another thread) must be answered "already received" and not stored
again. Prints throughput, latencies and the check's figures; exits non-zero if the check fails.

    # against a throwaway PostgreSQL cluster, with a server this script starts and stops:
    scripts/with-postgres .venv/bin/python bench/comments_concurrency.py --serve --seconds 20 --workers 8
    # against a server you run (with flood limits raised, see SERVER_ENV below):
    .venv/bin/python bench/comments_concurrency.py --url http://127.0.0.1:8000 --seconds 20

Traffic goes only to the loopback address given; the loop is bounded by --seconds.
"""

import argparse
import http.cookiejar
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# All workers share one address and post fast: the flood limits and the robot timer are lifted for the run.
SERVER_ENV = {
    "COMMENTS_MIN_INTERVAL_SECONDS": "0",
    "COMMENTS_MAX_PER_HOUR": "0",
    "COMMENTS_MIN_FILL_SECONDS": "0",
    "DEBUG": "True",
    # runserver starts a thread per request: persistent connections would pile up past max_connections.
    "CONN_MAX_AGE": "0",
}
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Worker(threading.Thread):
    def __init__(self, number, *, base_url, article_url, post_url, deadline, repeat_every):
        super().__init__(daemon=True)
        self.number = number
        self.base_url, self.article_url, self.post_url = base_url, article_url, post_url
        self.deadline, self.repeat_every = deadline, repeat_every
        self.accepted, self.repeats_acknowledged, self.repeats_stored, self.errors = [], 0, [], []
        self.latencies = []
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect)

    def _get(self, path):
        with self.opener.open(self.base_url + path, timeout=30) as response:
            return response.read().decode()

    def _post(self, data):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            self.base_url + self.post_url, data=body, headers={"Referer": self.base_url + "/"}
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                status, location = response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            status, location = error.code, error.headers.get("Location", "")
        self.latencies.append(time.perf_counter() - started)
        return status, location

    def run(self):
        import json

        try:
            form_token = TOKEN.search(self._get(self.article_url)).group(1)
            csrf = json.loads(self._get("/binh-luan/token/"))["token"]
        except Exception as error:  # noqa: BLE001 - reported in the figures
            self.errors.append(f"setup: {error}")
            return
        n = 0
        while time.monotonic() < self.deadline:
            n += 1
            text = f"Bình luận thử tải số {self.number}-{n}: đường về bản đã sáng đèn."
            data = {
                "csrfmiddlewaretoken": csrf,
                "token": form_token,
                "name": f"Bạn đọc {self.number}",
                "email": f"tai{self.number}@example.com",
                "body": text,
                "website": "",
            }
            status, location = self._post(data)
            if status == 302 and "cho-duyet" in location:
                self.accepted.append(text)
            else:
                self.errors.append(f"{status} {location}")
                continue
            if n % self.repeat_every == 0:
                status, location = self._post(data)
                if status == 302 and "da-nhan" in location:
                    self.repeats_acknowledged += 1
                else:
                    self.repeats_stored.append(f"{status} {location}")


def _start_server(port):
    env = {**os.environ, **SERVER_ENV}
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"]
        if os.environ.get("BENCH_NOTHREADING")
        else [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("BENCH_SERVER_LOG", os.devnull), "w"),  # noqa: SIM115
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the server did not start")


def _bench_article():
    from django.utils import timezone

    from articles.models import Article, Section

    section, _ = Section.objects.get_or_create(name="Đo tải")
    article, _ = Article.objects.get_or_create(
        external_id="bench-comments",
        defaults={
            "title": "Bài đo tải bình luận",
            "lead": "Bài dùng cho phép đo gửi bình luận đồng thời.",
            "section": section,
            "status": Article.Status.PUBLISHED,
            "published_at": timezone.now(),
        },
    )
    return article


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="", help="a running server (loopback); default: --serve")
    parser.add_argument("--serve", action="store_true", help="start `manage.py runserver` on a free port")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--repeat-every", type=int, default=5, help="send every Nth comment twice")
    args = parser.parse_args()

    for key, value in SERVER_ENV.items():
        os.environ.setdefault(key, value)
    _setup_django()
    from django.db import connection

    from comments.models import Comment

    server = None
    base_url = args.url.rstrip("/")
    if args.serve or not base_url:
        port = _free_port()
        server = _start_server(port)
        base_url = f"http://127.0.0.1:{port}"
    host = urllib.parse.urlparse(base_url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit("only loopback servers are benchmarked")
    try:
        article = _bench_article()
        Comment.objects.filter(article=article).delete()
        deadline = time.monotonic() + args.seconds
        workers = [
            Worker(
                n,
                base_url=base_url,
                article_url=article.get_absolute_url(),
                post_url=f"/binh-luan/gui/{article.pk}/",
                deadline=deadline,
                repeat_every=args.repeat_every,
            )
            for n in range(args.workers)
        ]
        started = time.monotonic()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)

    accepted = [text for worker in workers for text in worker.accepted]
    latencies = sorted(latency for worker in workers for latency in worker.latencies)
    errors = [error for worker in workers for error in worker.errors]
    repeats_ok = sum(worker.repeats_acknowledged for worker in workers)
    repeats_bad = [bad for worker in workers for bad in worker.repeats_stored]
    stored = list(Comment.objects.filter(article=article).values_list("body", flat=True))
    counts = {}
    for body in stored:
        counts[body] = counts.get(body, 0) + 1
    missing = [text for text in accepted if counts.get(text, 0) == 0]
    doubled = [text for text, count in counts.items() if count > 1]
    unexpected = [text for text in counts if text not in set(accepted)]

    print(f"database: {connection.vendor}; workers: {args.workers}; seconds: {elapsed:.1f}")
    print(f"requests: {len(latencies)} ({len(latencies) / elapsed:.1f}/s)")
    if latencies:
        p95 = latencies[int(len(latencies) * 0.95) - 1] if len(latencies) > 1 else latencies[0]
        print(
            f"latency ms: p50 {statistics.median(latencies) * 1000:.1f}, p95 {p95 * 1000:.1f}, max {latencies[-1] * 1000:.1f}"
        )
    print(
        f"accepted: {len(accepted)}; repeats answered 'already received': {repeats_ok}; errors: {len(errors)}"
    )
    print(
        f"stored rows: {len(stored)}; missing: {len(missing)}; stored twice: {len(doubled)}; unexpected: {len(unexpected)}"
    )
    if errors:
        print("first errors:", errors[:5])
    ok = not (missing or doubled or unexpected or errors or repeats_bad) and accepted
    print("CHECK:", "every accepted submission is stored exactly once" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
