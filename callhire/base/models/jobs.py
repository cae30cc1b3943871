"""Background jobs a recruiter starts (bulk actions, re-screening) and what a re-screen changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from callhire.base.models.core import Application, Employer, Posting


class Job(models.Model):
    """One run of slow work over many applications, with its progress and its outcome."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        MOVE = "move", _("Move to a stage")
        REJECT = "reject", _("Reject")
        INVITE = "invite", _("Invite to the assessments")
        EXPORT = "export", _("Export as CSV")
        RESCREEN = "rescreen", _("Screen again after a profile change")

    employer = models.ForeignKey(Employer, models.CASCADE, related_name="jobs")
    posting = models.ForeignKey(Posting, models.CASCADE, null=True, blank=True, related_name="jobs")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(_("started"), default=timezone.now)
    # One per form shown: a double-clicked or resent form finds the job it started.
    key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    # Counts, per-row errors, the export file's name: whatever the kind reports.
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk} ({self.state})"

    def is_over(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(100, 100 * self.done // self.total) if self.total else 0


class VerdictChange(models.Model):
    """An application whose verdict a re-screen changed: who changed status because of a profile change."""

    # A re-screen writes hundreds of thousands of these at once; a database-level check of each
    # reference costs as much as the writing. Django's delete collector still cascades to them.
    job = models.ForeignKey(Job, models.CASCADE, related_name="verdict_changes", db_constraint=False)
    application = models.ForeignKey(Application, models.CASCADE, related_name="verdict_changes", db_constraint=False)
    before = models.CharField(_("verdict before"), max_length=20, blank=True)
    after = models.CharField(_("verdict after"), max_length=20)

    class Meta:
        verbose_name = _("verdict change")
        verbose_name_plural = _("verdict changes")
        ordering = ["job", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.before or '∅'} → {self.after}"
