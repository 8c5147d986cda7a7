"""The helper of bench/serve.sh: nginx's bench config, the pages to hit, the wrk runs, the comment check, the table.

Not meant to be run by hand: bench/serve.sh starts the stack (PostgreSQL or SQLite, Redis, granian, nginx),
exports where everything is (BENCH_* variables), then calls ``serve_stack.py nginx-conf`` and ``run``.
Traffic goes only to 127.0.0.1; every wrk run is bounded by BENCH_SECONDS.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# ---------------------------------------------------------------------------------------------------------
# nginx: the shipped site config with only its "# EDIT" lines rewritten, inside a minimal nginx.conf
# ---------------------------------------------------------------------------------------------------------

NGINX_MAIN = """\
# Bench wrapper around deploy/nginx/newsroom.conf (as site.conf), written by bench/serve_stack.py.
# As Debian's /etc/nginx/nginx.conf: one worker per core, sendfile, an access log.
user www-data www-data;
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    access_log {dir}/access.log;
    client_body_temp_path {dir}/tmp/body;
    proxy_temp_path {dir}/tmp/proxy;
    fastcgi_temp_path {dir}/tmp/fastcgi;
    uwsgi_temp_path {dir}/tmp/uwsgi;
    scgi_temp_path {dir}/tmp/scgi;
    include site.conf;
}}
"""


def nginx_conf(args):
    """Write nginx.conf + site.conf into args.dir; fail loudly if an EDIT line of the shipped file moved."""
    out = Path(args.dir)
    source = (ROOT / "deploy" / "nginx" / "newsroom.conf").read_text()
    # (pattern on an "# EDIT" line, replacement): every one must match exactly once.
    edits = [
        (r"server 127\.0\.0\.1:8000;", f"server 127.0.0.1:{args.upstream};"),
        (r"proxy_cache_path /var/cache/nginx/newsroom ", f"proxy_cache_path {out}/cache "),
        (r"listen 80;", f"listen 127.0.0.1:{args.http_port};"),
        (r"listen 443 ssl http2;", f"listen 127.0.0.1:{args.https_port} ssl http2;"),
        (r"server_name baolaichau\.example www\.baolaichau\.example;", "server_name 127.0.0.1 localhost;"),
        (r"root /var/www/letsencrypt;", f"root {out}/acme;"),
        (r"ssl_certificate /\S+;", f"ssl_certificate {out}/cert.pem;"),
        (r"ssl_certificate_key /\S+;", f"ssl_certificate_key {out}/key.pem;"),
        (r"alias /srv/newsroom/staticfiles/;", f"alias {args.static_root.rstrip('/')}/;"),
        (r"alias /srv/newsroom/media/;", f"alias {args.media_root.rstrip('/')}/;"),
    ]
    lines = source.splitlines()
    hits = collections.Counter()
    for number, line in enumerate(lines):
        if "# EDIT" not in line:
            # The IPv6 twins of the two listen lines carry the port but no EDIT mark: keep them off here.
            if re.match(r"\s*listen \[::\]:(80|443)\b", line):
                lines[number] = re.sub(r"^(\s*)", r"\1# bench: ", line)
            continue
        for index, (pattern, replacement) in enumerate(edits):
            if re.search(pattern, line):
                lines[number] = re.sub(pattern, replacement, line, count=1)
                hits[index] += 1
    counts = [hits[index] for index in range(len(edits))]
    # server_name appears in both server blocks.
    expected = [1, 1, 1, 1, 2, 1, 1, 1, 1, 1]
    if counts != expected:
        missing = [
            edits[i][0] for i, (got, want) in enumerate(zip(counts, expected, strict=True)) if got != want
        ]
        raise SystemExit(f"deploy/nginx/newsroom.conf changed; EDIT lines not found as expected: {missing}")
    (out / "site.conf").write_text("\n".join(lines) + "\n")
    (out / "nginx.conf").write_text(NGINX_MAIN.format(dir=out))


# ---------------------------------------------------------------------------------------------------------
# Django side: the pages to hit, the comment form token, the stored comments
# ---------------------------------------------------------------------------------------------------------


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()


def targets():
    """The pages of the demo paper the bench hits, and a comment form token minted in the past."""
    _django()
    from django.db.models import Count

    from articles.models import Article, Section
    from articles.stories.live import coverage_stamp
    from comments.forms import make_form_token

    article = (
        Article.objects.published()
        .filter(comments_open=True)
        .annotate(comment_count=Count("comments"))
        .order_by("-comment_count", "-published_at")
        .first()
    )
    section = Section.objects.active().annotate(n=Count("articles")).order_by("-n").first()
    # The demo's story covered live, and the stamp its readers poll with while nothing changes.
    live = (
        Article.objects.published().filter(live_started_at__isnull=False, live_ended_at__isnull=True).first()
    )
    live_poll = None
    if live is not None:
        live_poll = f"/truc-tiep/{live.pk}/?sau={coverage_stamp(live, list(live.live_entries.all()))}"
    # Older than COMMENTS_MIN_FILL_SECONDS (the robot timer stays on) and younger than the token's max age.
    token = make_form_token(article, at=time.time() - 600)
    return {
        "article_pk": article.pk,
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        # Two words found in the demo stories: a search with results to rank and highlight.
        "search": "/tim-kiem/?" + urllib.parse.urlencode({"q": "lai chau"}),
        "form_token": token,
        "live_poll": live_poll,
    }


def views_today(article_pk):
    """The story's views in the database today, once every minute still in the cache is written."""
    _django()
    from django.db.models import Sum
    from django.utils import timezone

    from articles.models import DailyViews
    from articles.site.readership import flush_views

    flush_views(now=time.time() + 70)  # as the next minute's first beacon, or the timer, would
    rows = DailyViews.objects.filter(article_id=article_pk, day=timezone.localdate())
    return rows.aggregate(total=Sum("views"))["total"] or 0


