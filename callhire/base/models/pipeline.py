"""The recruiting pipeline's record: every stage move, and the team's notes on a candidate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from callhire.base.models.core import Application


class StageMove(models.Model):
    """One change of an application's stage: who moved it, when, from where to where, and why."""

    class Cause(models.TextChoices):
        MANUAL = "manual", _("By a recruiter")
        BULK = "bulk", _("In a bulk action")
        RESCREEN = "rescreen", _("After a profile change")
        CANDIDATE = "candidate", _("By the candidate")
        API = "api", _("Through the API")
        SYSTEM = "system", _("Automatically")

    application = models.ForeignKey(Application, models.CASCADE, related_name="stage_moves")
    from_stage = models.CharField(_("from"), max_length=40, blank=True)  # blank: the application was made
    to_stage = models.CharField(_("to"), max_length=40)
    reason = models.CharField(_("reason"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    cause = models.CharField(_("cause"), max_length=10, choices=Cause.choices, default=Cause.MANUAL)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("stage move")
        verbose_name_plural = _("stage moves")
        ordering = ["application", "created", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage or '∅'} → {self.to_stage}"


class Note(models.Model):
    """A recruiter's note on an application; @-mentioned teammates are told."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("note"))
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in")
    created = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["application", "created", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.text[:40]}"
