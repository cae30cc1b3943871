"""Caching of the public pages every anonymous visitor sees the same.

A generation number in the cache is part of every key; any change to a posting, its
profile or its employer bumps it, so stale pages are never served after a change.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from callhire.base.models import Employer, Posting
from callhire.base.signals import profile_saved

GENERATION_KEY = "callhire:public-generation"
TIMEOUT = 600


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def invalidate() -> None:
    """Make every cached public page stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


@receiver(post_save, sender=Posting)
@receiver(post_delete, sender=Posting)
@receiver(post_save, sender=Employer)
@receiver(post_delete, sender=Employer)
@receiver(profile_saved)
def _changed(**kwargs) -> None:
    invalidate()


def cached_page(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """Serve a page from the cache for anonymous visitors, rendering it on a miss."""
    if request.user.is_authenticated or request.method != "GET":
        return render()
    key = f"callhire:page:{generation()}:{get_language()}:{request.get_full_path()}"
    hit = cache.get(key)
    if hit is not None:
        status, content_type, body = hit
        return HttpResponse(body, status=status, content_type=content_type)
    response = render()
    if response.status_code in (200, 404, 410) and not response.streaming:
        cache.set(key, (response.status_code, response["Content-Type"], response.content), TIMEOUT)
    return response
