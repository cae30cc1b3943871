from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from callhire.base.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """Limit each token to CALLHIRE_API_RATE requests, counted in the shared cache."""

    scope = "token"

    def get_rate(self) -> str:
        return settings.CALLHIRE_API_RATE  # read per request, so tests and operators can change it

    def get_cache_key(self, request, view) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None  # refused anyway: authentication and permissions run first
        return f"throttle_token_{request.auth.pk}"
