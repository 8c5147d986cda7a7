"""Start Newsroom's app server, granian, with settings from the environment: `python deploy/appserver.py`.

granian rather than gunicorn: it parses HTTP and manages connections in Rust, so the Python workers only run
Django. Measured with bench/serve.sh on 2 cores (docs/performance.md): the floor page costs 0.46 ms of
app-server CPU against gunicorn's 0.79 ms, and a comment POST 2.8 ms against 4.0 ms.

Every setting comes from the environment (the systemd unit reads /srv/newsroom/.env), with a default for a
small server:

    APP_BIND              127.0.0.1:8000   address:port, or unix:/path/to/socket
    WEB_CONCURRENCY       number of cores  worker processes
    APP_THREADS           2                threads per worker that run Django (a request waiting on
                                           PostgreSQL lets the other one run)
    APP_WORKER_LIFETIME   86400            seconds before a worker is replaced (a new one starts first,
                                           so no request is dropped): a slow leak never becomes an outage
    APP_WORKER_MAX_RSS    1024             MiB of memory after which a worker is replaced the same way
    APP_BACKLOG           1024             connections the kernel holds while every worker is busy
    APP_ACCESS_LOG        true             one line per request on stdout (systemd's journal keeps it)
    APP_LOG_LEVEL         info

The process replaces itself with granian's own command (`exec`), so systemd and signals reach granian
directly: TERM stops it after the requests in flight, HUP replaces the workers one by one.
"""

import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# X-Forwarded-For first (nginx's view of the reader; Django decides whether to believe it, see
# TRUSTED_PROXIES), then the peer, the request line, the status and the time taken.
ACCESS_LOG_FORMAT = (
    '%(header{x-forwarded-for})s %(addr)s "%(method)s %(path)s %(protocol)s" %(status)d %(dt_ms).1fms '
    '"%(header{referer})s" "%(header{user-agent})s"'
)


def _flag(environ, name, default):
    return environ.get(name, default).strip().lower() in {"1", "true", "yes", "on"}


def command(environ=os.environ):
    """granian's command line for the settings in ``environ``."""
    bind = environ.get("APP_BIND", "127.0.0.1:8000")
    if bind.startswith("unix:"):
        where = ["--uds", bind.removeprefix("unix:")]
    else:
        host, _, port = bind.rpartition(":")
        if not host or not port.isdigit():
            raise SystemExit(f"APP_BIND={bind!r}: expected address:port (127.0.0.1:8000) or unix:/path")
        where = ["--host", host.strip("[]"), "--port", port]
    binary = shutil.which("granian", path=str(Path(sys.executable).parent)) or "granian"
    args = [
        binary,
        "--interface",
        "wsgi",
        *where,
        "--working-dir",
        str(REPO),
        "--workers",
        environ.get("WEB_CONCURRENCY") or str(os.cpu_count() or 1),
        "--blocking-threads",
        environ.get("APP_THREADS", "2"),
        # HTTP/1.1 only, no websockets: nginx speaks HTTP/1.1 to its upstreams and the site has no sockets.
        "--http",
        "1",
        "--no-ws",
        "--backlog",
        environ.get("APP_BACKLOG", "1024"),
        "--respawn-failed-workers",
        "--workers-lifetime",
        environ.get("APP_WORKER_LIFETIME", "86400"),
        "--workers-max-rss",
        environ.get("APP_WORKER_MAX_RSS", "1024"),
        "--log-level",
        environ.get("APP_LOG_LEVEL", "info"),
    ]
    if _flag(environ, "APP_ACCESS_LOG", "true"):
        args += ["--access-log", "--access-log-fmt", ACCESS_LOG_FORMAT]
    return [*args, "newsroom.wsgi:application"]


def main():
    args = command()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.execv(args[0], args)


if __name__ == "__main__":
    main()
