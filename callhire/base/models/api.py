"""The employer's integrations: API tokens and webhooks with their delivery log."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from callhire.base.models.core import Employer


def token_hash(secret: str) -> str:
    # The secret is 32 random bytes, so a fast hash is enough: nothing to brute-force.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API, scoped to one employer; only a hash of the secret is kept."""

    employer = models.ForeignKey(Employer, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    # The first characters of the token, shown in lists and used to find the row before comparing hashes.
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    can_write = models.BooleanField(
        _("may make changes"),
        default=False,
        help_text=_("Create and edit postings, save profiles, move candidates between stages and add notes."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(_("created"), default=timezone.now)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, employer: Employer, name: str, *, user=None, can_write: bool = False) -> tuple[ApiToken, str]:
        """Create a token and return it with its secret, which is never stored and cannot be shown again."""
        prefix = "ch_" + secrets.token_hex(6)
        secret = f"{prefix}_{secrets.token_urlsafe(32)}"
        token = cls.objects.create(
            employer=employer,
            name=name,
            prefix=prefix,
            secret_hash=token_hash(secret),
            can_write=can_write,
            created_by=user,
        )
        return token, secret

    def matches(self, secret: str) -> bool:
        return secrets.compare_digest(self.secret_hash, token_hash(secret))


def new_webhook_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class Webhook(models.Model):
    """An address of the employer's that is told about events, in signed POST requests."""

    class Event(models.TextChoices):
        APPLICATION_SUBMITTED = "application.submitted", _("An application was submitted or changed by the candidate")
        APPLICATION_STAGE_CHANGED = "application.stage_changed", _("An application moved to another stage")

    employer = models.ForeignKey(Employer, models.CASCADE, related_name="webhooks")
    url = models.URLField(_("URL"), max_length=500)
    # Kept readable: every delivery is signed with it (HMAC-SHA256), so the receiver can check the sender.
    secret = models.CharField(_("signing secret"), max_length=100, default=new_webhook_secret)
    events = models.JSONField(_("events"), default=list)
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["created", "pk"]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event sent (or to be sent) to one webhook, with the outcome of its latest attempt."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Gave up")

    webhook = models.ForeignKey(Webhook, models.CASCADE, related_name="deliveries")
    # Sent as the Callhire-Delivery header; a redelivery keeps the event id in the payload but gets its own.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(_("event"), max_length=40)
    payload = models.JSONField(_("payload"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When the next attempt is due; also a lease: an attempt in progress pushes it past its own timeout.
    next_attempt = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True, blank=True)
    response_body = models.TextField(_("response"), blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt"], name="webhook_delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook_id} ({self.state})"

    def payload_json(self) -> str:
        return json.dumps(self.payload, indent=2, ensure_ascii=False)
