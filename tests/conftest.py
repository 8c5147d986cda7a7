"""Shared test setup: media in a temporary folder, PostgreSQL-only tests, role accounts, a real headless Chromium."""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings as django_settings

from tests.factories import staff_user

IN_CI = os.environ.get("CI") == "true"


def _on_postgresql():
    return django_settings.DATABASES["default"]["ENGINE"] in {
        "django.db.backends.postgresql",
        "newsroom.db.postgresql",
    }


def pytest_collection_modifyitems(config, items):
    if _on_postgresql():
        return
    postgres_only = [item for item in items if item.get_closest_marker("postgresql")]
    if not postgres_only:
        return
    if os.environ.get("NEWSROOM_POSTGRES_RUN_FOLLOWS") == "1":
        # `make test` runs these in the PostgreSQL run that follows this one.
        config.hook.pytest_deselected(items=postgres_only)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
        return
    reason = "needs PostgreSQL: run `make test` on a machine with PostgreSQL, or set DATABASE_URL"
    for item in postgres_only:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests create many accounts; the production hasher would spend most of the run on purpose-slow hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    # Factories write rows directly, not through the services that purge the reader's page cache: a page
    # read twice in a test would be its first copy. Tests of the page cache ask for the `page_cache` fixture.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    """The reader's page cache on, as in production."""
    settings.PAGE_CACHE_SECONDS = 120
    settings.EDGE_CACHE_SECONDS = 5


@pytest.fixture(autouse=True)
def _empty_cache():
    # Ids come back after a rolled-back test; a page cached under the same id must not leak into the next.
    from django.core.cache import cache

    from newsroom.cache import forget_process_copies

    cache.clear()
    forget_process_copies()
    yield
    cache.clear()
    forget_process_copies()


# --- The newsroom's roles: one account per group that the roles migrations make ----------------------------


@pytest.fixture
def reporter(db):
    return staff_user("phongvien", "Phóng viên")


@pytest.fixture
def editor(db):
    return staff_user("bientap", "Biên tập viên")


@pytest.fixture
def managing_editor(db):
    return staff_user("thuky", "Thư ký tòa soạn")


@pytest.fixture
def moderator(db):
    return staff_user("kiemduyet", "Kiểm duyệt viên")


# --- Redis, for real: a server of our own on a free loopback port ------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def needs(binary, package):
    """The path of ``binary``, or a skip saying which Debian package brings it (a failure in CI)."""
    path = shutil.which(binary) or (f"/usr/sbin/{binary}" if os.path.exists(f"/usr/sbin/{binary}") else None)
    if path is None:
        message = f"{binary} not found: install Debian's `{package}` package to run this test"
        if IN_CI:
            pytest.fail("CI=true: " + message)
        pytest.skip(message)
    return path


class RedisServer:
    """redis-server on 127.0.0.1:port with nothing saved to disk; stop() and start() again on the same port."""

    def __init__(self, binary, port, folder):
        self.binary, self.port, self.folder, self.process = binary, port, folder, None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(needs("redis-server", "redis-server"), free_port(), tmp_path)
    server.start()
    yield server
    server.stop()


def _redis_cache_settings(url):
    return {"default": {"BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": url}}


@pytest.fixture
def redis_cache(settings, redis_server):
    """The default cache is the real Redis server of ``redis_server``."""
    settings.CACHES = _redis_cache_settings(redis_server.url)
    return redis_server


@pytest.fixture
def dead_redis_cache(settings):
    """The default cache is a Redis server that is not there (nothing listens on its port)."""
    settings.CACHES = _redis_cache_settings(f"redis://127.0.0.1:{free_port()}/0")


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "/usr/bin/chromium"):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium driven by Playwright; never a downloaded browser."""
    executable = find_chromium()
    if executable is None:
        message = (
            "Chromium not found: install Debian's `chromium` package (or set CHROMIUM) to run browser tests"
        )
        if IN_CI:
            pytest.fail("CI=true: " + message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread for the whole session; the ORM calls
    # made beside it (test data, database flushes) are plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


STAFF_PASSWORD = "mat-khau-dai-123"  # the password tests.factories gives every staff account


@pytest.fixture
def browser_for(chromium, live_server):
    """open_as(username) -> a page in a fresh browser context, signed in through the real login form."""
    contexts = []

    def open_as(username):
        context = chromium.new_context(
            base_url=live_server.url, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if username:
            page.goto("/quan-tri/login/")
            page.get_by_label("Tên đăng nhập").fill(username)
            page.get_by_label("Mật khẩu").fill(STAFF_PASSWORD)
            page.get_by_role("button", name="Đăng nhập").click()
            page.wait_for_url("**/quan-tri/")
        return page

    yield open_as
    for context in contexts:
        context.close()
