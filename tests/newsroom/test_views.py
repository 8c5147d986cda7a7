"""The project's own views: the health check, and the pages readers get when something is down."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF token: a load balancer polls it every few seconds


def test_healthz_answers_503_when_the_cache_is_away(client, settings, dead_redis_cache):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_database_outage_is_a_vietnamese_503_with_retry_after(client, settings):
    settings.ROOT_URLCONF = "tests.urls_broken"
    client.raise_request_exception = False
    response = client.get("/mat-ket-noi/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hệ thống đang tạm gián đoạn" in response.text and '<html lang="vi">' in response.text
    assert "Traceback" not in response.text and "OperationalError" not in response.text
    assert response["Cache-Control"] == "private, no-store"


def test_any_other_error_is_still_the_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.urls_broken"
    client.raise_request_exception = False
    response = client.get("/loi/")
    assert response.status_code == 500 and "Xin lỗi, đã có lỗi xảy ra" in response.text


def test_public_and_staff_pages_send_the_security_headers(client, editor):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    public = client.get(article.get_absolute_url())
    client.force_login(editor)
    staff = client.get("/quan-tri/")
    for response in (public, staff):
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert (
            "camera=()" in response["Permissions-Policy"]
            and "geolocation=()" in response["Permissions-Policy"]
        )
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"
    assert "unsafe-inline" not in public["Content-Security-Policy"]
    assert "script-src 'self';" in public["Content-Security-Policy"] + ";"


def test_csp_reports_are_logged_and_answered_with_204(client, caplog):
    report = b'{"csp-report": {"violated-directive": "script-src", "blocked-uri": "inline"}}'
    with caplog.at_level("WARNING", logger="newsroom.csp"):
        response = client.post("/csp-report/", report, content_type="application/csp-report")
    assert response.status_code == 204
    assert "script-src" in caplog.text
    assert client.get("/csp-report/").status_code == 405
