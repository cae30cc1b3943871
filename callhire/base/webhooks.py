"""Tell an employer's own systems about events: signed POST requests, retried with backoff.

A delivery is a row first (``WebhookDelivery``), then a task sends it. A failed attempt is
retried after 1, 2, 4, ... times CALLHIRE_WEBHOOK_RETRY_SECONDS, by ``manage.py
deliver_webhooks`` (run it every minute from cron or a Celery beat schedule), until
CALLHIRE_WEBHOOK_MAX_ATTEMPTS attempts have failed. Each request carries

    Callhire-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the webhook's secret>

so the receiver can check the sender and refuse replays (see docs/api.md).
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import socket
import time
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import F
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from callhire.base.models import Application, StageMove, Webhook, WebhookDelivery
from callhire.base.signals import application_stage_changed, application_submitted
from callhire.base.tasks import enqueue, task

log = logging.getLogger(__name__)

Event = Webhook.Event
PING = "ping"
USER_AGENT = "callhire-webhooks/1"
RESPONSE_KEEP = 2000  # characters of the receiver's answer kept for the delivery log


class WebhookURLError(ValueError):
    """A webhook address callhire will not send to; the message says why."""


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


def resolve_url(url: str) -> tuple[str, int, str]:
    """Return (host, port, address) for a webhook URL, the address checked. Raises WebhookURLError.

    Only http(s), and only public addresses unless CALLHIRE_WEBHOOK_ALLOW_PRIVATE is set: a
    webhook must not become a way to reach the servers behind callhire's firewall.
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise WebhookURLError(_("The address is not a valid URL.")) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookURLError(_("The address must start with https:// (or http://) and name a host."))
    if parts.username or parts.password:
        raise WebhookURLError(_("Leave user names and passwords out of the address; check the signature instead."))
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise WebhookURLError(_("The host %(host)s was not found.") % {"host": parts.hostname}) from exc
    # IPv4 first: many hosts resolve to both, and not every network routes IPv6.
    addresses = sorted({ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos}, key=lambda a: a.version)
    if not settings.CALLHIRE_WEBHOOK_ALLOW_PRIVATE and any(_refused(a) for a in addresses):
        raise WebhookURLError(_("The host %(host)s is a private or local address.") % {"host": parts.hostname})
    # Connect to the address just checked, so a second DNS answer cannot point somewhere else.
    return parts.hostname, port, str(addresses[0])


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """Return the Callhire-Signature header value for a body sent at a time."""
    digest = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    host, port, address = resolve_url(url)
    parts = urlsplit(url)
    timeout = settings.CALLHIRE_WEBHOOK_TIMEOUT
    cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = cls(host, port, timeout=timeout)

    def pinned(_address, timeout=timeout, source_address=None):
        return socket.create_connection((address, port), timeout, source_address)

    connection._create_connection = pinned  # type: ignore[attr-defined]  # TLS still checks the host name
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(RESPONSE_KEEP).decode("utf-8", "replace").replace("\x00", "")  # PostgreSQL refuses NUL
        return response.status, text
    finally:
        connection.close()


def application_summary(application: Application) -> dict[str, Any]:
    """Return the application as webhook payloads describe it (a subset of the API's fields)."""
    return {
        "id": application.pk,
        "posting": application.posting_id,
        "name": application.name,
        "email": application.email,
        "phone": application.phone,
        "language": application.language,
        "stage": application.stage,
        "verdict": application.verdict,
        "score": application.score,
        "source": application.source,
        "created": application.created.isoformat(),
        "url": settings.SITE_URL.rstrip("/") + reverse("api:application-detail", args=[application.pk]),
    }