def stored_comments(marker):
    _django()
    from comments.models import Comment

    rows = list(Comment.objects.filter(body__contains=marker).values_list("ip_address", "body", "status"))
    return rows


# ---------------------------------------------------------------------------------------------------------
# CPU accounting: who used the two cores during a run (ours by component, and anything else on the machine)
# ---------------------------------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_table():
    """pid -> (command name, parent pid, CPU ticks of the process and of its children it has reaped)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        # utime, stime, cutime, cstime: a worker replaced during the run is counted in its parent.
        table[int(entry)] = (comm, int(fields[1]), sum(int(value) for value in fields[11:15]))
    return table


def _busy_ticks():
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields[:8]) - fields[3] - fields[4]


def _descendants(table, roots, skip):
    children = collections.defaultdict(list)
    for pid, (_comm, ppid, _ticks) in table.items():
        children[ppid].append(pid)
    found, stack = set(), [root for root in roots if root in table]
    while stack:
        pid = stack.pop()
        if pid not in found and pid != skip:
            found.add(pid)
            stack.extend(children[pid])
    return found


def _component(comm):
    for prefix, name in [("granian", "app"), ("postgres", "pg"), ("redis", "redis"), ("nginx", "nginx")]:
        if comm.startswith(prefix):
            return name
    return "ours-other"


def _roots():
    """serve.sh (the app server, nginx and Redis are its children) and the PostgreSQL postmaster, if any."""
    roots = [int(os.environ["BENCH_ROOT_PID"])]
    pid_file = Path(os.environ.get("PGHOST", "/nonexistent"), "data", "postmaster.pid")
    if os.environ.get("DATABASE_URL", "").startswith("postgres") and pid_file.exists():
        roots.append(int(pid_file.read_text().split()[0]))
    return roots


def wait_until_idle(limit):
    """Wait (at most ``limit`` seconds) until the machine has been idle for 3 s: our stack rests between
    runs, so what is busy then is someone else's (a test suite, a build) and would skew the next figures."""
    deadline, idle_for = time.monotonic() + limit, 0
    while time.monotonic() < deadline:
        busy, total = _busy_ticks(), _total_ticks()
        time.sleep(1)
        share = (_busy_ticks() - busy) / max(1, _total_ticks() - total)
        idle_for = idle_for + 1 if share < 0.10 else 0
        if idle_for >= 3:
            return True
    return False


def _total_ticks():
    return sum(int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])


