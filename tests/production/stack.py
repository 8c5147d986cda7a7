"""The production stack for real, on loopback ports: redis-server, two granian app servers and nginx."""

import contextlib
import http.client
import json
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[2]
LOOPBACK = "127.0.0.1"
# Bounds on every wait, so a server that never comes up fails the run instead of hanging it.
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
REQUEST_TIMEOUT = 10.0
# nginx lives in /usr/sbin, which is not on an unprivileged user's PATH on Debian.
_SEARCH_PATH = os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin", "/sbin"])
# If pytest itself is killed (a CI job's timeout), the kernel stops our servers too: util-linux's setpriv
# sets the parent-death signal and then runs the server in its place. Without it, fixture teardown alone.
_SETPRIV = shutil.which("setpriv", path=_SEARCH_PATH)


def find_tools():
    """Where each program the stack needs is (None when missing): the Debian packages and the venv's granian."""
    granian = Path(sys.executable).with_name("granian")
    return {
        "redis-server": shutil.which("redis-server", path=_SEARCH_PATH),
        "nginx": shutil.which("nginx", path=_SEARCH_PATH),
        "openssl": shutil.which("openssl", path=_SEARCH_PATH),
        "granian": str(granian) if os.access(granian, os.X_OK) else None,
    }


def free_ports(count):
    """``count`` distinct loopback ports nobody listens on (all held open together, so none repeats)."""
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind((LOOPBACK, 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def wait_for(what, check, *, timeout, interval=0.1, process=None):
    """Call ``check()`` until it returns something truthy, for at most ``timeout`` seconds, and return it.

    ``process``: the server being waited for; if it exits, waiting longer is pointless.
    """
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        if process is not None and not process.alive:
            raise RuntimeError(f"{what}: {process.name} exited ({process.returncode})\n{process.log_tail()}")
        try:
            if result := check():
                return result
        except (OSError, http.client.HTTPException) as error:
            last_error = error
        if time.monotonic() >= deadline:
            tail = process.log_tail() if process is not None else ""
            raise TimeoutError(f"{what}: not ready after {timeout:.0f} s (last error: {last_error})\n{tail}")
        time.sleep(interval)


def run(command, *, timeout=60, env=None):
    """A short command (openssl, collectstatic, nginx -t); its output is in the error when it fails."""
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{shlex.join(map(str, command))} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return done


# --- Processes -------------------------------------------------------------------------------------------


class Server:
    """A long-running process we started, in its own process group, logging to a file."""

    def __init__(self, name, command, *, log_path, env=None):
        self.name, self.log_path, self.env = name, log_path, env
        self.command = [str(part) for part in command]
        self.process = None

    @property
    def alive(self):
        return self.process is not None and self.process.poll() is None

    @property
    def returncode(self):
        return None if self.process is None else self.process.poll()

    def start(self):
        self.launch()
        self.wait_until_ready()
        return self

    def launch(self):
        with open(self.log_path, "ab") as log:
            # A session of its own: a stop that has to force it ends its workers too, and nothing else.
            command = [_SETPRIV, "--pdeathsig", "TERM", "--", *self.command] if _SETPRIV else self.command
            self.process = subprocess.Popen(
                command,
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_until_ready(self):
        raise NotImplementedError

    def stop(self):
        """SIGTERM (each of our servers shuts down cleanly on it), then SIGKILL to its group after a bound."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT)

    def log_text(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def log_tail(self, lines=40):
        return "\n".join(self.log_text().splitlines()[-lines:])


class Redis(Server):
    def __init__(self, *, port, folder, binary):
        self.port = port
        super().__init__(
            "redis-server",
            # A cache only: no snapshots, no append-only file, so a restart starts empty as in production.
            [binary, "--port", port, "--bind", LOOPBACK, "--save", "", "--appendonly", "no", "--dir", folder],
            log_path=folder / "redis.log",
        )

    @property
    def url(self):
        return f"redis://{LOOPBACK}:{self.port}/0"

    def answers(self):
        with socket.create_connection((LOOPBACK, self.port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    def wait_until_ready(self):
        wait_for("redis-server", self.answers, timeout=START_TIMEOUT, process=self)


class AppServer(Server):
    """The app server as deploy/appserver.py starts it (granian), everything else from the environment."""

    def __init__(self, name, *, port, env, folder):
        self.port = port
        super().__init__(
            name,
            [sys.executable, REPO / "deploy" / "appserver.py"],
            log_path=folder / f"appserver-{name}.log",
            env={**env, "APP_BIND": f"{LOOPBACK}:{port}"},
        )

    def client(self, **kwargs):
        return Client.direct(self.port, **kwargs)

    def healthy(self):
        return self.client().get("/healthz").status == 200

    def wait_until_ready(self):
        wait_for(f"app server {self.name}", self.healthy, timeout=START_TIMEOUT, interval=0.2, process=self)

    def workers_booted(self):
        """How many workers this server has started: more than WEB_CONCURRENCY means one was replaced."""
        return len(re.findall(r"Spawning worker-\d+", self.log_text()))

    def requested_paths(self):
        """The paths in this server's access log (its format starts with X-Forwarded-For, peer, request)."""
        return re.findall(r'"[A-Z]+ (\S+) HTTP/[0-9.]+"', self.log_text())


class Nginx(Server):
    def __init__(self, *, conf, folder, binary, port):
        self.conf, self.folder, self.port, self.binary = conf, folder, port, binary
        super().__init__(
            "nginx",
            [binary, "-c", conf, "-p", folder, "-e", folder / "error.log"],
            log_path=folder / "nginx.out",
        )

    def check_config(self):
        run([self.binary, "-t", "-c", self.conf, "-p", self.folder, "-e", self.folder / "error.log"])

    def client(self, **kwargs):
        return Client.through_nginx(self.port, **kwargs)

    def answers(self):
        # Not /healthz: through nginx it is a redirect (see test_healthz_through_nginx_...).
        return self.client().get("/robots.txt").status == 200

    def wait_until_ready(self):
        wait_for("nginx", self.answers, timeout=START_TIMEOUT, process=self)

    def log_tail(self, lines=40):
        errors = self.folder / "error.log"
        text = errors.read_text(errors="replace") if errors.exists() else ""
        return "\n".join((super().log_text() + text).splitlines()[-lines:])


# --- nginx's configuration: the shipped site, only its EDIT lines changed ------------------------------

_EDIT_LINE = re.compile(
    r"^(?P<indent>\s*)(?P<directive>\S+)\s+(?P<args>[^;]*);\s*(?P<comment>#\s*EDIT:?\s*(?P<what>.*?))\s*$"
)


def rewrite_site_config(
    text,
    *,
    upstreams,
    cache_folder,
    http_port,
    https_port,
    certificate,
    key,
    static_root,
    media_root,
    acme_root,
):
    """deploy/nginx/newsroom.conf with each ``# EDIT`` value replaced; an EDIT line not known here is an error.

    The unmarked ``listen [::]:...`` twins of the two port lines are dropped: they would bind the shipped
    ports 80/443 on every IPv6 address of this machine.
    """
    values = {
        "one line per app server": [f"{LOOPBACK}:{port}" for port in upstreams],
        "cache folder": None,
        "port": None,
        "your domain": [f"{LOOPBACK} localhost"],
        "certbot --webroot folder": [str(acme_root)],
        "certificate": [str(certificate)],
        "its key": [str(key)],
        "STATIC_ROOT": [f"{static_root}/"],
        "MEDIA_ROOT": [f"{media_root}/"],
    }
    lines, seen = [], set()
    for line in text.splitlines():
        if line.strip().startswith("listen [::]"):
            continue
        match = _EDIT_LINE.match(line)
        if match is None:
            lines.append(line)
            continue
        # "one line per app server (its APP_BIND)": the words before any aside name the value.
        what, args = re.sub(r"\s*\(.*\)$", "", match["what"]), match["args"].split()
        if what not in values:
            raise ValueError(f"deploy/nginx/newsroom.conf has an EDIT line this test does not know: {line!r}")
        seen.add(what)
        if what == "cache folder":
            replaced = [" ".join([str(cache_folder), *args[1:]])]
        elif what == "port":
            port = https_port if "ssl" in args else http_port
            replaced = [" ".join([f"{LOOPBACK}:{port}", *args[1:]])]
        else:
            replaced = values[what]
        lines.extend(
            f"{match['indent']}{match['directive']} {value};  {match['comment']}" for value in replaced
        )
    if missing := set(values) - seen:
        raise ValueError(f"deploy/nginx/newsroom.conf no longer has these EDIT lines: {sorted(missing)}")
    return "\n".join(lines) + "\n"


def main_config(folder):
    """The minimal nginx.conf around the site: everything in ``folder``, in the foreground, one worker."""
    # Workers of a root master default to "nobody", who cannot read our private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / 'temp' / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} info;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # Which app server answered and what the micro-cache did: evidence for the tests, not a setting under test.
    log_format stack '$remote_addr "$request" $status upstream=$upstream_addr cache=$upstream_cache_status';
    access_log {folder / "access.log"} stack;
{temp}
    include {folder / "site.conf"};
}}
"""


def self_signed_certificate(folder, openssl):
    certificate, key = folder / "cert.pem", folder / "key.pem"
    run(
        [
            openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", f"/CN={LOOPBACK}",
            "-addext", f"subjectAltName=IP:{LOOPBACK}",
        ]
    )  # fmt: skip
    return certificate, key


# --- The whole stack -------------------------------------------------------------------------------------


@dataclass
class Stack:
    folder: Path
    static_root: Path
    media_root: Path
    redis: Redis
    app_servers: list
    nginx: Nginx
    env: dict

    def browser(self, **kwargs):
        """A reader's browser, talking TLS to nginx."""
        return self.nginx.client(**kwargs)


def database_url(settings_dict):
    """A DATABASE_URL for Django's connection settings (PostgreSQL); an empty host keeps libpq's PGHOST."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or ""
    if host.startswith("/"):
        host = ""  # a socket folder: passed on as PGHOST, which libpq reads when the URL names no host
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") and host else ""
    return f"postgres://{credentials}{quote(host, safe='')}{port}/{quote(settings_dict['NAME'], safe='')}"


def app_environment(*, database_url, redis_url, static_root, media_root, nginx_port):
    """Production settings for the app servers: DEBUG off, secure cookies and HTTPS redirect on."""
    env = {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": "production-stack-test-key-not-secret-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": f"{LOOPBACK},localhost",
        # A browser says Origin: https://127.0.0.1:<port>, but nginx forwards Host without the port (as on
        # 443 in production), so the test's port is the one origin Django must be told about.
        "CSRF_TRUSTED_ORIGINS": f"https://{LOOPBACK}:{nginx_port}",
        "DATABASE_URL": database_url,
        "CACHE_URL": redis_url,
        "TRUSTED_PROXIES": LOOPBACK,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "SERVE_MEDIA": "False",
        "PAGE_CACHE_SECONDS": "120",
        "EDGE_CACHE_SECONDS": "2",
        "COMMENTS_MIN_FILL_SECONDS": "0",
        "COMMENTS_MIN_INTERVAL_SECONDS": "15",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "WEB_CONCURRENCY": "1",
        "APP_THREADS": "4",
        "PYTHONUNBUFFERED": "1",
    }
    for name in ("SECURE_SSL_REDIRECT", "SECURE_COOKIES", "CONN_MAX_AGE", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)  # production defaults, whatever the shell running the tests says
    return env


@contextlib.contextmanager
def running_stack(*, database_url, tools):
    """Start Redis, collectstatic, two app servers and nginx; stop them all and delete every file on exit."""
    with contextlib.ExitStack() as cleanup:
        folder = Path(tempfile.mkdtemp(prefix="newsroom-stack-"))
        cleanup.callback(shutil.rmtree, folder, ignore_errors=True)
        static_root, media_root = folder / "static", folder / "media"
        for path in (static_root, media_root, folder / "nginx-cache", folder / "acme", folder / "temp"):
            path.mkdir()
        redis_port, port_a, port_b, http_port, https_port = free_ports(5)

        redis = Redis(port=redis_port, folder=folder, binary=tools["redis-server"])
        cleanup.callback(redis.stop)
        redis.start()

        env = app_environment(
            database_url=database_url,
            redis_url=redis.url,
            static_root=static_root,
            media_root=media_root,
            nginx_port=https_port,
        )
        run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env=env)

        app_servers = [
            AppServer(name, port=port, env=env, folder=folder)
            for name, port in (("A", port_a), ("B", port_b))
        ]
        for server in app_servers:
            cleanup.callback(server.stop)
            server.launch()  # both boot at once, then both are waited for: two cores, half the start-up time
        for server in app_servers:
            server.wait_until_ready()

        certificate, key = self_signed_certificate(folder, tools["openssl"])
        site = rewrite_site_config(
            (REPO / "deploy" / "nginx" / "newsroom.conf").read_text(),
            upstreams=[port_a, port_b],
            cache_folder=folder / "nginx-cache",
            http_port=http_port,
            https_port=https_port,
            certificate=certificate,
            key=key,
            static_root=static_root,
            media_root=media_root,
            acme_root=folder / "acme",
        )
        (folder / "site.conf").write_text(site)
        (folder / "nginx.conf").write_text(main_config(folder))
        nginx = Nginx(conf=folder / "nginx.conf", folder=folder, binary=tools["nginx"], port=https_port)
        nginx.check_config()
        cleanup.callback(nginx.stop)
        nginx.start()

        yield Stack(
            folder=folder,
            static_root=static_root,
            media_root=media_root,
            redis=redis,
            app_servers=app_servers,
            nginx=nginx,
            env=env,
        )


# --- PostgreSQL: only the throwaway cluster of scripts/with-postgres is ours to restart --------------------


def throwaway_cluster():
    """The data folder of scripts/with-postgres's cluster ("$PGHOST/data"), or None if the server is another."""
    host = os.environ.get("PGHOST", "")
    data = Path(host) / "data"
    if host.startswith("/") and (data / "postmaster.opts").is_file():
        return data
    return None


def restart_postgresql(data, *, timeout=60):
    """``pg_ctl restart`` (fast: connections are cut, as in a real restart), as the cluster's owner; waits for it."""
    # postmaster.opts holds the server's command line, which pg_ctl restart reuses: its binary says which pg_ctl.
    postgres = shlex.split((data / "postmaster.opts").read_text())[0]
    pg_ctl = Path(postgres).with_name("pg_ctl")
    log = data.parent / "server.log"  # where scripts/with-postgres has it write, so pg_ctl's pipe closes
    command = [pg_ctl, "-D", data, "-l", log, "-m", "fast", "-w", "-t", "30", "restart"]
    owner = data.stat().st_uid
    if os.geteuid() != owner:
        command = ["runuser", "-u", pwd.getpwuid(owner).pw_name, "--", *command]
    return run(command, timeout=timeout)


# --- HTTP, as a browser through nginx or as nginx in front of one app server -----------------------------


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    received_at: float

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def header(self, name, default=None):
        return self.headers.get(name, default)

    def json(self):
        return json.loads(self.body)


class Client:
    """One visitor's connection details and cookies. Traffic goes to 127.0.0.1 only.

    ``through_nginx``: TLS to nginx (certificate not checked: it is self-signed), ``Host: 127.0.0.1``.
    ``direct``: plain HTTP to one app server, sending what nginx would add (X-Forwarded-Proto, -For): the
    app trusts 127.0.0.1 as its proxy, so the test stands where nginx stands.
    """

    def __init__(self, port, *, tls, host, origin, extra_headers):
        self.port, self.tls, self.host, self.origin = port, tls, host, origin
        self.extra_headers = extra_headers
        self.cookies = {}

    @classmethod
    def through_nginx(cls, port, *, forwarded_for=None):
        # A reader behind another proxy (or one who forges the header): nginx appends its peer to it.
        extra = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        return cls(port, tls=True, host=LOOPBACK, origin=f"https://{LOOPBACK}:{port}", extra_headers=extra)

    @classmethod
    def direct(cls, port, *, reader=None):
        extra = {"X-Forwarded-Proto": "https"}
        if reader:
            extra["X-Forwarded-For"] = reader
        host = f"{LOOPBACK}:{port}"
        return cls(port, tls=False, host=host, origin=f"https://{host}", extra_headers=extra)

    def _connection(self, timeout):
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            return http.client.HTTPSConnection(LOOPBACK, self.port, timeout=timeout, context=context)
        return http.client.HTTPConnection(LOOPBACK, self.port, timeout=timeout)

    def request(self, method, path, *, data=None, headers=None, timeout=REQUEST_TIMEOUT):
        sent = {"Host": self.host, "User-Agent": "newsroom-production-test", **self.extra_headers}
        body = None
        if data is not None:
            body = urlencode(data).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = self.origin
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        connection = self._connection(timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read(), time.time())
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)
