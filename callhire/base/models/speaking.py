"""Voice test and sample call: the candidate's recordings and the employer's own customer audio."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from callhire.base.models.core import Attempt, Employer


def recording_path(recording: Recording, filename: str) -> str:
    return f"recordings/{recording.attempt.application_id}/{recording.attempt_id}/{filename}"


class Recording(models.Model):
    """One spoken answer: a read-aloud script, or one turn of a sample call.

    The browser uploads it in numbered chunks while it records; `chunks` counts the ones stored
    (kept as separate files until the candidate stops, then joined into `file`).
    """

    class Kind(models.TextChoices):
        READ = "read", _("read aloud")
        CALL = "call", _("sample call answer")

    class State(models.TextChoices):
        UPLOADING = "uploading", _("uploading")
        RETRY = "retry", _("to record again")  # silent, clipped or too short: the candidate may retry
        PENDING = "pending", _("waiting for scoring")
        SCORED = "scored", _("scored")
        FAILED = "failed", _("could not be scored")

    attempt = models.ForeignKey(Attempt, models.CASCADE, related_name="recordings")
    item_id = models.CharField(max_length=80)
    turn = models.PositiveSmallIntegerField(default=0)  # 0 for a script, 1.. for a call's turns
    kind = models.CharField(max_length=10, choices=Kind.choices)
    takes = models.PositiveSmallIntegerField(default=1)  # 1 + the retries used
    file = models.FileField(upload_to=recording_path, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    chunks = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=10, choices=State.choices, default=State.UPLOADING)
    audio_check = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.CharField(max_length=300, blank=True)
    overall = models.PositiveSmallIntegerField(null=True, blank=True)
    reviewed_score = models.PositiveSmallIntegerField(null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "id"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "item_id", "turn"], name="one_recording_per_turn"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}#{self.turn} ({self.state})"

    @property
    def score(self) -> int | None:
        """Return the recruiter's rating when there is one, else the automatic overall score."""
        return self.reviewed_score if self.reviewed_score is not None else self.overall

    def chunk_name(self, index: int) -> str:
        return f"recordings/parts/{self.pk}-{self.takes}-{index:05d}"


def call_audio_path(audio: CallAudio, filename: str) -> str:
    return f"call-audio/{audio.employer_id}/{audio.item_id}-{audio.turn}.wav"


class CallAudio(models.Model):
    """An employer's own recording of a customer's turn, played instead of the generated voice."""

    employer = models.ForeignKey(Employer, models.CASCADE, related_name="call_audio")
    item_id = models.CharField(_("call"), max_length=80)
    turn = models.PositiveSmallIntegerField(_("turn"))
    file = models.FileField(upload_to=call_audio_path)
    duration = models.FloatField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["employer", "item_id", "turn"], name="one_audio_per_turn")]

    def __str__(self) -> str:
        return f"{self.item_id}#{self.turn}"