def run_measured(command, env):
    """Run ``command`` (wrk); return its output and the CPU (% of one core) each component used meanwhile.

    Our processes are the descendants of serve.sh and the postmaster (this helper excluded: it only
    waits); wrk's own time comes from wait4. "others" is what the rest of the machine used.
    """
    before, busy_before, started = _proc_table(), _busy_ticks(), time.monotonic()
    with tempfile.TemporaryFile("w+") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, text=True, env=env)
        _pid, status, rusage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read()
    after, busy_after, elapsed = _proc_table(), _busy_ticks(), time.monotonic() - started
    wrk_ticks = (rusage.ru_utime + rusage.ru_stime) * CLOCK_TICKS
    usage = collections.Counter()
    for pid in _descendants(after, _roots(), skip=os.getpid()):
        comm, _ppid, ticks = after[pid]
        earlier = before.get(pid)
        usage[_component(comm)] += ticks - (earlier[2] if earlier and earlier[0] == comm else 0)
    for pid in _descendants(before, _roots(), skip=os.getpid()):
        if pid not in after:
            # Ended during the run (a recycled worker): its whole life is now in its parent's cutime, and
            # the part before the run is not this run's.
            comm, _ppid, ticks = before[pid]
            usage[_component(comm)] -= ticks
    usage["wrk"] = wrk_ticks
    scale = 100 / (CLOCK_TICKS * elapsed)  # percent of one core, as top shows it: 200 is both cores
    cpu = {name: round(ticks * scale) for name, ticks in usage.items()}
    cpu["others"] = max(0, round((busy_after - busy_before - sum(usage.values())) * scale))
    return text, cpu


# ---------------------------------------------------------------------------------------------------------
# wrk
# ---------------------------------------------------------------------------------------------------------

LUA_REPORT = r"""
-- Appended to every bench script: one JSON line with the figures the table needs.
done = function(summary, latency, requests)
  local e = summary.errors
  local extra = ""
  if bench_threads then
    local sent, again, codes = 0, 0, {}
    for _, t in ipairs(bench_threads) do
      sent = sent + (t:get("sent") or 0)
      again = again + (t:get("again") or 0)
      for code, n in string.gmatch(t:get("codes_text") or "", "(%d+)=(%d+)") do
        codes[code] = (codes[code] or 0) + tonumber(n)
      end
    end
    local parts = {}
    for code, n in pairs(codes) do parts[#parts + 1] = string.format('"%s":%d', code, n) end
    extra = string.format(',"sent":%d,"again":%d,"codes":{%s}', sent, again, table.concat(parts, ","))
  end
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d%s}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout, extra))
end
"""

LUA_HEADERS = r"""
-- Straight to the app server, as nginx would send it: the request came over HTTPS (127.0.0.1 is a trusted proxy).
wrk.headers["X-Forwarded-Proto"] = "https"
"""

LUA_VARY = r"""
-- A query string that changes on every request: the page cache's key holds the full path, so every
-- request is a miss (rendered, then stored, as a real miss is).
local counter = 0
local base = wrk.path .. (string.find(wrk.path, "?", 1, true) and "&" or "?") .. "bench=" .. os.getenv("BENCH_RUN") .. "-"
request = function()
  counter = counter + 1
  return wrk.format(nil, base .. counter)
end
"""

