"""gunicorn settings for Newsroom, read from the environment: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Threads rather than many processes: a request mostly waits on PostgreSQL and Redis, and one process per
core with a few threads each keeps memory low on a small server. Every setting can be changed without
editing this file (GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_TIMEOUT, ...).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A request that takes longer is a bug or a stuck database: the worker is replaced, not left hanging.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
# Recycle workers now and then, so a slow leak never becomes an outage. Not too often: a cached page costs
# under a millisecond, so 5,000 requests went by in a few seconds under load, and each new worker starts
# with a new database connection and empty in-process caches (bench/serve.sh counted 4 to 6 restarts in
# every 10-second run).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 50000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 5000))
# Load the app once in the master: workers start fast and share the imported code.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() == "true"

# Access and error logs on stdout/stderr: systemd's journal (or the container runtime) keeps them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%({x-forwarded-for}i)s %(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# gunicorn 27's control socket (gunicornc) would sit in $HOME or $XDG_RUNTIME_DIR, shared by every app
# server of one user and read-only under the systemd unit; systemd and signals (HUP, TERM) control it here.
control_socket_disable = os.environ.get("GUNICORN_CONTROL_SOCKET", "") == ""
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# Which proxy may say a request came over HTTPS is Django's decision (TRUSTED_PROXIES): gunicorn itself
# believes no forwarded header, so there is one place where that trust is set.
forwarded_allow_ips = ""
proxy_allow_ips = ""
