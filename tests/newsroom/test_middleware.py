"""Behind a proxy: the reader's real address, believed only from TRUSTED_PROXIES, and private by default."""

import pytest
from django.test import override_settings

from comments.models import Comment
from newsroom.middleware import client_address, parse_networks
from tests.factories import ArticleFactory

PROXIES = parse_networks(["127.0.0.1", "10.0.0.0/8", "::1"])


@pytest.mark.parametrize(
    ("remote", "forwarded", "reader"),
    [
        ("127.0.0.1", "203.0.113.5", "203.0.113.5"),  # nginx on the same machine
        ("127.0.0.1", "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # the reader wrote the first one
        ("127.0.0.1", "203.0.113.5, 10.0.0.7", "203.0.113.5"),  # a load balancer, then nginx
        ("127.0.0.1", "", "127.0.0.1"),  # nothing forwarded
        ("127.0.0.1", "10.0.0.7, 127.0.0.1", "127.0.0.1"),  # only proxies: keep the nearest
        ("127.0.0.1", "not-an-address", "127.0.0.1"),  # garbled: never guess
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),  # not a proxy: its header is not believed
        ("::1", "2001:db8::5", "2001:db8::5"),
        ("127.0.0.1", "[2001:db8::5]", "2001:db8::5"),
    ],
)
def test_client_address_is_the_rightmost_untrusted_hop(remote, forwarded, reader):
    assert client_address(remote, forwarded, PROXIES) == reader


def test_no_proxy_is_trusted_by_default(settings):
    assert settings.TRUSTED_PROXIES == []


def test_bad_trusted_proxy_setting_fails_loudly():
    with pytest.raises(ValueError):
        parse_networks(["10.0.0.300"])


def _post_comment(client, article, *, email, forwarded_for, remote="127.0.0.1", proto=None):
    from comments.forms import make_form_token

    extra = {"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": forwarded_for}
    if proto:
        extra["HTTP_X_FORWARDED_PROTO"] = proto
    return client.post(
        f"/binh-luan/gui/{article.pk}/",
        {
            "token": make_form_token(article),
            "name": "Bạn đọc",
            "email": email,
            "body": f"Ý kiến của {email} về bài viết này.",
        },
        **extra,
    )


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=["127.0.0.1"], COMMENTS_MIN_FILL_SECONDS=0)
def test_two_readers_behind_the_proxy_are_counted_apart_and_one_reader_once(client):
    article = ArticleFactory()
    first = _post_comment(client, article, email="a@example.com", forwarded_for="203.0.113.5")
    second = _post_comment(client, article, email="b@example.com", forwarded_for="198.51.100.7")
    again = _post_comment(client, article, email="c@example.com", forwarded_for="203.0.113.5")

    assert first.status_code == second.status_code == 302
    assert again.status_code == 429  # the same reader, 15 s later at most: the flood limit holds
    assert sorted(Comment.objects.values_list("ip_address", flat=True)) == ["198.51.100.7", "203.0.113.5"]


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=[], COMMENTS_MIN_FILL_SECONDS=0)
def test_forged_forwarded_for_from_an_untrusted_client_changes_nothing(client):
    article = ArticleFactory()
    _post_comment(client, article, email="a@example.com", forwarded_for="198.51.100.1", remote="203.0.113.9")
    refused = _post_comment(
        client, article, email="b@example.com", forwarded_for="198.51.100.2", remote="203.0.113.9"
    )
    assert refused.status_code == 429  # a new fake address per post does not get around the limit
    assert list(Comment.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_forwarded_proto_is_believed_only_from_a_trusted_proxy(rf):
    from django.http import HttpResponse

    from newsroom.middleware import TrustedProxyMiddleware

    seen = {}

    def view(request):
        seen["secure"] = request.is_secure()
        return HttpResponse()

    middleware = TrustedProxyMiddleware(view)
    middleware(rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"))
    assert seen["secure"] is True
    middleware(rf.get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_PROTO="https"))
    assert seen["secure"] is False


@pytest.mark.django_db
def test_staff_pages_forms_and_comment_endpoints_are_private(client, editor):
    article = ArticleFactory()
    assert client.get("/binh-luan/token/")["Cache-Control"].count("no-store") == 1
    refused = client.post(f"/binh-luan/gui/{article.pk}/", {"body": ""})
    assert "no-store" in refused["Cache-Control"] and "private" in refused["Cache-Control"]
    client.force_login(editor)
    for url in ("/quan-tri/", f"/xem-truoc/{article.pk}/", article.get_absolute_url(), "/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
