"""Request plumbing for production: the reader's real address behind proxies, and safe cache headers."""

import base64
import hashlib
import ipaddress
import re

from django.conf import settings
from django.utils.cache import patch_cache_control


def parse_networks(values):
    """``TRUSTED_PROXIES`` entries ("127.0.0.1", "10.0.0.0/8", "::1") as networks; a bad entry raises."""
    return tuple(ipaddress.ip_network(value.strip(), strict=False) for value in values if value.strip())


def _address(value):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def client_address(remote_addr, forwarded_for, proxies):
    """The reader's address: the right-most one in X-Forwarded-For that is not a trusted proxy.

    Only a request that comes from a trusted proxy has its X-Forwarded-For read; anything to the left of
    the first untrusted hop could have been written by the client and is never believed.
    """
    peer = _address(remote_addr or "")
    if peer is None or not any(peer in network for network in proxies):
        return remote_addr
    for hop in reversed([hop for hop in (forwarded_for or "").split(",") if hop.strip()]):
        found = _address(hop)
        if found is None:
            return remote_addr  # a garbled header: keep the proxy's own address rather than guess
        if not any(found in network for network in proxies):
            return str(found)
    return remote_addr


class TrustedProxyMiddleware:
    """Set REMOTE_ADDR to the reader's address, believing X-Forwarded-* only from TRUSTED_PROXIES.

    First in MIDDLEWARE: SecurityMiddleware's HTTPS redirect reads X-Forwarded-Proto (through
    SECURE_PROXY_SSL_HEADER), which is removed here when it does not come from a trusted proxy.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.proxies = parse_networks(settings.TRUSTED_PROXIES)

    def __call__(self, request):
        meta = request.META
        peer = _address(meta.get("REMOTE_ADDR", ""))
        if peer is not None and any(peer in network for network in self.proxies):
            meta["REMOTE_ADDR"] = client_address(
                meta["REMOTE_ADDR"], meta.get("HTTP_X_FORWARDED_FOR"), self.proxies
            )
        else:
            for forged in ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST"):
                meta.pop(forged, None)
        return self.get_response(request)


class PrivateByDefaultMiddleware:
    """Any response that did not say it may be shared is ``private, no-store``.

    The reader's page cache marks what CDNs and the nginx micro-cache may keep (``s-maxage``); everything
    else (staff pages, previews, forms with errors, comment endpoints, errors) must never be kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


# Powerful browser features no page of the paper uses; nothing embedded can ask for them either.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


_IMPORT_MAP = re.compile(r'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


class StaffPagePolicyMiddleware:
    """What the body editor needs on staff pages, and nothing more: its import map by hash, inline styles.

    django-prose-editor loads its modules through an inline ``<script type="importmap">`` (browsers take
    import maps only inline): only that element, with the exact text the page carries, is allowed by its
    hash; any other inline script stays blocked. The editor (Tiptap) injects its own <style> element, so
    staff pages allow inline styles; public pages allow neither. Listed after CSPMiddleware, so it sees the
    response first and CSPMiddleware writes the header with these additions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/quan-tri/")
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
        ):
            content = response.content.decode(response.charset or "utf-8", "replace")
            hashes = [
                f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
                for text in _IMPORT_MAP.findall(content)
            ]
            update = dict(getattr(response, "_csp_update", None) or {})
            if hashes:
                update["script-src"] = [*update.get("script-src", []), *hashes]
            update["style-src"] = [*update.get("style-src", []), "'unsafe-inline'"]
            response._csp_update = update
        return response
