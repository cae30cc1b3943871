"""`Authorization: Bearer <token>`: the token names the employer every request is scoped to."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed

from callhire.base.models import ApiToken

PREFIX_LENGTH = len("ch_") + 12
# Writing last_used on every request would make each read a write; once a minute is enough to see use.
TOUCH_EVERY = timedelta(minutes=1)


class TokenClient:
    """The request's user: an integration acting for one employer, not a person."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    pk = id = None

    def __init__(self, token: ApiToken):
        self.token = token

    def __str__(self) -> str:
        return f"API token {self.token.prefix}"


class TokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        scheme, _sep, secret = header.partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise AuthenticationFailed(_("Send the token as “Authorization: Bearer <token>”."))
        token = ApiToken.objects.select_related("employer").filter(prefix=secret[:PREFIX_LENGTH]).first()
        if token is None or token.revoked is not None or not token.matches(secret):
            raise AuthenticationFailed(_("The token is not valid, or it was revoked."))
        now = timezone.now()
        if token.last_used is None or now - token.last_used > TOUCH_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return TokenClient(token), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="callhire"'
