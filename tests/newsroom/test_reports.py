"""Error reports hide the database and cache URLs that the app server copies into every request."""

from django.test import RequestFactory
from django.views.debug import get_default_exception_reporter_filter


def test_request_meta_in_an_error_report_hides_urls_with_passwords(settings):
    request = RequestFactory().get(
        "/",
        DATABASE_URL="postgres://newsroom:mat-khau@db/newsroom",
        CACHE_URL="redis://:mat-khau@127.0.0.1:6379/0",
        SENTRY_DSN="https://khoa@sentry.example/1",
        HTTP_USER_AGENT="Mozilla/5.0",
    )
    meta = get_default_exception_reporter_filter().get_safe_request_meta(request)
    for name in ("DATABASE_URL", "CACHE_URL", "SENTRY_DSN"):
        assert "mat-khau" not in str(meta[name]) and "khoa" not in str(meta[name]), name
        assert meta[name] == "********************"
    assert meta["HTTP_USER_AGENT"] == "Mozilla/5.0"  # what helps find the bug is still shown


def test_settings_in_an_error_report_hide_the_databases_and_caches():
    safe = get_default_exception_reporter_filter().get_safe_settings()
    assert safe["DATABASES"] == safe["CACHES"] == "********************"
    assert safe["TIME_ZONE"] == "Asia/Ho_Chi_Minh"
