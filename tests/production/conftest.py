"""Fixtures of the production tests: the real stack once per module, and this process on the stack's Redis."""

import pytest
from django.conf import settings as django_settings

from tests.conftest import IN_CI

from .stack import database_url, find_tools, running_stack


@pytest.fixture(scope="module")
def stack(django_db_setup):
    """Redis, two granian app servers and nginx, pointed at the test database pytest-django made (hence PostgreSQL only)."""
    tools = find_tools()
    if missing := sorted(name for name, path in tools.items() if path is None):
        message = (
            f"the production stack needs {', '.join(missing)} "
            "(Debian: apt-get install redis-server nginx openssl; granian: pip install -e '.[test]')"
        )
        if IN_CI:
            pytest.fail("CI=true: " + message)
        pytest.skip(message)
    with running_stack(
        database_url=database_url(django_settings.DATABASES["default"]), tools=tools
    ) as running:
        yield running


@pytest.fixture(autouse=True)
def _stack_cache(stack, settings):
    # Stories and comments made here go through the services, whose purges must reach the cache the app
    # servers read: this process uses their Redis too.
    if not stack.redis.alive:
        stack.redis.start()  # a test that failed during its Redis outage must not take the next one down too
    settings.CACHES = {
        "default": {"BACKEND": "newsroom.cache.ResilientRedisCache", "LOCATION": stack.redis.url}
    }
    from django.core.cache import cache

    cache.clear()
