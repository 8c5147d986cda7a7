"""Django's Redis cache, made to survive Redis going away: a miss instead of an error, then back by itself.

Every page and comment keeps working while Redis is down (pages are rendered uncached, purges are lost
with the cache they would have cleared). After a failure the backend stops asking Redis for
``RETRY_AFTER`` seconds, so a dead server costs one failed connection per interval, not one per call;
then it tries again and caching resumes. Each outage is logged once as a warning, its end once as info.
"""

import logging
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("newsroom.cache")

# Copies a process keeps in its own memory of what the shared cache holds (a hot page, the word list), each
# for a short, stated time. Whatever clears them registers here, so that a test (or anything else that
# starts afresh) can forget them all together with the shared cache.
_process_copies = []


def process_copies(forget):
    """Register ``forget``, a function that empties one of this process's copies; returns it."""
    _process_copies.append(forget)
    return forget


def forget_process_copies():
    for forget in _process_copies:
        forget()


RETRY_AFTER = 2.0
# A cache that answers slower than this is no faster than the database it stands in front of.
SOCKET_TIMEOUT = 0.25


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` around its pool on every call (a third of a cached
    page's Redis time, measured); a ``redis.Redis`` is thread-safe, so one per pool is kept and reused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._local = threading.local()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client

    def get_many(self, keys):
        """One MGET on a connection kept by this thread, outside the pool.

        A cached page is one ``get_many``; taking a connection from the pool and giving it back, with
        redis-py's retry wrapper around the call, cost more CPU than the round trip itself (measured:
        114 µs against 79 µs per MGET). The connection is the pool's own kind, with its timeouts; on any
        error it is dropped and the error goes up to ResilientRedisCache like any other.
        """
        local = self._local
        connection = getattr(local, "connection", None)
        if connection is None or local.pid != os.getpid():
            connection = local.connection = self._get_connection_pool(False).make_connection()
            local.pid = os.getpid()
        try:
            connection.send_command("MGET", *keys)
            values = connection.read_response()
        except BaseException:
            connection.disconnect()
            raise
        return {
            key: self._serializer.loads(value)
            for key, value in zip(keys, values, strict=True)
            if value is not None
        }


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
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
        # Django's get_many validates every key for memcached's rules, a loop over each character that
        # costs more than the rest of a cached page's lookup; the keys are ours and Redis takes any key.
        return self._call({}, self._get_many, keys, version)

    def _get_many(self, keys, version):
        key_map = {self.make_key(key, version=version): key for key in keys}
        return {key_map[k]: v for k, v in self._cache.get_many(list(key_map)).items()}

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
