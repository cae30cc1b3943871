"""Background jobs over many applications: start one, run it, report its progress.

A job is a row (callhire.base.models.Job) and a registered task (``job_run``) that runs it
through callhire.base.tasks: inline in tests, in a thread by default, on Celery with a broker.
Each kind of job is a handler registered with ``@handler(kind)``; it gets the job and reports
progress with ``job_progress``. A handler must be safe to run again over rows it already did
(a worker that died, a task delivered twice): the job then simply finishes the remaining work.
An exception marks the job failed with its message; the rows done before it stay done.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from callhire.base.models import Employer, Job, Posting
from callhire.base.tasks import enqueue, task

log = logging.getLogger(__name__)

Handler = Callable[[Job], None]
HANDLERS: dict[str, Handler] = {}
# At most this often a long job writes its progress down, so polling pages see it move.
PROGRESS_SECONDS = 0.5


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that does the work of one kind of job."""

    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return register


class JobKeyTaken(Exception):
    """The form's key belongs to a job of another employer: a forged or replayed form."""


def job_start(
    kind: str,
    *,
    employer: Employer,
    user=None,
    posting: Posting | None = None,
    params: dict[str, Any] | None = None,
    total: int = 0,
    key: uuid.UUID | None = None,
    inline: bool = False,
) -> tuple[Job, bool]:
    """Create a job and run it (now when `inline`, else in the background after commit).

    Returns (job, started). A key already used returns that job, not started again: a double
    click or a resent form never runs the work twice.
    """
    if kind not in HANDLERS:
        raise ValueError(f"unknown kind of job {kind!r}")
    if key is not None:
        found = Job.objects.filter(key=key).first()
        if found is not None:
            if found.employer_id != employer.pk:
                raise JobKeyTaken
            return found, False
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                employer=employer,
                posting=posting,
                created_by=user if user is not None and user.is_authenticated else None,
                params=params or {},
                total=total,
                key=key,
            )
    except IntegrityError:
        # The same form sent twice at once: the other request made the job.
        found = Job.objects.filter(key=key).first()
        if found is None or found.employer_id != employer.pk:
            raise
        return found, False
    if inline:
        job_run(job.pk)
        job.refresh_from_db()
    else:
        enqueue(job_run, job.pk)
    return job, True


@task
def job_run(job_pk: int) -> None:
    """Run a queued job (or finish one whose worker died); a finished job is left alone."""
    claimed = Job.objects.filter(pk=job_pk, state__in=(Job.State.QUEUED, Job.State.RUNNING)).update(
        state=Job.State.RUNNING
    )
    if not claimed:
        return
    job = Job.objects.get(pk=job_pk)
    try:
        HANDLERS[job.kind](job)
    except Exception as exc:
        log.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            state=Job.State.FAILED, error=str(exc) or exc.__class__.__name__, finished=timezone.now()
        )
        return
    Job.objects.filter(pk=job.pk).update(state=Job.State.DONE, done=F("total"), finished=timezone.now())


class Progress:
    """Write a job's progress down in batches: at most every PROGRESS_SECONDS, and at the end."""

    def __init__(self, job: Job):
        self.job = job
        self.last = 0.0

    def __call__(self, done: int, *, force: bool = False, **result: Any) -> None:
        self.job.done = done
        self.job.result.update(result)
        now = time.monotonic()
        if force or now - self.last >= PROGRESS_SECONDS:
            self.last = now
            job_progress(self.job)


def job_progress(job: Job, result: dict[str, Any] | None = None) -> None:
    """Save how far the job got and what it found so far (job.result, unless another is given)."""
    Job.objects.filter(pk=job.pk).update(
        done=job.done, total=job.total, result=job.result if result is None else result
    )


def job_status(job: Job) -> dict[str, Any]:
    """Return what a progress bar needs to know, as JSON-ready values."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "state": job.state,
        "state_display": str(job.get_state_display()),
        "total": job.total,
        "done": job.done,
        "percent": job.percent(),
        "finished": job.is_over(),
        "error": job.error,
    }
