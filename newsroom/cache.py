"""Django's Redis cache, made to survive Redis going away: a miss instead of an error, then back by itself.

Every page and comment keeps working while Redis is down (pages are rendered uncached, purges are lost
with the cache they would have cleared). After a failure the backend stops asking Redis for
``RETRY_AFTER`` seconds, so a dead server costs one failed connection per interval, not one per call;
then it tries again and caching resumes. Each outage is logged once as a warning, its end once as info.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

RETRY_AFTER = 2.0
# A cache that answers slower than this is no faster than the database it stands in front of.
SOCKET_TIMEOUT = 0.25


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    # --- health ------------------------------------------------------------------------------------------

    def ping(self):
        """True when Redis answers now (for /healthz); never raises."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except RedisError:
            return False

    def _call(self, default, method, *args, **kwargs):
        if self._down and time.monotonic() < self._down_until:
            return default
        try:
            result = method(*args, **kwargs)
        except RedisError as error:
            with self._lock:
                if not self._down:
                    logger.warning("Redis cache unavailable, pages are served uncached: %s", error)
                self._down, self._down_until = True, time.monotonic() + RETRY_AFTER
            return default
        if self._down:
            with self._lock:
                if self._down:
                    logger.info("Redis cache is back.")
                self._down = False
        return result

    # --- the cache API, each call guarded ------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._call({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._call(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        return self._call(None, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call(None, super().delete_many, keys, version)

    def clear(self):
        return self._call(False, super().clear)
