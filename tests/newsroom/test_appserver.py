"""deploy/appserver.py: the app server's command line from the environment (the stack tests run it for real)."""

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("appserver", REPO / "deploy" / "appserver.py")
appserver = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(appserver)


def _option(args, name):
    return args[args.index(name) + 1]


def test_defaults_are_one_worker_per_core_on_loopback_with_an_access_log(monkeypatch):
    monkeypatch.setattr(appserver.os, "cpu_count", lambda: 3)
    args = appserver.command({})
    assert Path(args[0]).name == "granian" and args[-1] == "newsroom.wsgi:application"
    assert (_option(args, "--host"), _option(args, "--port")) == ("127.0.0.1", "8000")
    assert _option(args, "--interface") == "wsgi"
    assert _option(args, "--workers") == "3"
    assert _option(args, "--blocking-threads") == "2"
    assert _option(args, "--working-dir") == str(REPO)
    assert "--respawn-failed-workers" in args
    # The access log starts with X-Forwarded-For, as the production tests and the benchmark read it.
    assert _option(args, "--access-log-fmt").startswith("%(header{x-forwarded-for})s %(addr)s ")


def test_every_setting_comes_from_the_environment():
    args = appserver.command(
        {
            "APP_BIND": "[::1]:9001",
            "WEB_CONCURRENCY": "5",
            "APP_THREADS": "4",
            "APP_WORKER_LIFETIME": "3600",
            "APP_WORKER_MAX_RSS": "300",
            "APP_ACCESS_LOG": "false",
        }
    )
    assert (_option(args, "--host"), _option(args, "--port")) == ("::1", "9001")
    assert (_option(args, "--workers"), _option(args, "--blocking-threads")) == ("5", "4")
    assert (_option(args, "--workers-lifetime"), _option(args, "--workers-max-rss")) == ("3600", "300")
    assert "--access-log" not in args


def test_a_unix_socket_can_be_bound():
    args = appserver.command({"APP_BIND": "unix:/run/newsroom/app.sock"})
    assert _option(args, "--uds") == "/run/newsroom/app.sock" and "--host" not in args


@pytest.mark.parametrize("bind", ["8000", "127.0.0.1", "127.0.0.1:http", ":8000"])
def test_a_bind_that_is_not_address_and_port_is_refused_with_the_reason(bind):
    with pytest.raises(SystemExit, match="APP_BIND"):
        appserver.command({"APP_BIND": bind})