LUA_COMMENT = r"""
-- One reader per request: its own address (X-Forwarded-For, believed from 127.0.0.1), email and text.
-- The CSRF cookie and token come from /binh-luan/token/, the form token was minted 10 minutes ago.
bench_threads = {}
setup = function(thread) table.insert(bench_threads, thread) end
local counter = 0
local run = os.getenv("BENCH_RUN")
local path = os.getenv("BENCH_POST_PATH")
local fixed = "&parent=&website=&token=" .. os.getenv("BENCH_FORM_TOKEN") ..
  "&csrfmiddlewaretoken=" .. os.getenv("BENCH_CSRF_TOKEN")
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["X-Forwarded-Proto"] = "https",
  ["Origin"] = os.getenv("BENCH_ORIGIN"),
  ["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF_COOKIE"),
}
-- "Bạn đọc" and "Ý kiến của bạn đọc về bài viết, lượt" in UTF-8, form-encoded.
local name = "B%E1%BA%A1n+%C4%91%E1%BB%8Dc+"
local text = "%C3%9D+ki%E1%BA%BFn+c%E1%BB%A7a+b%E1%BA%A1n+%C4%91%E1%BB%8Dc+v%E1%BB%81+b%C3%A0i+vi%E1%BA%BFt%2C+l%C6%B0%E1%BB%A3t+"
sent, again, codes = 0, 0, {}
codes_text = ""
request = function()
  counter = counter + 1
  local n = counter
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  local body = "name=" .. name .. n .. "&email=r" .. run .. "-" .. n .. "%40bench.example" ..
    "&body=" .. text .. run .. "-" .. n .. fixed
  return wrk.format("POST", path, headers, body)
end
response = function(status, hdrs, body)
  codes[status] = (codes[status] or 0) + 1
  if status == 302 or status == 303 then
    local location = hdrs["Location"] or hdrs["location"] or ""  -- HTTP/1.1 header names have no case
    if string.find(location, "binh-luan=cho-duyet", 1, true) then sent = sent + 1
    elseif string.find(location, "binh-luan=da-nhan", 1, true) then again = again + 1 end
  end
  local parts = {}
  for code, n in pairs(codes) do parts[#parts + 1] = code .. "=" .. n end
  codes_text = table.concat(parts, ",")
end
"""


COMMENT_LABEL = "comment POST, every check on"
BEACON_LABEL = "view beacon POST (Đọc nhiều)"

LUA_BEACON = r"""
-- The article page's view beacon (static/js/read-count.js), one reader per request: its own address
-- (X-Forwarded-For, believed from 127.0.0.1), sent from the page's own origin by a browser, no cookie.
bench_threads = {}
setup = function(thread) table.insert(bench_threads, thread) end
local counter = 0
local path = os.getenv("BENCH_POST_PATH")
local headers = {
  ["X-Forwarded-Proto"] = "https",
  ["Origin"] = os.getenv("BENCH_ORIGIN"),
  ["Sec-Fetch-Site"] = "same-origin",
  ["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36",
}
sent, again, codes = 0, 0, {}
codes_text = ""
request = function()
  counter = counter + 1
  local n = counter
  headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  return wrk.format("POST", path, headers, "")
end
response = function(status, hdrs, body)
  codes[status] = (codes[status] or 0) + 1
  if status == 204 then sent = sent + 1 end
  local parts = {}
  for code, n in pairs(codes) do parts[#parts + 1] = code .. "=" .. n end
  codes_text = table.concat(parts, ",")
end
"""


def _lua(workdir, name, *pieces):
    path = Path(workdir) / f"{name}.lua"
    path.write_text("\n".join(pieces) + LUA_REPORT)
    return str(path)


