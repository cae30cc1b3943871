"""A fixed-window rate limit kept in the cache, so it holds across processes sharing it."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def allow(scope: str, ident: str, limit: int, window: int, cost: int = 1) -> bool:
    """Count `cost` more (one event, or that many bytes) for (scope, ident); False once past `limit` in `window` s."""
    if limit <= 0:
        return True
    key = f"callhire:rate:{scope}:{ident}"
    if cache.add(key, cost, window):
        return cost <= limit
    try:
        count = cache.incr(key, cost)
    except ValueError:  # expired between add and incr
        cache.add(key, cost, window)
        return cost <= limit
    return count <= limit


def client_ip(request) -> str:
    """Return the visitor's address; behind N trusted proxies, the one the outermost proxy saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with
    CALLHIRE_TRUSTED_PROXIES = N the visitor is the Nth entry from the right (entries further
    left are whatever the visitor chose to send).
    """
    proxies = settings.CALLHIRE_TRUSTED_PROXIES
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
