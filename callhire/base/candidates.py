"""The same person seen more than once: finding duplicate applications and merging them.

Duplicates are found, not stored: two applications at one employer belong to the same person
when their emails match (case aside) or their phone numbers end in the same nine digits
(so "+60 12-345 6789" and "012 345 6789" match). Across postings they stay separate
applications, each with its own pipeline and verdict, and are shown side by side; within one
posting (the same person applying twice with two emails) they can be merged into one.
"""

from __future__ import annotations

import logging
import re

from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from callhire.base.models import Application, Attempt, Note
from callhire.base.models.core import PHONE_KEY_DIGITS, phone_key_expression
from callhire.base.signals import applications_merged

log = logging.getLogger(__name__)

# The better a fact's source, the more it is trusted when two applications disagree.
SOURCE_RANK = {"declared": 0, "document": 1, "measured": 2, "verified": 3}


class MergeError(ValueError):
    """Two applications that cannot be merged; the message says why."""


def phone_key(phone: str) -> str:
    """Return the digits a phone number is matched by, or "" for one too short to match on."""
    digits = re.sub(r"\D", "", phone or "")
    return digits[-PHONE_KEY_DIGITS:] if len(digits) >= 7 else ""


def duplicates_of(application: Application, visible: QuerySet[Application]) -> QuerySet[Application]:
    """Return the other applications among `visible` at the same employer that look like the same person."""
    found = visible.filter(posting__employer_id=application.posting.employer_id).exclude(pk=application.pk)
    # The same expressions as the indexes application_email and application_phone_key.
    found = found.alias(email_key=Lower("email"))
    same = Q(email_key=application.email.strip().lower())
    key = phone_key(application.phone)
    if key:
        found = found.alias(phone_key=phone_key_expression())
        same |= Q(phone_key=key)
    return found.filter(same).select_related("posting").order_by("-created")


def application_merge(keep: Application, other: Application, user=None) -> Application:
    """Merge `other` into `keep`, two applications of one person to the same posting, and delete `other`.

    Everything recorded on `other` (notes, stage moves, emails, invitations, attempts and any
    other row that points at it) moves to `keep`; each fact keeps the value from the better
    source (verified > measured > document > declared; on a tie `keep`'s); `keep` takes
    `other`'s phone and CV when it has none. `keep` stays in its stage. The merge is recorded as
    a note on `keep`, and the application is screened again when its facts changed.
    """
    from callhire.base import assessing, services  # both build on the models this module is near

    if keep.pk == other.pk:
        raise MergeError(_("An application cannot be merged with itself."))
    if keep.posting_id != other.posting_id:
        raise MergeError(
            _("Only applications to the same posting can be merged; applications to other postings stay separate.")
        )
    removed_cv = ""
    with transaction.atomic():
        locked = {a.pk: a for a in Application.objects.select_for_update().filter(pk__in=[keep.pk, other.pk])}
        if len(locked) != 2:
            raise MergeError(_("The other application no longer exists; it may have been merged already."))
        keep, other = locked[keep.pk], locked[other.pk]
        had_attempts = _attempts_move(keep, other)
        _related_move(keep, other)

        facts, sources, origins = dict(keep.facts), dict(keep.fact_sources), dict(keep.fact_origins)
        for fact, value in other.facts.items():
            theirs = other.fact_sources.get(fact, "declared")
            ours = SOURCE_RANK.get(sources.get(fact, "declared"), 0) if fact in facts else -1
            if SOURCE_RANK.get(theirs, 0) > ours:
                facts[fact], sources[fact] = value, theirs
                origins.pop(fact, None)
                if fact in other.fact_origins:
                    origins[fact] = other.fact_origins[fact]
        facts_changed = facts != keep.facts
        keep.facts, keep.fact_sources, keep.fact_origins = facts, sources, origins
        if not keep.phone and other.phone:
            keep.phone = other.phone
        if not keep.cv and other.cv:
            keep.cv, keep.cv_text = other.cv.name, other.cv_text
        elif other.cv:
            removed_cv = other.cv.name
        granted = dict(keep.attempts_granted)
        for section, extra in other.attempts_granted.items():
            granted[section] = granted.get(section, 0) + extra
        keep.attempts_granted = granted
        keep.updated = timezone.now()
        keep.save()

        summary = _("Merged with the application of %(name)s <%(email)s>, made %(date)s, which was in “%(stage)s”.") % {
            "name": other.name,
            "email": other.email,
            "date": timezone.localtime(other.created).strftime("%Y-%m-%d %H:%M"),
            "stage": other.get_stage_display(),
        }
        Note.objects.create(application=keep, author=user, text=summary)
        other_pk = other.pk
        other.delete()
        if removed_cv:
            storage = keep.cv.storage
            transaction.on_commit(lambda: storage.delete(removed_cv))
    if had_attempts:
        assessing.facts_update(keep)  # measured facts come from the latest attempts, now all on keep
    elif facts_changed and keep.profile_version_id:
        services.application_screen(keep)
    applications_merged.send(sender=Application, application=keep, merged_pk=other_pk, user=user)
    return keep


def _attempts_move(keep: Application, other: Application) -> bool:
    """Move other's attempts to keep, numbering each section's attempts again in the order taken."""
    theirs = list(Attempt.objects.filter(application=other))
    if not theirs:
        return False
    for section in {a.section for a in theirs}:
        runs = sorted(
            list(Attempt.objects.filter(application=keep, section=section))
            + [a for a in theirs if a.section == section],
            key=lambda a: (a.started_at, a.pk),
        )
        # Park the numbers out of the way first: (application, section, number) is unique.
        for offset, run in enumerate(runs):
            Attempt.objects.filter(pk=run.pk).update(application=keep, number=1000 + offset)
        for number, run in enumerate(runs, start=1):
            Attempt.objects.filter(pk=run.pk).update(number=number)
    return True


def _related_move(keep: Application, other: Application) -> None:
    """Point every other row that belongs to `other` at `keep`, whatever app defines it."""
    for relation in Application._meta.related_objects:
        model, field = relation.related_model, relation.field
        if model is Attempt or relation.many_to_many or not field.concrete:
            continue
        rows = model._base_manager.filter(**{field.name: other})
        if relation.one_to_many:
            rows.update(**{field.name: keep})
        elif relation.one_to_one and not model._base_manager.filter(**{field.name: keep}).exists():
            rows.update(**{field.name: keep})
