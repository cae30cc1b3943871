"""A fixed-window rate limit kept in the cache, so it holds across processes sharing it."""

from __future__ import annotations

from django.core.cache import cache


def allow(scope: str, ident: str, limit: int, window: int) -> bool:
    """Count one more event for (scope, ident); return False once `limit` is passed in `window` s."""
    if limit <= 0:
        return True
    key = f"callhire:rate:{scope}:{ident}"
    if cache.add(key, 1, window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, window)
        return True
    return count <= limit


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"