def wrk(url, script, *, seconds, connections, env=None):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script, url]
    output, cpu = run_measured(command, {**os.environ, **(env or {})})
    line = next((line for line in output.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk failed on {url}:\n{output}")
    figures = json.loads(line[6:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["cpu"] = cpu
    return figures


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    opener = urllib.request.build_opener(_NoRedirect, urllib.request.HTTPSHandler(context=_insecure()))
    with opener.open(request, timeout=30) as response:
        return (
            response.status,
            {name.lower(): value for name, value in response.headers.items()},
            response.read(),
        )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _insecure():
    import ssl

    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own self-signed certificate, on 127.0.0.1
    return context


# ---------------------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------------------


# Other work on the machine above this share of one core (percent) makes a run's figures suspect.
BUSY_OTHERS = 20


def _ms(us):
    return f"{us / 1000:.1f} ms"


def _app_ms(figures):
    """The app server's CPU time per request: what a request costs the app server, however the load spread."""
    app = figures["cpu"].get("app", 0)
    return f"{app / 100 / figures['rps'] * 1000:.2f}" if app >= 5 else ""


def _cpu_text(cpu):
    order = ["app", "pg", "redis", "nginx", "wrk", "others"]
    return " ".join(f"{name} {cpu.get(name, 0)}" for name in order if cpu.get(name, 0) or name == "others")


def _errors(figures):
    bad = figures["connect"] + figures["read"] + figures["write"] + figures["timeout"]
    text = []
    if figures["status"]:
        text.append(f"{figures['status']} non-2xx/3xx")
    if bad:
        text.append(f"{bad} socket errors")
    return ", ".join(text)


def _restarts(log_path, since):
    with open(log_path, encoding="utf-8", errors="replace") as log:
        log.seek(since)
        return log.read().count("Respawning worker")


def _log_size(path):
    return os.path.getsize(path)


def run(args):
    env = os.environ
    seconds, connections = int(env["BENCH_SECONDS"]), int(env["BENCH_CONNECTIONS"])
    workdir = Path(env["BENCH_DIR"])
    app = f"http://127.0.0.1:{env['BENCH_APP_PORT']}"
    edge = f"https://127.0.0.1:{env['BENCH_HTTPS_PORT']}"
    app_log = env["BENCH_APP_LOG"]
    run_id = str(int(time.time()))
    page = targets()
    proto = {"X-Forwarded-Proto": "https"}

    # The floor: the hashed stylesheet, answered by WhiteNoise in the app server before any view of ours.
    manifest = json.loads(Path(env["STATIC_ROOT"], "staticfiles.json").read_text())
    floor_path = "/static/" + manifest["paths"]["css/site.css"]

    plain = _lua(workdir, "plain", LUA_HEADERS)
    vary = _lua(workdir, "vary", LUA_HEADERS, LUA_VARY)
    edge_plain = _lua(workdir, "edge", "")
    comment = _lua(workdir, "comment", LUA_COMMENT)
    beacon = _lua(workdir, "beacon", LUA_BEACON)

    # Warm every page once (the first request fills the page cache), and copy the home and article pages
    # into nginx's static folder: nginx then serves files of exactly their size and type.
    static_copies = {}
    for label, path in [("home", "/"), ("article", page["article"])]:
        status, headers, body = fetch(app + path, proto)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
        name = f"bench/{label}-{len(body)}.html"
        Path(env["STATIC_ROOT"], name).parent.mkdir(exist_ok=True)
        Path(env["STATIC_ROOT"], name).write_bytes(body)
        static_copies[label] = ("/static/" + name, len(body))
    for path in [
        floor_path,
        page["section"],
        page["search"],
        *([page["live_poll"]] if page["live_poll"] else []),
    ]:
        status, _headers, _body = fetch(app + path, proto)
        if status != 200:
            raise SystemExit(f"{path}: HTTP {status}")
    for path in ["/", page["article"], static_copies["home"][0], static_copies["article"][0]]:
        status, headers, _body = fetch(edge + path)
        if status != 200:
            raise SystemExit(f"nginx {path}: HTTP {status}")

    rows = [
        # (label, url, wrk script, the nginx static row it is compared with)
        ("floor: WhiteNoise static file via granian", app + floor_path, plain, None),
        ("home, cached", app + "/", plain, None),
        ("section, cached", app + page["section"], plain, None),
        ("article, cached", app + page["article"], plain, None),
        ("article, uncached (query varies)", app + page["article"], vary, None),
        ("search, cached", app + page["search"], plain, None),
        ("search, uncached (query varies)", app + page["search"], vary, None),
        ("nginx: static file, home's size", edge + static_copies["home"][0], edge_plain, None),
        ("nginx: home via micro-cache", edge + "/", edge_plain, "nginx: static file, home's size"),
        ("nginx: static file, article's size", edge + static_copies["article"][0], edge_plain, None),
        (
            "nginx: article via micro-cache",
            edge + page["article"],
            edge_plain,
            "nginx: static file, article's size",
        ),
    ]
    if page["live_poll"]:
        # What every open page of a live story asks each LIVE_POLL_SECONDS while nothing changes.
        rows.insert(6, ("live poll, unchanged (cached)", app + page["live_poll"], plain, None))
    results = {}
    quiet_wait = int(env.get("BENCH_QUIET_WAIT", "0"))
    # BENCH_ONLY=<regex>: only the rows whose label matches (the floor always), no report: a quick check.
    only = env.get("BENCH_ONLY")
    for label, url, script, _ in rows:
        if only and label != rows[0][0] and not re.search(only, label):
            continue
        # With BENCH_QUIET_WAIT, a run during which other work took a fifth of a core is made again
        # (twice at most) once the machine is idle.
        for attempt in range(3 if quiet_wait else 1):
            if quiet_wait and not wait_until_idle(quiet_wait):
                print(f"  the machine stayed busy for {quiet_wait} s before: {label}", file=sys.stderr)
            adjacent_floor = None
            if label != rows[0][0] and url.startswith(app) and "uncached" not in label:
                # On a shared machine the speed drifts between runs: each cached page is compared with
                # a floor measured just before it, the same way.
                adjacent_floor = wrk(
                    rows[0][1],
                    rows[0][2],
                    seconds=seconds,
                    connections=connections,
                    env={"BENCH_RUN": run_id},
                )
            since = _log_size(app_log)
            wrk(url, script, seconds=2, connections=connections, env={"BENCH_RUN": run_id + "w"})  # warm-up
            figures = wrk(url, script, seconds=seconds, connections=connections, env={"BENCH_RUN": run_id})
            if adjacent_floor:
                figures["floor_rps"] = adjacent_floor["rps"]
            figures["restarts"] = _restarts(app_log, since)
            figures["attempt"] = attempt + 1
            if figures["cpu"].get("others", 0) < BUSY_OTHERS:
                break
        results[label] = figures
        print(f"  measured {label}: {figures['rps']:.0f} req/s", file=sys.stderr, flush=True)

    run_comment = not only or re.search(only, "comment POST")
    run_beacon = not only or re.search(only, "beacon")
    if not run_comment and not run_beacon:
        floor = results[rows[0][0]]["rps"]
        for label, figures in results.items():
            print(
                f"{label:<45}{figures['rps']:>8.0f} req/s {figures['rps'] / figures.get('floor_rps', floor):>6.2f} x floor  {_app_ms(figures)} ms"
            )
        return
    comment_check = beacon_check = None
    host = app.removeprefix("http://")
    if run_comment:
        # The comment POST: a CSRF cookie + token as the page's script gets them, then one reader per request.
        status, headers, body = fetch(app + "/binh-luan/token/", proto)
        csrf_token = json.loads(body)["token"]
        csrf_cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", "")).group(1)
        comment_env = {
            "BENCH_RUN": run_id,
            "BENCH_POST_PATH": f"/binh-luan/gui/{page['article_pk']}/",
            "BENCH_FORM_TOKEN": page["form_token"],
            "BENCH_CSRF_TOKEN": csrf_token,
            "BENCH_CSRF_COOKIE": csrf_cookie,
            "BENCH_ORIGIN": f"https://{host}",
        }
        if quiet_wait and not wait_until_idle(quiet_wait):
            print(f"  the machine stayed busy for {quiet_wait} s before the comment POST", file=sys.stderr)
        since = _log_size(app_log)
        figures = wrk(
            app + comment_env["BENCH_POST_PATH"],
            comment,
            seconds=seconds,
            connections=connections,
            env=comment_env,
        )
        figures["restarts"] = _restarts(app_log, since)
        time.sleep(1.5)  # let the requests wrk left in flight finish and be logged
        comment_check = check_comments(run_id, app_log, since, comment_env["BENCH_POST_PATH"], figures)
        results[COMMENT_LABEL] = figures
    if run_beacon:
        # The view beacon: one reader per request, so every 204 is a view counted once; the database's
        # count, once the last minute is written, must equal the 204s the server answered (its access log:
        # wrk reads fewer, by the requests in flight when it stops).
        beacon_env = {
            "BENCH_RUN": run_id,
            "BENCH_POST_PATH": f"/luot-doc/{page['article_pk']}/",
            "BENCH_ORIGIN": f"https://{host}",
        }
        if quiet_wait and not wait_until_idle(quiet_wait):
            print(f"  the machine stayed busy for {quiet_wait} s before the beacon", file=sys.stderr)
        before = views_today(page["article_pk"])
        since = _log_size(app_log)
        figures = wrk(
            app + beacon_env["BENCH_POST_PATH"],
            beacon,
            seconds=seconds,
            connections=connections,
            env=beacon_env,
        )
        figures["restarts"] = _restarts(app_log, since)
        time.sleep(1.5)  # let the requests wrk left in flight finish
        beacon_check = {
            "client_204": figures["sent"],
            "server_204": server_answers(app_log, since, beacon_env["BENCH_POST_PATH"], 204),
            "counted": views_today(page["article_pk"]) - before,
            "codes": figures["codes"],
        }
        results[BEACON_LABEL] = figures
        print(f"  measured {BEACON_LABEL}: {figures['rps']:.0f} req/s", file=sys.stderr, flush=True)

    from django.conf import settings

    checks = {
        name: getattr(settings, name)
        for name in [
            "COMMENTS_MIN_FILL_SECONDS",
            "COMMENTS_MIN_INTERVAL_SECONDS",
            "COMMENTS_MAX_PER_HOUR",
            "COMMENTS_DUPLICATE_WINDOW_SECONDS",
            "PAGE_CACHE_SECONDS",
            "EDGE_CACHE_SECONDS",
        ]
    }
    report(results, rows, page, floor_path, static_copies, comment_check, beacon_check, seconds, connections)
    print("settings: " + ", ".join(f"{name}={value}" for name, value in checks.items()))
    Path(workdir, "results.json").write_text(
        json.dumps({"results": results, "comments": comment_check, "beacon": beacon_check}, indent=1)
    )


def server_answers(app_log, since, post_path, status):
    """How many POSTs to ``post_path`` the app server answered with ``status`` (its access log, from ``since``)."""
    pattern = re.compile(r'^\S+ \S+ "POST ' + re.escape(post_path) + rf' HTTP/1\.1" {status} ')
    with open(app_log, encoding="utf-8", errors="replace") as log:
        log.seek(since)
        return sum(1 for line in log if pattern.match(line))


def check_comments(run_id, app_log, since, post_path, figures):
    """Pair the server's answers (its access log: X-Forwarded-For and status) with the stored rows."""
    answered = collections.defaultdict(list)
    pattern = re.compile(r'^(\S+) \S+ "POST ' + re.escape(post_path) + r' HTTP/1\.1" (\d{3}) ')
    with open(app_log, encoding="utf-8", errors="replace") as log:
        log.seek(since)
        for line in log:
            if match := pattern.match(line):
                answered[match.group(1)].append(int(match.group(2)))
    rows = stored_comments(f"{run_id}-")
    by_ip = collections.Counter(ip for ip, _body, _status in rows)
    bodies = collections.Counter(body for _ip, body, _status in rows)
    server_sent = {ip for ip, codes in answered.items() if 302 in codes}
    stored_ips = set(by_ip)
    return {
        "client_sent": figures["sent"],
        "client_again": figures["again"],
        "client_codes": figures["codes"],
        "server_answers": sum(len(codes) for codes in answered.values()),
        "server_sent": len(server_sent),
        "stored": len(rows),
        "statuses": dict(collections.Counter(status for _ip, _body, status in rows)),
        "lost": len(server_sent - stored_ips),
        "duplicated": sum(n - 1 for n in by_ip.values()) + sum(n - 1 for n in bodies.values()),
        "stored_without_sent_answer": len(stored_ips - server_sent),
        "requests_sent_twice": sum(1 for codes in answered.values() if len(codes) > 1),
    }


def report(results, rows, page, floor_path, static_copies, comment, beacon, seconds, connections):
    floor = results[rows[0][0]]
    width = max(len(label) for label in results) + 2
    print()
    print(
        f"Pages (wrk -t1 -c{connections} -d{seconds}s, after a 2 s warm-up; CPU in % of one core during the run)"
    )
    print(
        f"{'page':<{width}}{'req/s':>9}{'p50':>11}{'p99':>11}{'x floor':>9}{'x nginx':>9}"
        f"{'app ms/req':>12}   CPU %"
    )
    for label, *_rest in rows + [(COMMENT_LABEL, None, None, None), (BEACON_LABEL, None, None, None)]:
        if label not in results:  # BENCH_ONLY left it out
            continue
        figures = results[label]
        nginx_ref = next((row[3] for row in rows if row[0] == label), None)
        ratio_nginx = f"{figures['rps'] / results[nginx_ref]['rps']:.2f}" if nginx_ref else ""
        notes = [
            text for text in [_errors(figures) if label not in (COMMENT_LABEL, BEACON_LABEL) else ""] if text
        ]
        if figures["restarts"]:
            notes.append(f"{figures['restarts']} worker restarts")
        if figures["cpu"].get("others", 0) >= BUSY_OTHERS:
            notes.append("machine busy with other work: figures low")
        if figures.get("attempt", 1) > 1:
            notes.append(f"measured {figures['attempt']} times, the machine was busy")
        print(
            f"{label:<{width}}{figures['rps']:>9.0f}{_ms(figures['p50_us']):>11}{_ms(figures['p99_us']):>11}"
            f"{figures['rps'] / figures.get('floor_rps', floor['rps']):>9.2f}{ratio_nginx:>9}{_app_ms(figures):>12}"
            f"   {_cpu_text(figures['cpu'])}" + (f"   [{'; '.join(notes)}]" if notes else "")
        )
    print()
    print(
        f"floor = {floor_path} ({floor['bytes'] // max(1, floor['requests'])} bytes), served by WhiteNoise "
        "inside granian: the same server, middleware up to WhiteNoise, no view."
    )
    print(
        f"pages: article {page['article']}, section {page['section']}, search {page['search']}; "
        f"nginx static copies: {static_copies['home'][0]}, {static_copies['article'][0]} (the pages' own bytes)."
    )
    verdict = None
    if comment is not None:
        print()
        print(
            "comment POST: sent {client_sent} (302 'cho-duyet' read by wrk; the server answered {server_sent}), "
            "stored {stored}, lost {lost}, duplicated {duplicated}, stored without a 'sent' answer "
            "{stored_without_sent_answer}; answers by status {client_codes}; stored as {statuses}".format(
                **comment
            )
        )
        verdict = (
            comment["lost"] == 0 and comment["duplicated"] == 0 and comment["stored_without_sent_answer"] == 0
        )
        print(f"comment check: {'PASS' if verdict else 'FAIL'} (every 'sent' answer stored exactly once)")
    if beacon is not None:
        print()
        print(
            "view beacon: 204 read by wrk {client_204} (the server answered {server_204}), counted in the "
            "database {counted}; answers by status {codes}".format(**beacon)
        )
        same = beacon["counted"] == beacon["server_204"]
        print(f"beacon check: {'PASS' if same else 'FAIL'} (every reader's 204 counted exactly once)")
    print()
    cached = [label for label, *_ in rows[1:7] if "uncached" not in label and label in results]
    print("targets:")
    for label in cached:
        ratio = results[label]["rps"] / results[label].get("floor_rps", floor["rps"])
        print(f"  {label}: {ratio:.2f} x floor  (>= 0.9) {'met' if ratio >= 0.9 else 'MISSED'}")
    for label, *_rest, ref in rows:
        if ref and label in results and ref in results:
            ratio = results[label]["rps"] / results[ref]["rps"]
            print(f"  {label}: {ratio:.2f} x nginx static (>= 0.5) {'met' if ratio >= 0.5 else 'MISSED'}")
    if comment is not None:
        rps = results[COMMENT_LABEL]["rps"]
        ok = rps >= 500 and verdict
        print(
            f"  comment POST: {rps:.0f} req/s (>= 500, none lost or duplicated) {'met' if ok else 'MISSED'}"
        )
    if beacon is not None and comment is not None:
        ratio = results[BEACON_LABEL]["rps"] / results[COMMENT_LABEL]["rps"]
        print(f"  view beacon: {ratio:.2f} x comment POST (>= 1) {'met' if ratio >= 1 else 'MISSED'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    conf = commands.add_parser("nginx-conf")
    conf.add_argument("--dir", required=True)
    conf.add_argument("--upstream", required=True)
    conf.add_argument("--http-port", required=True)
    conf.add_argument("--https-port", required=True)
    conf.add_argument("--static-root", required=True)
    conf.add_argument("--media-root", required=True)
    commands.add_parser("run")
    args = parser.parse_args()
    if args.command == "nginx-conf":
        nginx_conf(args)
    else:
        run(args)


if __name__ == "__main__":
    main()
