"""Caching of the public pages every anonymous visitor sees the same.

A generation number in the cache is part of every key; any change to a posting, its
profile or its employer bumps it, so stale pages are never served after a change.

Pages live in the shared cache (Redis in production) and, for speed, in a small copy in each
process, looked up under the same key. A hit therefore costs one round trip to the shared
cache (reading the generation, a few bytes) and no database query; the page itself comes from
the process's memory. The local copy holds pages of the current generation only and expires
with the shared entry, so it is never staler than the shared cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from callhire.base.models import Employer, Posting
from callhire.base.signals import profile_saved

GENERATION_KEY = "callhire:public-generation"
TIMEOUT = 600
LOCAL_MAX_PAGES = 200  # per process; a page of the board is about 10 kB

# The pages of one generation kept in this process: key -> (stored_at, status, content_type, body).
_local: dict[str, tuple[float, int, str, bytes]] = {}
_local_generation: int | None = None


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, not from 1: should the cache lose this key but keep (or a
        # process keep) pages, a fresh generation must not match the keys of old pages.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def invalidate() -> None:
    """Make every cached public page stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, time.time_ns() // 1000, None)


@receiver(post_save, sender=Posting)
@receiver(post_delete, sender=Posting)
@receiver(post_save, sender=Employer)
@receiver(post_delete, sender=Employer)
@receiver(profile_saved)
def _changed(**kwargs) -> None:
    invalidate()
    # Again once the change is committed: a page rendered in between, from the database as it
    # was before the commit, would otherwise be cached under the new generation.
    transaction.on_commit(invalidate)


def _local_get(gen: int, key: str) -> tuple[float, int, str, bytes] | None:
    global _local, _local_generation
    if gen != _local_generation:
        _local, _local_generation = {}, gen
        return None
    return _local.get(key)


def _local_put(gen: int, key: str, entry: tuple[float, int, str, bytes]) -> None:
    if gen == _local_generation and len(_local) < LOCAL_MAX_PAGES:
        _local[key] = entry


def cached_page(
    request: HttpRequest, render: Callable[[], HttpResponse], params: Mapping[str, str] | None = None
) -> HttpResponse:
    """Serve a page from the cache for anonymous visitors, rendering it on a miss.

    The key is the path and only the `params` the page reads (its filters), so made-up query
    strings cannot fill the cache with copies. Entries are (stored_at, status, type, body).
    """
    if request.method != "GET" or request.user.is_authenticated:
        return render()
    gen = generation()
    variant = urlencode(sorted((params or {}).items()))
    key = f"callhire:page:{gen}:{get_language()}:{request.path}?{variant}"
    now = time.time()
    entry = _local_get(gen, key)
    if entry is None or entry[0] + TIMEOUT <= now:
        entry = cache.get(key)
        if isinstance(entry, tuple) and len(entry) == 4:
            _local_put(gen, key, entry)
        else:
            entry = None
    if entry is not None and entry[0] + TIMEOUT > now:
        _stored, status, content_type, body = entry
        return HttpResponse(body, status=status, content_type=content_type)
    response = render()
    if response.status_code in (200, 404, 410) and not response.streaming:
        entry = (now, response.status_code, response["Content-Type"], response.content)
        cache.set(key, entry, TIMEOUT)
        _local_put(gen, key, entry)
    return response
