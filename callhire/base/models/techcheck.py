"""The home-office tech check: one row per run a candidate makes from the computer they will work on."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from callhire.base.models.core import Application


class TechCheck(models.Model):
    """One run of the tech check: what the browser measured, what the server saw, and the outcome.

    A run starts when the page begins measuring; the server counts the bytes, time and pings it
    served for the run, so the figures the page reports can be checked against them. Every run
    is kept; the latest complete one sets the candidate's facts.
    """

    class State(models.TextChoices):
        STARTED = "started", _("In progress")
        COMPLETE = "complete", _("Complete")
        REJECTED = "rejected", _("Rejected")

    application = models.ForeignKey(Application, models.CASCADE, related_name="techchecks")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.STARTED)
    created = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    # What the server itself saw for this run.
    served_down_bytes = models.BigIntegerField(default=0)
    served_down_seconds = models.FloatField(default=0)
    received_up_bytes = models.BigIntegerField(default=0)
    received_up_seconds = models.FloatField(default=0)
    pings_answered = models.PositiveIntegerField(default=0)

    # What the candidate's browser measured (worked out by the server from the raw figures sent).
    download_mbps = models.FloatField(_("download speed (Mbps)"), null=True, blank=True)
    upload_mbps = models.FloatField(_("upload speed (Mbps)"), null=True, blank=True)
    latency_ms = models.FloatField(_("latency (ms)"), null=True, blank=True)
    jitter_ms = models.FloatField(_("jitter (ms)"), null=True, blank=True)
    packet_loss_pct = models.FloatField(_("packet loss (%)"), null=True, blank=True)
    pings_sent = models.PositiveIntegerField(default=0)
    pings_lost = models.PositiveIntegerField(default=0)

    user_agent = models.CharField(_("browser identification"), max_length=500, blank=True)
    browser = models.CharField(_("browser"), max_length=60, blank=True)
    os = models.CharField(_("operating system"), max_length=20, blank=True)  # a vocab.OPERATING_SYSTEMS code
    os_name = models.CharField(_("operating system name"), max_length=60, blank=True)
    mobile = models.BooleanField(_("phone or tablet"), default=False)

    # Microphone and headset: peak level (0-1) while speaking, and how loudly the microphone heard
    # the test tone played through the speakers or headset (dB above the room's noise).
    mic_ok = models.BooleanField(_("microphone works"), null=True, blank=True)
    mic_level = models.FloatField(_("microphone level"), null=True, blank=True)
    echo_db = models.FloatField(_("tone heard by the microphone (dB)"), null=True, blank=True)
    headset_likely = models.BooleanField(_("headset likely"), null=True, blank=True)

    wired_attested = models.BooleanField(_("wired connection (stated)"), default=False)
    quiet_attested = models.BooleanField(_("quiet room (stated)"), default=False)

    # requirement key -> threshold used, and requirement key -> passed (True/False).
    thresholds = models.JSONField(_("thresholds"), default=dict)
    passed = models.JSONField(_("passed"), default=dict)
    reason = models.CharField(_("why the run was rejected"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("tech check")
        verbose_name_plural = _("tech checks")
        ordering = ["application", "-created"]

    def __str__(self) -> str:
        return f"{self.application} tech check {self.created:%Y-%m-%d %H:%M}"

    def all_passed(self) -> bool:
        return bool(self.passed) and all(self.passed.values())
