"""Probe."""

import pytest

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def test_probe(stack):
    article = ArticleFactory(title="Mưa lớn ở Mường Tè")
    b = stack.browser()
    for path in ["/", article.get_absolute_url(), "/healthz", "/robots.txt"]:
        for _ in range(3):
            r = b.get(path)
            print(path, r.status, dict(r.headers))
    print(open(stack.folder / "site.conf").read())
    print(open(stack.folder / "access.log").read())
    import time

    time.sleep(0.5)
    print(stack.app_servers[0].log_tail(), stack.app_servers[1].log_tail())
