import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "False",
    "SECRET_KEY": "x" * 20 + "-production-key-for-the-check-only-0123456789abcdef",
    "ALLOWED_HOSTS": "baolaichau.example",
    "DATABASE_URL": "sqlite:///:memory:",
}


def _manage(*args, env):
    # The test process may carry development or browser-test variables; production has none of them.
    dropped = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "EMAIL_URL",
        "EMAIL_BACKEND",
    }
    dropped |= {"SITE_URL"}
    clean = {key: value for key, value in os.environ.items() if key not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_deploy_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_mail_is_printed_in_development_and_sent_through_the_relay_in_email_url():
    code = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.SITE_URL)"
    development = _manage("shell", "--no-imports", "-c", code, env={})
    assert development.stdout.split() == [
        "django.core.mail.backends.console.EmailBackend",
        "localhost",
        "25",
        "http://localhost:8000",
    ], development.stderr
    relay = {
        **PRODUCTION_ENV,
        "EMAIL_URL": "smtp+tls://toasoan:mat-khau@smtp.baolaichau.example:587",
        "SITE_URL": "https://baolaichau.example",
    }
    production = _manage("shell", "--no-imports", "-c", code, env=relay)
    assert production.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.baolaichau.example",
        "587",
        "https://baolaichau.example",
    ], production.stderr


def test_locale_and_time_zone_are_vietnamese():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ is True


def test_production_database_connections_persist_with_health_checks():
    code = "from django.conf import settings as s; d = s.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    result = _manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.split() == ["60", "True"], result.stderr


@pytest.mark.postgresql
def test_postgresql_run_really_uses_postgresql(django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        assert connection.vendor == "postgresql"


def test_postgresql_statement_timeout_comes_from_the_environment():
    code = "from django.conf import settings as s; print(repr(s.DATABASES['default'].get('OPTIONS', {}).get('options')))"
    url = {"DATABASE_URL": "postgres://newsroom@127.0.0.1:5432/newsroom"}
    assert _manage("shell", "--no-imports", "-c", code, env={**PRODUCTION_ENV, **url}).stdout.strip() == (
        "'-c statement_timeout=30000'"
    )
    off = {**PRODUCTION_ENV, **url, "DATABASE_STATEMENT_TIMEOUT": "0"}
    assert _manage("shell", "--no-imports", "-c", code, env=off).stdout.strip() == "None"


@pytest.mark.postgresql
@pytest.mark.django_db
def test_postgresql_cancels_a_stuck_query_after_the_statement_timeout():
    from django.db import OperationalError, connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "30s"
        with pytest.raises(OperationalError, match="statement timeout"), transaction.atomic():
            cursor.execute("SET LOCAL statement_timeout = '50ms'; SELECT pg_sleep(2)")
