"""Workflows over several objects: each changes state, then sends a past-tense signal."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from callhire.base.emails import email_send
from callhire.base.models import Application, Posting, ProfileVersion, StageMove
from callhire.base.models.core import VERDICT_FIELDS
from callhire.base.pipeline import stage_move, stage_record_start
from callhire.base.signals import (
    application_erased,
    application_screened,
    application_submitted,
    application_withdrawn,
    profile_saved,
)
from callhire.postings.writer import Employer as EmployerDetails
from callhire.postings.writer import write_description
from callhire.screening.catalog import CATALOG
from callhire.screening.engine import statuses_code
from callhire.screening.profile import parse_profile


def profile_save(posting: Posting, document: Any, *, user=None, source: str = "manual") -> ProfileVersion:
    """Validate a profile document and save it as the posting's profile.

    While the posting is not open and nobody was screened against its current version, that
    version is edited in place; otherwise a new version is made, so every verdict keeps the
    profile it used (and no application can be screened against a version being edited).
    Raises ProfileError (nothing saved) when the document is invalid.
    """
    profile = parse_profile(document)
    clean = profile.to_document()
    with transaction.atomic():
        locked = Posting.objects.select_for_update().get(pk=posting.pk)
        current = locked.current_version()
        created = current is None or locked.status == Posting.Status.OPEN or current.is_in_use()
        if created:
            number = 1 if current is None else current.number + 1
            version = ProfileVersion.objects.create(
                posting=locked, number=number, document=clean, source=source, created_by=user
            )
        else:
            assert current is not None
            version = current
            version.document, version.source, version.created_by = clean, source, user
            version.save(update_fields=["document", "source", "created_by"])
        locked.copy_terms(profile)
        locked.updated = timezone.now()
        locked.save()
        posting.refresh_from_db()
    profile_saved.send(sender=Posting, posting=posting, version=version, created=created)
    return version


def _set_verdict(application: Application, version: ProfileVersion) -> None:
    """Screen the application's facts against a profile version and set the verdict fields."""
    result = version.screener().screen(application.facts, application.fact_sources)
    application.profile_version = version
    application.verdict = result.verdict
    application.score = result.score
    screening = application.screening_row()
    screening.profile_version, screening.statuses = version, statuses_code(result.statuses)
    application.findings = findings_stored(result, application.fact_origins)


def findings_stored(result, fact_origins: dict[str, str]) -> list[dict[str, Any]]:
    """Return a screening result's findings as an application stores them."""
    return [
        {
            "key": f.key,
            "level": f.level,
            "status": f.status,
            "threshold": f.threshold,
            "value": f.value,
            "source": f.source,
            "reason_en": f.reason_en,
            "reason_ms": f.reason_ms,
            # Which assessment measured the fact, when one did.
            "origin": fact_origins.get(CATALOG[f.key].fact or "", "") if f.source == "measured" else "",
        }
        for f in result.findings()
    ]


def application_screen(application: Application, version: ProfileVersion | None = None) -> Application:
    """Screen an application against its posting's current profile and store the verdict."""
    version = version or application.posting.current_version()
    if version is None:
        raise ValueError("the posting has no profile to screen against")
    _set_verdict(application, version)
    application.save(update_fields=VERDICT_FIELDS)
    application_screened.send(sender=Application, application=application)
    return application


def describe_posting(
    posting: Posting, lang: str = "en", fmt: str = "html", version: ProfileVersion | None = None
) -> str:
    """Write the posting's job description from its current profile (or the version given)."""
    version = version or posting.current_version()
    if version is None:
        return ""
    employer = posting.employer
    details = EmployerDetails(
        name=employer.name,
        about=employer.about,
        location=posting.location,
        apply_url=employer.website,
        apply_email=employer.apply_email,
    )
    return write_description(version.profile(), details, lang=lang, fmt=fmt)


def application_submit(
    posting: Posting,
    *,
    name: str,
    email: str,
    phone: str = "",
    language: str = "en",
    facts: dict[str, Any],
    sources: dict[str, str] | None = None,
    cv: UploadedCV | None = None,
    consent_version: str,
    submission_key: uuid.UUID,
    version: ProfileVersion | None = None,
    owner_token: str = "",
) -> tuple[Application, str]:
    """Record an application, screen it, and email the candidate their status link.

    Returns (application, outcome), the outcome one of:
    - "created": a new application;
    - "updated": the candidate changed their application (`owner_token` proves it is theirs);
    - "repeat": the same form was sent again (a double click, a retry): nothing changes;
    - "exists": someone applied with an email that already has an application, without its
      token; nothing changes, and the owner is emailed their status link to update it there.
    """
    from callhire.base import assessing  # assessing builds on these services

    email = email.strip().lower()
    version = version or posting.current_version()
    if version is None:
        raise ValueError("the posting has no profile to screen against")
    invitation = None
    for attempt in range(2):
        try:
            with transaction.atomic():
                application, outcome = _submit_once(
                    posting,
                    version,
                    name,
                    email,
                    phone,
                    language,
                    facts,
                    sources or dict.fromkeys(facts, "declared"),
                    cv,
                    consent_version,
                    submission_key,
                    owner_token,
                )
                if outcome == "created":
                    config = assessing.assessment_config(posting, version.profile())
                    if config["auto_invite"]:
                        invitation = assessing.invitation_send(application, notify=False, sections=config["sections"])
            break
        except IntegrityError:
            # A concurrent submit of the same form or person won the race: use its row.
            if attempt:
                raise
    if outcome in ("created", "updated"):
        application_screened.send(sender=Application, application=application)
        application_submitted.send(sender=Application, application=application, created=outcome == "created")
        send_status_email(application, created=outcome == "created", invitation=invitation)
    elif outcome == "exists":
        send_status_email(application, created=False, already=True)
    return application, outcome