def event_queue(employer_id: int, event: str, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Record one delivery of an event for each of the employer's active webhooks that wants it."""
    payload = {"id": str(uuid.uuid4()), "event": event, "created": timezone.now().isoformat(), "data": data}
    hooks = [h for h in Webhook.objects.filter(employer_id=employer_id, active=True) if event in h.events]
    deliveries = [WebhookDelivery.objects.create(webhook=h, event=event, payload=payload) for h in hooks]
    for delivery in deliveries:
        enqueue(delivery_attempt, delivery.pk)
    return deliveries


@receiver(application_submitted, dispatch_uid="webhooks.application_submitted")
def _on_submitted(sender, application: Application, created: bool = True, **kwargs) -> None:
    data = {"application": application_summary(application), "created": created}
    _queue_safely(application, Event.APPLICATION_SUBMITTED, data)


@receiver(application_stage_changed, dispatch_uid="webhooks.application_stage_changed")
def _on_stage_changed(sender, application: Application, move: StageMove, **kwargs) -> None:
    data = {
        "application": application_summary(application),
        "move": {
            "id": move.pk,
            "from_stage": move.from_stage,
            "to_stage": move.to_stage,
            "reason": move.reason,
            "cause": move.cause,
            "created": move.created.isoformat(),
        },
    }
    _queue_safely(application, Event.APPLICATION_STAGE_CHANGED, data)


def _queue_safely(application: Application, event: str, data: dict[str, Any]) -> None:
    # The candidate's submit or the recruiter's move has happened; a webhook problem must not undo it.
    try:
        event_queue(application.posting.employer_id, event, data)
    except Exception:
        log.exception("could not queue the %s webhooks of application %s", event, application.pk)


def webhook_ping(webhook: Webhook) -> WebhookDelivery:
    """Send a test event to one webhook."""
    payload = {"id": str(uuid.uuid4()), "event": PING, "created": timezone.now().isoformat(), "data": {}}
    delivery = WebhookDelivery.objects.create(webhook=webhook, event=PING, payload=payload)
    enqueue(delivery_attempt, delivery.pk)
    return delivery


def delivery_redeliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery's event again, as a new delivery with the same payload (and event id)."""
    again = WebhookDelivery.objects.create(webhook=delivery.webhook, event=delivery.event, payload=delivery.payload)
    enqueue(delivery_attempt, again.pk)
    return again


def retry_delay(attempts: int) -> timedelta:
    """Return how long to wait after the given number of failed attempts."""
    seconds = settings.CALLHIRE_WEBHOOK_RETRY_SECONDS * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, 6 * 3600))


@task
def delivery_attempt(pk: int) -> str | None:
    """Send a due delivery once; return its state, or None when it was not due (or is taken)."""
    now = timezone.now()
    lease = now + timedelta(seconds=2 * settings.CALLHIRE_WEBHOOK_TIMEOUT + 30)
    # Claim the attempt in one UPDATE: a second worker or a rerun of the command finds nothing due.
    claimed = WebhookDelivery.objects.filter(pk=pk, state=WebhookDelivery.State.PENDING, next_attempt__lte=now).update(
        next_attempt=lease, attempts=F("attempts") + 1, last_attempt=now
    )
    if not claimed:
        return None
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=pk)
    webhook = delivery.webhook
    if not webhook.active:
        delivery.state, delivery.last_error = WebhookDelivery.State.FAILED, _("The webhook was switched off.")
        delivery.save(update_fields=["state", "last_error"])
        return delivery.state
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "Callhire-Event": delivery.event,
        "Callhire-Delivery": str(delivery.uid),
        "Callhire-Signature": sign(webhook.secret, int(time.time()), body),
    }
    code, text, error = None, "", ""
    try:
        code, text = _post(webhook.url, body, headers)
    except WebhookURLError as exc:
        error = str(exc)
    except (OSError, http.client.HTTPException) as exc:
        error = _("Could not reach the receiver: %(error)s") % {"error": str(exc) or exc.__class__.__name__}
    if code is not None and not 200 <= code < 300:
        error = _("The receiver answered %(code)s.") % {"code": code}
        if 300 <= code < 400:
            error += " " + _("Redirects are not followed; give the final address.")
    delivery.response_code, delivery.response_body, delivery.last_error = code, text, error
    if not error:
        delivery.state = WebhookDelivery.State.DELIVERED
    elif delivery.attempts >= settings.CALLHIRE_WEBHOOK_MAX_ATTEMPTS:
        delivery.state = WebhookDelivery.State.FAILED
    else:
        delivery.next_attempt = timezone.now() + retry_delay(delivery.attempts)
    delivery.save(update_fields=["state", "next_attempt", "response_code", "response_body", "last_error"])
    return delivery.state


def deliveries_due(limit: int = 1000) -> int:
    """Attempt the deliveries that are due now; return how many were attempted."""
    now = timezone.now()
    due = WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, next_attempt__lte=now)
    done = 0
    for pk in list(due.order_by("next_attempt").values_list("pk", flat=True)[:limit]):
        if delivery_attempt(pk) is not None:
            done += 1
    return done


def deliveries_prune(days: int) -> int:
    """Delete finished deliveries older than the given number of days; return how many."""
    cutoff = timezone.now() - timedelta(days=days)
    finished = WebhookDelivery.objects.filter(created__lt=cutoff).exclude(state=WebhookDelivery.State.PENDING)
    return finished.delete()[0]


@task
def deliver_webhooks() -> tuple[int, int]:
    """Attempt the due deliveries and forget old finished ones; run every minute (cron or Celery beat)."""
    return deliveries_due(), deliveries_prune(settings.CALLHIRE_WEBHOOK_KEEP_DAYS)
