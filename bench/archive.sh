#!/usr/bin/env bash
# The archive benchmark: N stories in a throwaway PostgreSQL, the app server as shipped, one table of p50/p95.
#
#   bench/archive.sh                       BENCH_STORIES=100000 (the issue's figures; minutes to build)
#   BENCH_STORIES=2000 bench/archive.sh    a quick check that everything works
#
# A throwaway cluster (scripts/with-postgres), migrate, make_bench_archive, collectstatic, Redis if
# redis-server is installed (else a file cache in the temporary folder), then granian
# (deploy/appserver.py, one worker, one thread: the issue's measure) with bench.baseline_settings, which is
# production's settings plus the naive baseline page (bench/baseline.py). bench/archive.py then sends
# BENCH_REQUESTS (200) requests per row, one at a time, each with a query parameter no other request has
# (so the reader's page cache misses), and prints one table with the targets. Before the app server starts,
# `manage.py render_stories` stores every story's page, as after a deploy (articles/site/stored_pages.py).
# Everything lives in a temporary folder, deleted on exit; BENCH_KEEP=1 keeps it. Traffic only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}

if [ -z "${BENCH_INSIDE_PG:-}" ]; then
  BENCH_INSIDE_PG=1 exec scripts/with-postgres "$ROOT/bench/archive.sh" "$@"
fi

export BENCH_STORIES=${BENCH_STORIES:-100000} BENCH_REQUESTS=${BENCH_REQUESTS:-200}
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-1} APP_THREADS=${APP_THREADS:-1}
BENCH_DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsroom-archive.XXXXXX")
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
APP_PORT=$(free_port)

# Production's settings from the environment (the repository's .env is not read), plus the baseline URL.
export DJANGO_SETTINGS_MODULE=bench.baseline_settings DEBUG=False
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY ALLOWED_HOSTS=127.0.0.1,localhost TRUSTED_PROXIES=127.0.0.1
export STATIC_ROOT=$BENCH_DIR/static MEDIA_ROOT=$BENCH_DIR/media
export APP_BIND=127.0.0.1:$APP_PORT BENCH_APP_URL=http://127.0.0.1:$APP_PORT
if command -v redis-server >/dev/null 2>&1; then
  REDIS_PORT=$(free_port)
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$BENCH_DIR/redis.log" 2>&1 &
  pids+=($!)
  export CACHE_URL=redis://127.0.0.1:$REDIS_PORT/0
else
  export CACHE_URL=filecache://$BENCH_DIR/cache
fi

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); cache: ${CACHE_URL%%:*}"
echo "== data: migrate, make_bench_archive --stories $BENCH_STORIES, collectstatic (log: $BENCH_DIR/setup.log)"
started=$(date +%s)
{
  "$PY" manage.py migrate --noinput
  "$PY" manage.py make_bench_archive --stories "$BENCH_STORIES"
  "$PY" manage.py collectstatic --noinput --verbosity 0
} >"$BENCH_DIR/setup.log" 2>&1 || { cat "$BENCH_DIR/setup.log" >&2; exit 1; }
echo "   built in $(( $(date +%s) - started )) s: $(grep -E '^Đã tạo' "$BENCH_DIR/setup.log" || true)"

# What a deploy does once the new code is up (docs/deploy.md): store every public story's page, one process
# per core. The article row reads these; the row after it makes them stale first and renders on the spot.
export SITE_URL=https://127.0.0.1
echo "== render_stories on $(nproc) processes (log: $BENCH_DIR/render.log)"
started=$(date +%s)
parts=$(nproc)
render_pids=()
for k in $(seq "$parts"); do
  "$PY" manage.py render_stories --part "$k/$parts" >>"$BENCH_DIR/render.log" 2>&1 &
  render_pids+=($!)
done
for pid in "${render_pids[@]}"; do wait "$pid" || { cat "$BENCH_DIR/render.log" >&2; exit 1; }; done
echo "   stored in $(( $(date +%s) - started )) s by $(grep -c '^Đã dựng' "$BENCH_DIR/render.log") processes;" \
  "table: $("$PY" manage.py dbshell -- -Atc "SELECT count(*) || ' pages, ' || pg_size_pretty(pg_total_relation_size('articles_storedpage')) FROM articles_storedpage" 2>/dev/null)"

APP_ACCESS_LOG=false "$PY" deploy/appserver.py >"$BENCH_DIR/appserver.log" 2>&1 &
pids+=($!)
for _ in $(seq 300); do
  curl -sf -o /dev/null -H 'X-Forwarded-Proto: https' "$BENCH_APP_URL/healthz" && break
  sleep 0.1
done
curl -sf -o /dev/null -H 'X-Forwarded-Proto: https' "$BENCH_APP_URL/healthz" \
  || { echo "bench/archive.sh: the app server did not start; log: $BENCH_DIR/appserver.log" >&2; cat "$BENCH_DIR/appserver.log" >&2; exit 1; }

echo "== granian, $WEB_CONCURRENCY worker x $APP_THREADS thread; $BENCH_REQUESTS requests per row, one at a time"
"$PY" bench/archive.py