def _submit_once(
    posting, version, name, email, phone, language, facts, sources, cv, consent_version, submission_key, owner_token
):
    # One query finds both this very form sent before and the same person's earlier application.
    found = list(
        Application.objects.select_for_update().filter(
            Q(posting_id=posting.pk, email=email) | Q(posting_id=posting.pk, submission_key=submission_key)
        )
    )
    repeat = next((a for a in found if a.submission_key == submission_key), None)
    if repeat is not None:
        return repeat, "repeat"
    application = found[0] if found else None
    if application is not None and not secrets.compare_digest(application.token, owner_token or ""):
        return application, "exists"  # only the holder of the status link may change it
    outcome = "created" if application is None else "updated"
    if application is None:
        application = Application(posting=posting, email=email)
    application.name, application.phone, application.language = name.strip(), phone.strip(), language
    # What an assessment measured or a check verified stays; the candidate's answers fill the rest.
    kept = {k for k, source in application.fact_sources.items() if source != "declared"}
    application.facts = facts | {k: v for k, v in application.facts.items() if k in kept}
    application.fact_sources = sources | {k: application.fact_sources[k] for k in kept}
    # A change of answers keeps the application where the team put it; coming back after
    # withdrawing starts the pipeline again.
    returning = application.stage == Application.Stage.WITHDRAWN
    if returning:
        application.stage, application.stage_changed = Application.Stage.APPLIED, timezone.now()
    application.withdrawn_at = None
    application.consent_version, application.consented_at = consent_version, timezone.now()
    application.submission_key = submission_key
    application.updated = timezone.now()
    if cv is not None:
        old_cv = application.cv.name if application.cv else ""
        application.cv.save(f"{uuid.uuid4().hex}.{cv.extension}", ContentFile(cv.data), save=False)
        application.cv_text = cv.text
        if old_cv:
            storage = application.cv.storage
            transaction.on_commit(lambda: storage.delete(old_cv))  # only once the new one is saved
    _set_verdict(application, version)  # screened in the same write as the application
    application.save()
    if outcome == "created":
        stage_record_start(application)
    elif returning:
        StageMove.objects.create(
            application=application,
            from_stage=Application.Stage.WITHDRAWN,
            to_stage=application.stage,
            cause="candidate",
        )
    return application, outcome


@dataclass(frozen=True)
class UploadedCV:
    """A CV whose type was checked by its content, with the text read from it."""

    data: bytes
    extension: str  # pdf or docx
    text: str
    filename: str


def absolute_url(name: str, *args: Any) -> str:
    """Return the absolute URL of a named view, in the active language."""
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def status_url(application: Application) -> str:
    """Return the absolute private link to the candidate's status page, in their language."""
    with translation.override(application.language):
        return absolute_url("presale:status", application.token)


def send_status_email(application: Application, *, created: bool, invitation=None, already: bool = False) -> None:
    """Email the candidate a confirmation with their private status link, in their language."""
    with translation.override(application.language):
        context = {
            "application": application,
            "posting": application.posting,
            "url": status_url(application),
            "created": created,
            "already": already,
            "invitation_url": absolute_url("presale:assess", invitation.token) if invitation else "",
        }
        subject = render_to_string("presale/email/submitted_subject.txt", context).strip()
        body = render_to_string("presale/email/submitted.txt", context)
    email_send(application, subject, body, kind="submitted")


def application_withdraw(application: Application) -> None:
    """Withdraw an application at the candidate's request."""
    stage_move(application, Application.Stage.WITHDRAWN, cause="candidate")
    application_withdrawn.send(sender=Application, application=application)


def application_erase(application: Application) -> None:
    """Delete an application, its CV and its recordings at the candidate's request."""
    from callhire.base.interviews import interviews_cancel_for_erasure
    from callhire.base.speaking import recordings_erase

    pk = application.pk
    interviews_cancel_for_erasure(application)
    if application.cv:
        application.cv.delete(save=False)
    recordings_erase(application)
    application.delete()
    application_erased.send(sender=Application, pk=pk)
