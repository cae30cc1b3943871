"""The recruiting pipeline: a posting's stages and moving applications between them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from callhire.base.models import Application, Note, Posting, StageMove
from callhire.base.signals import application_stage_changed, note_added
from callhire.base.tasks import enqueue

Stage = Application.Stage
# The ends of every pipeline: a posting may rename them but not drop them.
FIRST = Stage.APPLIED.value
HIRED = Stage.HIRED.value
CLOSED = (Stage.REJECTED.value, Stage.WITHDRAWN.value)  # off the board, kept for the record
FIXED = (FIRST, HIRED, *CLOSED)
DEFAULT_STAGES = [s.value for s in Stage if s.value not in CLOSED]

REJECTION_REASONS = {
    "not_qualified": gettext_lazy("Does not meet the requirements"),
    "assessment": gettext_lazy("Assessment results"),
    "interview": gettext_lazy("Interview"),
    "background_check": gettext_lazy("Background check"),
    "no_response": gettext_lazy("Did not respond"),
    "position_filled": gettext_lazy("Position filled"),
    "duplicate": gettext_lazy("Duplicate application"),
    "other": gettext_lazy("Other"),
}
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class StageInfo:
    key: str
    label: str
    closed: bool = False  # rejected and withdrawn: the application left the pipeline


class StageError(ValueError):
    """A move or a stage list that the pipeline does not allow; the message says why."""


def posting_stages(posting: Posting, *, closed: bool = True) -> list[StageInfo]:
    """Return the posting's stages in order, then (unless told not to) rejected and withdrawn."""
    names = dict(Stage.choices)
    stored = posting.stages or [{"key": key} for key in DEFAULT_STAGES]
    stages = [StageInfo(s["key"], s.get("label") or str(names.get(s["key"], s["key"]))) for s in stored]
    if closed:
        stages += [StageInfo(key, str(names[key]), closed=True) for key in CLOSED]
    return stages


# A hiring manager sees the candidates the recruiters put forward: from the first of these on.
SHORTLIST_FROM = (Stage.INTERVIEW.value, Stage.BACKGROUND_CHECK.value, Stage.OFFER.value, HIRED)


def shortlist_stages(posting: Posting) -> list[str]:
    """Return the stages whose candidates a hiring manager sees, in the posting's own order.

    That is from the interview on (or from the first later default stage, if the posting has
    no interview), including any stage the team added after it.
    """
    keys = [stage.key for stage in posting_stages(posting, closed=False)]
    start = next((i for i, key in enumerate(keys) if key in SHORTLIST_FROM), len(keys))
    return keys[start:]


def stage_label(posting: Posting, key: str) -> str:
    for stage in posting_stages(posting):
        if stage.key == key:
            return stage.label
    return str(dict(Stage.choices).get(key, key))  # a stage since removed from the posting


def clean_stages(entries: list[dict]) -> list[dict]:
    """Validate a posting's stage list and return it in stored form. Raises StageError."""
    result, seen = [], set()
    for entry in entries:
        key = str(entry.get("key", "")).strip()
        label = str(entry.get("label", "")).strip()[:60]
        if not _KEY.match(key):
            raise StageError(_("A stage's key must be lower-case letters, digits and underscores: “%s”.") % key)
        if key in CLOSED:
            raise StageError(_("Rejected and withdrawn are always there; leave them out of the list."))
        if key in seen:
            raise StageError(_("The stage “%s” is listed twice.") % key)
        seen.add(key)
        result.append({"key": key, "label": label} if label else {"key": key})
    if not result or result[0]["key"] != FIRST:
        raise StageError(_("The first stage must be “applied”."))
    if result[-1]["key"] != HIRED:
        raise StageError(_("The last stage must be “hired”."))
    return result


def stage_move(
    application: Application,
    to_stage: str,
    *,
    user: User | None = None,
    reason: str = "",
    note: str = "",
    cause: str = StageMove.Cause.MANUAL,
) -> StageMove | None:
    """Move an application to another of its posting's stages and record who, when and why.

    Returns the move, or None when the application already is in that stage. Raises StageError
    for a stage the posting does not have, or a rejection without a known reason.
    """
    keys = {s.key for s in posting_stages(application.posting)}
    if to_stage not in keys:
        raise StageError(_("“%s” is not a stage of this posting.") % to_stage)
    if to_stage == Stage.REJECTED and reason not in REJECTION_REASONS:
        raise StageError(_("Say why the candidate is rejected."))
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.stage == to_stage:
            return None
        now = timezone.now()
        move = StageMove.objects.create(
            application=locked,
            from_stage=locked.stage,
            to_stage=to_stage,
            reason=reason if to_stage == Stage.REJECTED else "",
            note=note,
            cause=cause,
            user=user,
            created=now,
        )
        locked.stage, locked.stage_changed = to_stage, now
        locked.rejection_reason = move.reason
        locked.withdrawn_at = now if to_stage == Stage.WITHDRAWN else None
        locked.save(update_fields=["stage", "stage_changed", "rejection_reason", "withdrawn_at"])
    application.stage, application.stage_changed = locked.stage, locked.stage_changed
    application.rejection_reason, application.withdrawn_at = locked.rejection_reason, locked.withdrawn_at
    application_stage_changed.send(sender=Application, application=application, move=move)
    return move


def stage_record_start(application: Application, *, cause: str = StageMove.Cause.CANDIDATE, user=None) -> StageMove:
    """Record that an application entered the pipeline (its first stage)."""
    return StageMove.objects.create(
        application=application, from_stage="", to_stage=application.stage, cause=cause, user=user
    )


_MENTION = re.compile(r"(?<![\w.])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w.+-]+)")


def note_add(application: Application, author: User, text: str) -> Note:
    """Add a note to an application; @-mention teammates by email or by the part before the @."""
    text = text.strip()
    if not text:
        raise ValueError(_("Write something first."))
    team = User.objects.filter(memberships__employer_id=application.posting.employer_id, is_active=True)
    by_handle: dict[str, User] = {}
    for member in team:
        email = (member.email or member.username).lower()
        by_handle[email] = member
        by_handle.setdefault(email.split("@")[0], member)
    mentioned = {by_handle[m.lower()] for m in _MENTION.findall(text) if m.lower() in by_handle}
    note = Note.objects.create(application=application, author=author, text=text)
    note.mentions.set(mentioned)
    if mentioned:
        from callhire.base.mentions import mention_emails_send

        enqueue(mention_emails_send, note.pk)
    note_added.send(sender=Note, note=note)
    return note
