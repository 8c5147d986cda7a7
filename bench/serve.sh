#!/usr/bin/env bash
# Load test of the production stack: wrk against the app server (granian) and nginx, one table of req/s, p50 and p99.
#
#   bench/serve.sh                    PostgreSQL (a throwaway cluster from scripts/with-postgres), Redis,
#                                     granian (deploy/appserver.py), nginx (deploy/nginx/newsroom.conf)
#   BENCH_DB=sqlite bench/serve.sh    the same on SQLite
#
# Everything runs from a temporary folder (database, media, static files, Redis, nginx, logs) and is
# stopped and deleted on exit; BENCH_KEEP=1 keeps the folder (logs, results.json). Traffic goes only to
# 127.0.0.1 and every wrk run is bounded: about 3 minutes in all. Settings are production's (DEBUG off,
# HTTPS redirect, secure cookies, every comment check at its default); wrk talks to the app server as nginx does
# (X-Forwarded-Proto: https from 127.0.0.1, a trusted proxy) and to nginx over TLS.
# Knobs: BENCH_SECONDS (10), BENCH_CONNECTIONS (32), WEB_CONCURRENCY (2), APP_THREADS (1), and
# BENCH_QUIET_WAIT=S: before each run wait up to S seconds for the machine to be idle (on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench/serve.sh: $1 not found ($2)" >&2; exit 3; }; }
need wrk "apt-get install -y wrk"
need redis-server "apt-get install -y redis-server"
need openssl "apt-get install -y openssl"
NGINX=${NGINX:-/usr/sbin/nginx}
[ -x "$NGINX" ] || { echo "bench/serve.sh: $NGINX not found (apt-get install -y nginx)" >&2; exit 3; }
[ "$(id -u)" = 0 ] || { echo "bench/serve.sh: run as root (nginx drops to www-data for its workers)" >&2; exit 3; }

# PostgreSQL: run again inside scripts/with-postgres, which starts a cluster, exports DATABASE_URL and
# PGHOST, and deletes the cluster when this script ends.
if [ "${BENCH_DB:-postgres}" = postgres ] && [ -z "${BENCH_INSIDE_PG:-}" ]; then
  BENCH_INSIDE_PG=1 exec scripts/with-postgres "$ROOT/bench/serve.sh" "$@"
fi

export BENCH_SECONDS=${BENCH_SECONDS:-10} BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32}
# Measured on 2 cores (docs/performance.md): one worker per core, one thread each. Every request here is
# CPU-bound (the database is local and fast), so a second thread only adds switching.
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2} APP_THREADS=${APP_THREADS:-1}

BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsroom-serve.XXXXXX")
chmod 755 "$BENCH_DIR"  # nginx's workers (www-data) read the static copies and media in here
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${BENCH_KEEP:-}" ]; then echo "kept: $BENCH_DIR" >&2; else rm -rf "$BENCH_DIR"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for URL what: up to 30 s
  for _ in $(seq 300); do curl -ksf -o /dev/null -H 'X-Forwarded-Proto: https' "$1" && return 0; sleep 0.1; done
  echo "bench/serve.sh: $2 did not answer on $1; logs in $BENCH_DIR (BENCH_KEEP=1 keeps them)" >&2
  exit 1
}

REDIS_PORT=$(free_port)
APP_PORT=$(free_port)
HTTP_PORT=$(free_port)
HTTPS_PORT=$(free_port)

# --- the production settings, from the environment as in `make serve` (the repository's .env is not read:
# every variable it sets is set here first) -------------------------------------------------------------
export DJANGO_SETTINGS_MODULE=newsroom.settings
export DEBUG=False
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY DEMO_PASSWORD=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(12))')
export ALLOWED_HOSTS=127.0.0.1,localhost TRUSTED_PROXIES=127.0.0.1
export CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
export STATIC_ROOT=$BENCH_DIR/static MEDIA_ROOT=$BENCH_DIR/media
if [ "${BENCH_DB:-postgres}" = sqlite ]; then
  export DATABASE_URL=sqlite:///$BENCH_DIR/db.sqlite3
fi
export APP_BIND=127.0.0.1:$APP_PORT
export BENCH_DIR BENCH_APP_PORT=$APP_PORT BENCH_HTTPS_PORT=$HTTPS_PORT BENCH_ROOT_PID=$$
export BENCH_APP_LOG=$BENCH_DIR/appserver.log

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== database: ${DATABASE_URL%%:*}; app server: granian $("$ROOT/.venv/bin/granian" --version | cut -d' ' -f2)," \
  "$WEB_CONCURRENCY workers x $APP_THREADS threads"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$BENCH_DIR/redis.log" 2>&1 &
pids+=($!)

echo "== data: migrate, load_demo, collectstatic, make_renditions (log: $BENCH_DIR/setup.log)"
{
  "$PY" manage.py migrate --noinput
  "$PY" manage.py load_demo --force
  "$PY" manage.py collectstatic --noinput --verbosity 0
  "$PY" manage.py make_renditions
} >"$BENCH_DIR/setup.log" 2>&1 || { cat "$BENCH_DIR/setup.log" >&2; exit 1; }

# The app server as shipped, access log included (the comment check pairs its lines with the stored rows).
"$PY" deploy/appserver.py >>"$BENCH_APP_LOG" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$APP_PORT/healthz" "the app server"

# nginx: deploy/nginx/newsroom.conf with its EDIT lines pointed here, a self-signed certificate.
mkdir -p "$BENCH_DIR/nginx/cache" "$BENCH_DIR/nginx/tmp" "$BENCH_DIR/nginx/acme"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$BENCH_DIR/nginx/key.pem" -out "$BENCH_DIR/nginx/cert.pem" >/dev/null 2>&1
"$PY" bench/serve_stack.py nginx-conf --dir "$BENCH_DIR/nginx" --upstream "$APP_PORT" \
  --http-port "$HTTP_PORT" --https-port "$HTTPS_PORT" --static-root "$STATIC_ROOT" --media-root "$MEDIA_ROOT"
chown -R www-data:www-data "$BENCH_DIR/nginx/cache" "$BENCH_DIR/nginx/tmp"
"$NGINX" -t -q -p "$BENCH_DIR/nginx" -c "$BENCH_DIR/nginx/nginx.conf"
"$NGINX" -p "$BENCH_DIR/nginx" -c "$BENCH_DIR/nginx/nginx.conf" -g 'daemon off;' &
pids+=($!)
wait_for "https://127.0.0.1:$HTTPS_PORT/robots.txt" nginx

echo "== wrk: $BENCH_SECONDS s per page, $BENCH_CONNECTIONS connections, 1 thread"
"$PY" bench/serve_stack.py run
