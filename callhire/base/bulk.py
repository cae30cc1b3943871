"""Bulk actions on a recruiter's selection of applications: move, reject, invite, export.

Each runs as a Job (see callhire.base.jobs) over the application ids chosen when it started.
Rows are done one by one, each in its own transaction together with the job's count, so a job
that is run again after a crash starts at the first row not done and nothing is done twice.
A row that fails is counted and named in the result; the others go on.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from callhire.base import assessing
from callhire.base.emails import template_send
from callhire.base.jobs import Progress, handler, job_progress
from callhire.base.models import Application, Job, StageMove
from callhire.base.pipeline import CLOSED, stage_label, stage_move
from callhire.screening.engine import VERDICT_NAMES, describe_value

# Up to this many rows a bulk action runs while the recruiter waits; more go to the background.
INLINE_LIMIT = 50
# Per-row errors kept in a job's result: enough to act on, not a second copy of the selection.
ERRORS_KEPT = 100
BATCH = 200


def _applications(job: Job, ids: list[int]) -> Iterator[tuple[int, Application | None]]:
    """Yield (position, application) for the ids from where the job got to, in batches."""
    start = job.done
    for at in range(start, len(ids), BATCH):
        chunk = ids[at : at + BATCH]
        # Only the job's own posting: ids are checked again here, not trusted from the form.
        rows = Application.objects.filter(posting_id=job.posting_id, pk__in=chunk).select_related("screening")
        found = {a.pk: a for a in rows}
        for offset, pk in enumerate(chunk):
            yield at + offset, found.get(pk)


def _each_row(job: Job, work) -> None:
    """Run work(application) -> outcome for every selected row, counting outcomes and errors."""
    ids: list[int] = job.params["ids"]
    job.total = len(ids)
    counts: dict[str, int] = job.result.setdefault("counts", {})
    errors: list[dict[str, Any]] = job.result.setdefault("errors", [])
    progress = Progress(job)
    for position, application in _applications(job, ids):
        if application is None:
            outcome = "gone"  # erased since it was selected
        else:
            try:
                with transaction.atomic():
                    outcome = work(application)
                    # The row and the count commit together; the count is kept in memory only
                    # once the commit succeeded, so a failed commit is counted once, as failed.
                    tally = dict(counts)
                    tally[outcome] = tally.get(outcome, 0) + 1
                    job.done = position + 1
                    job_progress(job, result=job.result | {"counts": tally})
                counts[outcome] = tally[outcome]
                continue
            except Exception as exc:
                outcome = "failed"
                if len(errors) < ERRORS_KEPT:
                    errors.append({"id": application.pk, "name": application.name, "error": str(exc)})
        counts[outcome] = counts.get(outcome, 0) + 1
        progress(position + 1, force=True)
    progress(len(ids), force=True)


@handler(Job.Kind.MOVE)
def bulk_move(job: Job) -> None:
    stage, note = job.params["stage"], job.params.get("note", "")

    def move(application: Application) -> str:
        if application.stage in CLOSED and stage not in CLOSED:
            return "skipped"  # reopening a rejected or withdrawn candidate is done one by one
        done = stage_move(application, stage, user=job.created_by, note=note, cause=StageMove.Cause.BULK)
        return "moved" if done else "skipped"

    _each_row(job, move)


@handler(Job.Kind.REJECT)
def bulk_reject(job: Job) -> None:
    reason, note, email = job.params["reason"], job.params.get("note", ""), job.params.get("email", True)

    def reject(application: Application) -> str:
        if application.stage in CLOSED:
            return "skipped"  # already rejected or withdrawn: no second email
        stage_move(
            application, Application.Stage.REJECTED, user=job.created_by, reason=reason, note=note,
            cause=StageMove.Cause.BULK,
        )  # fmt: skip
        if not email:
            return "rejected"
        log = template_send(application, "rejection", user=job.created_by)
        return "rejected_email_failed" if log.error else "rejected"

    _each_row(job, reject)


@handler(Job.Kind.INVITE)
def bulk_invite(job: Job) -> None:
    def invite(application: Application) -> str:
        if application.stage in CLOSED:
            return "skipped"
        if assessing.invitation_send(application, user=job.created_by) is None:
            raise ValueError(_("This posting uses no assessments. Choose its sections first."))
        return "invited"

    _each_row(job, invite)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_safe(value: Any) -> str:
    """Return a cell a spreadsheet shows as text, never runs as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export_columns(job: Job) -> tuple[list[str], list[tuple[str, Any]]]:
    """Return the header and the facts (fact name, requirement) the posting's profile asks for."""
    version = job.posting.current_version() if job.posting else None
    facts: list[tuple[str, Any]] = []
    if version is not None:
        seen = set()
        for rule in version.profile().rules:
            req = rule.requirement
            if req.fact and req.fact not in seen:
                seen.add(req.fact)
                facts.append((req.fact, req))
    lang = job.params.get("language", "en")
    header = [
        _("Name"), _("Email"), _("Phone"), _("Stage"), _("Verdict"), _("Preference score"), _("Source"),
        _("Applied"),
    ]  # fmt: skip
    return header + [req.label_in(lang) for _fact, req in facts], facts


@handler(Job.Kind.EXPORT)
def bulk_export(job: Job) -> None:
    lang = job.params.get("language", "en")
    ids: list[int] = job.params["ids"]
    job.total = len(ids)
    job.done = 0  # an export is written whole again when run again
    progress = Progress(job)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    with translation.override(lang):
        header, facts = export_columns(job)
        writer.writerow([csv_safe(h) for h in header])
        for position, application in _applications(job, ids):
            if application is not None:
                verdict = VERDICT_NAMES.get(application.verdict, ("", ""))[1 if lang == "ms" else 0]
                row = [
                    application.name,
                    application.email,
                    application.phone,
                    stage_label(job.posting, application.stage),
                    verdict,
                    application.score,
                    application.source,
                    timezone.localtime(application.created).strftime("%Y-%m-%d %H:%M"),
                ]
                for fact, req in facts:
                    value = application.facts.get(fact)
                    row.append("" if value is None else describe_value(req, value, lang))
                writer.writerow([csv_safe(cell) for cell in row])
            progress(position + 1)
    # The BOM lets spreadsheet programs read the UTF-8 (Malay and other names) correctly.
    name = default_storage.save(
        f"exports/{job.employer_id}/{uuid.uuid4().hex}.csv", ContentFile(("\ufeff" + buffer.getvalue()).encode())
    )
    old = job.result.get("file")
    progress(len(ids), force=True, file=name, rows=len(ids))
    if old and old != name:
        default_storage.delete(old)


def export_filename(job: Job) -> str:
    stamp = timezone.localtime(job.created).strftime("%Y%m%d-%H%M")
    return f"applications-{job.posting_id}-{stamp}.csv"
