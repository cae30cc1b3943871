from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from callhire.base.models import ApiToken


class TokenPermission(BasePermission):
    """Let in requests with a valid token; changes only with a token that may make them."""

    message = _("This token may only read; an admin can issue one that may make changes.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return False
        return request.method in SAFE_METHODS or token.can_write
