"""Interviews: the times a team offers, the candidate's booking, and the interviewer's feedback."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from callhire.base.models.core import Application, Posting


class InterviewSlot(models.Model):
    """A time a posting's team can interview one candidate, at a place or on a phone or video link."""

    posting = models.ForeignKey(Posting, models.CASCADE, related_name="interview_slots")
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"))
    # The zone the team offered the time in (IANA name): invitations and emails are written in it.
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    location = models.CharField(_("place or phone number"), max_length=300, blank=True)
    link = models.URLField(_("video link"), max_length=500, blank=True)
    interviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="interview_slots")
    created = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    # A slot nobody booked can be taken back; a booked one is cancelled through its interview.
    withdrawn = models.BooleanField(_("withdrawn"), default=False)

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["start", "pk"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="slot_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.posting}: {self.start:%Y-%m-%d %H:%M} UTC"

    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def new_uid() -> str:
    return f"{uuid.uuid4().hex}@callhire"


class Interview(models.Model):
    """One candidate's interview: invited to pick a time, booked on a slot, and what came of it."""

    class State(models.TextChoices):
        INVITED = "invited", _("Invited to pick a time")
        BOOKED = "booked", _("Booked")
        RESCHEDULED = "rescheduled", _("Rescheduled")
        CANCELLED = "cancelled", _("Cancelled")
        DONE = "done", _("Done")

    ACTIVE = (State.INVITED, State.BOOKED, State.RESCHEDULED)
    ON_CALENDAR = (State.BOOKED, State.RESCHEDULED)

    application = models.ForeignKey(Application, models.CASCADE, related_name="interviews")
    slot = models.ForeignKey(InterviewSlot, models.CASCADE, null=True, blank=True, related_name="interviews")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.INVITED)
    # RFC 5545: one UID for the interview's life; SEQUENCE grows with every change sent out.
    uid = models.CharField(max_length=100, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    # The zone the candidate reads their times in, as their browser told us; blank: the slot's zone.
    candidate_time_zone = models.CharField(_("candidate's time zone"), max_length=64, blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(_("created"), default=timezone.now)
    booked_at = models.DateTimeField(_("booked"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )  # blank on a cancelled interview: the candidate cancelled
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)  # 1 to 5
    feedback = models.TextField(_("feedback"), blank=True)
    feedback_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    feedback_at = models.DateTimeField(_("feedback given"), null=True, blank=True)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["-created", "-pk"]
        constraints = [
            # The database, not the view, makes a slot one candidate's: two people clicking at once cannot both win.
            models.UniqueConstraint(
                fields=["slot"], condition=~Q(state="cancelled") & Q(slot__isnull=False), name="one_booking_per_slot"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(state__in=["invited", "booked", "rescheduled"]),
                name="one_open_interview_per_application",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="rating_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_state_display()}"

    def is_on_calendar(self) -> bool:
        return self.state in self.ON_CALENDAR and self.slot_id is not None
