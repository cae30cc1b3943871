"""A staff member's optional second factor: a TOTP authenticator app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TwoFactor(models.Model):
    """A TOTP secret shared with the user's authenticator app; it counts once confirmed with a code."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="two_factor")
    secret = models.CharField(max_length=64)
    confirmed = models.BooleanField(_("turned on"), default=False)
    # The last time step a code was accepted for, so a code seen over a shoulder cannot be used again.
    last_step = models.BigIntegerField(default=0)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("second factor")
        verbose_name_plural = _("second factors")

    def __str__(self) -> str:
        return f"{self.user} ({'on' if self.confirmed else 'pending'})"
