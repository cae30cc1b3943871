"""Screen a posting's applications again when its profile changes, in the background.

A new profile version starts a re-screen job of every application of the posting. The verdict
each row had before is kept (Application.previous_verdict, and one VerdictChange per row whose
verdict changed, so the team sees who changed status because of the profile change). Nobody
is moved between stages automatically.

Only rows whose verdict, score or failed requirements change are written (the last matters to
the knock-out report: a candidate already not qualified may fail another requirement now with
the same verdict and score). Their findings are left empty, to be worked out from the facts by
a task queued after the job (``findings_fill_task``), or the first time somebody looks,
whichever comes first (``application_findings``): findings are a pure function of the profile
version and the facts, and writing out sentences for a million rows would cost far more than
the screening. A row not written keeps its stored findings and version (the requirements it fails
are the same; a threshold quoted in a reason may be old), and ``application_findings`` brings it up
to the newest version the posting was re-screened against when somebody opens it.

On PostgreSQL the pass reads only the facts the profiles ask about, with COPY, screens each
requirement once per distinct answer, and writes the changed rows back with COPY and one
UPDATE per chunk. Elsewhere (SQLite) it reads rows through the ORM and screens each in full.
Both give exactly what services.application_screen gives; the tests compare them row by row.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from operator import contains, getitem, itemgetter
from typing import Any

from django.db import connection, transaction
from django.db.models import Count
from django.dispatch import receiver

from callhire.base.jobs import Progress, handler, job_start
from callhire.base.models import Application, Job, Posting, ProfileVersion, VerdictChange
from callhire.base.signals import profile_saved
from callhire.base.tasks import enqueue, task
from callhire.screening.engine import UNKNOWN, Screener

# Rows screened between two write-backs and progress reports.
CHUNK = 100_000
# Applications whose findings are worked out per query when filling them in.
FILL_BATCH = 500
VERDICT_FIELDS = ["profile_version", "verdict", "score", "findings"]
_FACT_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


@receiver(profile_saved)
def _profile_saved(sender, posting: Posting, version: ProfileVersion, **kwargs) -> None:
    if posting.applications.exists():
        rescreen_start(posting, version)


def rescreen_start(posting: Posting, version: ProfileVersion) -> Job:
    """Start a background job screening all of a posting's applications against its newest profile."""
    job, _started = job_start(
        Job.Kind.RESCREEN,
        employer=posting.employer,
        posting=posting,
        user=version.created_by,
        params={"version": version.pk},
        total=posting.applications.count(),
    )
    return job


@handler(Job.Kind.RESCREEN)
def rescreen_run(job: Job) -> None:
    posting = job.posting
    assert posting is not None
    # The newest version wins: two quick saves end with both jobs screening against the last one.
    version = posting.current_version()
    if version is None:
        raise ValueError("the posting has no profile to screen against")
    if "before" not in job.result:  # a job run again keeps the counts from before it first ran
        job.result["before"] = _verdict_counts(posting)
    job.result.update(version=version.pk, version_number=version.number)
    job.total = posting.applications.count()
    screener = Screener(version.profile())
    progress = Progress(job)
    start = time.perf_counter()
    if connection.vendor == "postgresql":
        after, written = _pass_postgresql(job, posting, version, screener, progress)
    else:
        after, written = _pass_orm(job, posting, version, screener, progress)
    seconds = time.perf_counter() - start
    progress(
        job.total,
        force=True,
        after=dict(after),
        written=written,
        changed=VerdictChange.objects.filter(job=job).count(),
        seconds=round(seconds, 3),
    )
    if written:
        enqueue(findings_fill_task, posting.pk)  # the explanations of the changed rows, after the job


def _verdict_counts(posting: Posting) -> dict[str, int]:
    rows = posting.applications.order_by().values_list("verdict").annotate(n=Count("pk"))
    return {verdict: n for verdict, n in rows}


def _pass_orm(job, posting, version, screener, progress) -> tuple[Counter, int]:
    olds = _knocking_out_otherwise(posting, version, screener)
    after: Counter = Counter()
    written = seen = last = 0
    rows = posting.applications.order_by("pk").values_list(
        "pk", "verdict", "score", "profile_version_id", "facts", "fact_sources"
    )
    while True:
        chunk = list(rows.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return after, written
        changes = []
        for pk, verdict, score, old_version, facts, sources in chunk:
            result = screener.screen(facts, sources)
            after[result.verdict] += 1
            old = olds.get(str(old_version)) if olds else None
            if (
                result.verdict != verdict
                or result.score != score
                or (
                    old is not None
                    and old.knocked_out(old.screen(facts, sources).statuses) != screener.knocked_out(result.statuses)
                )
            ):
                changes.append((pk, result.verdict, result.score, verdict, score, old_version))
        with transaction.atomic():
            made = []
            for pk, new_verdict, new_score, verdict, score, old_version in changes:
                # Only a row nobody re-screened in between: its own screening is newer than ours.
                fields: dict[str, Any] = {"verdict": new_verdict, "score": new_score}
                if new_verdict != verdict:
                    fields["previous_verdict"] = verdict
                updated = Application.objects.filter(
                    pk=pk, verdict=verdict, score=score, profile_version_id=old_version
                ).update(profile_version=version, findings=[], **fields)
                written += updated
                if updated and new_verdict != verdict:
                    made.append(VerdictChange(job=job, application_id=pk, before=verdict, after=new_verdict))
            VerdictChange.objects.bulk_create(made)
        seen += len(chunk)
        last = chunk[-1][0]
        progress(seen, force=True, written=written)


def _unescape(text: str) -> str:
    """Undo COPY's text-format escaping (only needed for an answer seen for the first time)."""
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), text)


class _Reading:
    """One profile version's rules over the fact columns a pass reads.

    Each rule's status is worked out once per distinct answer text, and the verdict, score and
    knocked-out requirements once per distinct tuple of statuses.
    """

    def __init__(self, screener: Screener, slot_of_fact: dict[str, int]):
        self.screener = screener
        rule_facts = screener.rule_facts()
        self.size = len(rule_facts)
        self.fixed = {i: screener.rule_status(i, None) for i, fact in enumerate(rule_facts) if fact is None}
        self.read = [i for i, fact in enumerate(rule_facts) if fact is not None]
        slots = [slot_of_fact[fact] for fact in rule_facts if fact is not None]
        # This version's answers, in its rules' order, out of a row's value (or source) columns.
        self.pick = (lambda columns: tuple(columns[slot] for slot in slots)) if len(slots) < 2 else itemgetter(*slots)
        self.accepted: list[frozenset[str]] = []
        for index in self.read:
            # The sources the rule accepts, as COPY writes them; no source recorded means the default.
            sources, default_source = screener.rule_sources(index)
            ok = {json.dumps(source) for source in sources}
            if default_source is not None:
                ok.add("\\N")
            self.accepted.append(frozenset(ok))
        self.caches: list[dict[str, str]] = [{} for _ in self.read]
        self.outcomes: dict[tuple, tuple[str, str, frozenset[str]]] = {}

    def _status_of(self, slot: int, text: str) -> str:
        value = None if text == "\\N" else json.loads(_unescape(text))
        status = self.screener.rule_check(self.read[slot], value)
        self.caches[slot][text] = status
        return status

    def outcome(self, values: list[str], sources: list[str]) -> tuple[str, str, frozenset[str]]:
        """Return (verdict, score as COPY writes it, knocked-out requirement keys) for one row's columns."""
        texts = self.pick(values)
        try:
            statuses = tuple(map(getitem, self.caches, texts))
        except KeyError:
            statuses = tuple(
                cache.get(text) or self._status_of(slot, text)
                for slot, (cache, text) in enumerate(zip(self.caches, texts, strict=True))
            )
        key = (statuses, tuple(map(contains, self.accepted, self.pick(sources))))
        found = self.outcomes.get(key)
        if found is None:
            full = [self.fixed.get(i, "") for i in range(self.size)]
            for index, status, ok in zip(self.read, statuses, key[1], strict=True):
                full[index] = status if ok else UNKNOWN
            verdict, score = self.screener.verdict_of(full)
            found = self.outcomes[key] = (verdict, str(score), self.screener.knocked_out(full))
        return found


def _knocking_out_otherwise(posting: Posting, version: ProfileVersion, screener: Screener) -> dict[str, Screener]:
    """Return the screeners of the versions the posting's rows stand on whose required rules differ.

    A row screened against one of them may fail other requirements now with the same verdict
    and score (already not qualified for another reason): it is written too, so its findings,
    and the knock-out report that counts them, follow the new version.
    """
    used = posting.applications.exclude(profile_version=None).exclude(profile_version=version)
    ids = used.order_by().values_list("profile_version_id", flat=True).distinct()
    required = screener.required_rules()
    differ = {}
    for old in ProfileVersion.objects.filter(pk__in=list(ids)):
        if old.screener().required_rules() != required:
            differ[str(old.pk)] = old.screener()
    return differ


def _pass_postgresql(job, posting, version, screener, progress) -> tuple[Counter, int]:
    olds = _knocking_out_otherwise(posting, version, screener)
    facts: list[str] = []
    for each in (screener, *olds.values()):
        facts += [fact for fact in each.rule_facts() if fact is not None and fact not in facts]
    columns = []
    for fact in facts:
        if not _FACT_NAME.match(fact):  # catalog names; never interpolate anything else into SQL
            raise ValueError(f"unexpected fact name {fact!r}")
        # Each fact's value and source as JSON text; SQL NULL (COPY's \N) when absent.
        columns.append(f"(facts -> '{fact}')::text, (fact_sources -> '{fact}')::text")
    slot_of_fact = {fact: slot for slot, fact in enumerate(facts)}
    new = _Reading(screener, slot_of_fact)
    old_readings = {pk: _Reading(old, slot_of_fact) for pk, old in olds.items()}
    table = Application._meta.db_table
    select = f"SELECT id, verdict, score, profile_version_id{''.join(', ' + c for c in columns)} FROM {table}"

    after: Counter = Counter()
    seen = 0
    read_seconds = 0.0
    # Changed rows are written by another connection while the next chunk is read, so the
    # database's writing and Python's screening use both cores. Not inside a caller's
    # transaction (a test's): another connection could not see its rows.
    writer = _Writer(job, version, concurrent=not connection.in_atomic_block)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT min(id), max(id), count(*) FROM {table} WHERE posting_id = %s", [posting.pk])
        low, high, count = cursor.fetchone()
        if not count:
            return after, 0
        step = max(1, (high - low + 1) * CHUNK // count)
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        try:
            for chunk_low in range(low, high + 1, step):
                changes: list[str] = []
                add = changes.append
                where = f"posting_id = {int(posting.pk)} AND id >= {chunk_low} AND id < {chunk_low + step}"
                started = time.perf_counter()
                with raw.copy(f"COPY ({select} WHERE {where}) TO STDOUT") as copy:
                    # PostgreSQL sends a row per message: gather a few thousand, then split them at once.
                    pending: list[bytes] = []
                    for block in itertools.chain(copy, [None]):
                        if block is not None:
                            pending.append(bytes(block))
                            if len(pending) < 5000:
                                continue
                        lines = b"".join(pending).decode().split("\n")
                        pending.clear()
                        lines.pop()  # after the last newline: nothing
                        for line in lines:
                            parts = line.split("\t")
                            values, sources = parts[4::2], parts[5::2]
                            verdict, score, knocked = new.outcome(values, sources)
                            after[verdict] += 1
                            old = old_readings.get(parts[3]) if old_readings else None
                            if (
                                verdict != parts[1]
                                or score != parts[2]
                                or (old is not None and old.outcome(values, sources)[2] != knocked)
                            ):
                                add(f"{parts[0]}\t{verdict}\t{score}\t{parts[1]}\t{parts[2]}\t{parts[3]}\n")
                        seen += len(lines)
                read_seconds += time.perf_counter() - started
                if changes:
                    writer.write(changes)
                progress(
                    seen,
                    force=True,
                    written=writer.written,
                    read_seconds=round(read_seconds, 3),
                    write_seconds=round(writer.seconds, 3),
                )
            writer.finish()
        finally:
            writer.close()
    progress(seen, force=True, read_seconds=round(read_seconds, 3), write_seconds=round(writer.seconds, 3))
    return after, writer.written


class _Writer:
    """Write chunks of changed rows back in order: in a thread of its own, or at once."""

    def __init__(self, job: Job, version: ProfileVersion, *, concurrent: bool):
        self.job, self.version = job, version
        self.pool = ThreadPoolExecutor(1, thread_name_prefix="callhire-rescreen") if concurrent else None
        self.futures: list[Future] = []
        self.written = 0
        self.seconds = 0.0

    def _write(self, changes: list[str], own_connection: bool) -> int:
        started = time.perf_counter()
        try:
            with connection.cursor() as cursor:
                return _write_back(cursor, self.job, self.version, changes)
        finally:
            self.seconds += time.perf_counter() - started
            if own_connection:
                connection.close()  # this thread's connection; the pool's thread ends with the job

    def write(self, changes: list[str]) -> None:
        if self.pool is None:
            self.written += self._write(changes, own_connection=False)
            return
        self._collect(block=False)  # a failed write stops the job now, not at the end
        self.futures.append(self.pool.submit(self._write, changes, True))

    def _collect(self, *, block: bool) -> None:
        while self.futures and (block or self.futures[0].done()):
            self.written += self.futures.pop(0).result()

    def finish(self) -> None:
        self._collect(block=True)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _write_back(cursor, job: Job, version: ProfileVersion, changes: list[str]) -> int:
    """Write the changed verdicts of one chunk and record the changed ones; return the rows written."""
    table = Application._meta.db_table
    with transaction.atomic():
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS callhire_rescreen (id bigint, verdict varchar(20), score integer, "
            "old_verdict varchar(20), old_score integer, old_version bigint) ON COMMIT DELETE ROWS"
        )
        with cursor.cursor.copy("COPY callhire_rescreen FROM STDIN") as copy:
            copy.write("".join(changes))
        # Only rows nobody re-screened in between: their own screening is newer than this job's.
        cursor.execute(
            f"""
            WITH up AS (
                UPDATE {table} AS a SET verdict = t.verdict, score = t.score,
                    previous_verdict = CASE WHEN a.verdict <> t.verdict THEN a.verdict ELSE a.previous_verdict END,
                    profile_version_id = %s, findings = '[]'::jsonb
                FROM callhire_rescreen AS t
                WHERE a.id = t.id AND a.verdict = t.old_verdict AND a.score IS NOT DISTINCT FROM t.old_score
                    AND a.profile_version_id IS NOT DISTINCT FROM t.old_version
                RETURNING a.id, t.old_verdict, t.verdict
            ), made AS (
                INSERT INTO {VerdictChange._meta.db_table} (job_id, application_id, before, after)
                SELECT %s, id, old_verdict, verdict FROM up WHERE old_verdict <> verdict
            )
            SELECT count(*) FROM up
            """,
            [version.pk, job.pk],
        )
        return cursor.fetchone()[0]


def _rescreened_to(posting_id: int) -> ProfileVersion | None:
    """Return the profile version the posting's newest finished re-screen used, if any."""
    job = (
        Job.objects.filter(posting_id=posting_id, kind=Job.Kind.RESCREEN, state=Job.State.DONE)
        .order_by("-finished", "-pk")
        .first()
    )
    if job is None or "version" not in job.result:
        return None
    return ProfileVersion.objects.filter(pk=job.result["version"]).first()


_LOOK_UP = object()  # "not given": look up the posting's newest re-screen


def screened_version(application: Application, rescreened: Any = _LOOK_UP) -> ProfileVersion | None:
    """Return the profile version the application's verdict stands on: its own, or a newer re-screen's.

    `rescreened` is what _rescreened_to gives for its posting, when the caller has it already.
    """
    own = application.profile_version
    newer = _rescreened_to(application.posting_id) if rescreened is _LOOK_UP else rescreened
    if newer is None or (own is not None and own.number > newer.number):
        return own
    return newer  # also when it is the row's own: the caller's instance has its profile parsed already


def application_findings(
    application: Application, rescreened: Any = _LOOK_UP, *, save: bool = True
) -> list[dict[str, Any]]:
    """Return the application's findings, working them out (and storing them) if a re-screen left them out.

    With save=False the caller stores the application (the findings are set on it either way).
    """
    from callhire.base.services import _set_verdict

    if rescreened is _LOOK_UP:
        rescreened = _rescreened_to(application.posting_id)
    version = screened_version(application, rescreened)
    if version is None:
        return application.findings
    # Behind: a re-screen kept this row's verdict and score, and its findings still name the old
    # version. Left out: a re-screen wrote this row and left its findings to be worked out.
    behind = application.profile_version_id != version.pk
    left_out = not application.findings and rescreened is not None and version.pk == rescreened.pk
    if not (behind or left_out):
        return application.findings
    _set_verdict(application, version)
    if save:
        application.save(update_fields=VERDICT_FIELDS)
    return application.findings


def findings_fill(applications, limit: int | None = None) -> int:
    """Work out and store the findings a re-screen left empty, for up to `limit` applications.

    Returns how many were looked at. Reports that count findings (the knock-out reasons) call it
    for what they read; after a re-screen a background task does the rest of the posting.
    """
    rows = _left_out(applications).order_by("pk")
    rescreened: dict[int, ProfileVersion | None] = {}
    seen = last = 0
    while limit is None or seen < limit:
        size = FILL_BATCH if limit is None else min(FILL_BATCH, limit - seen)
        ids = list(rows.filter(pk__gt=last).values_list("pk", flat=True)[:size])
        if not ids:
            break
        with transaction.atomic():
            # The rows as they are now, locked: a candidate or recruiter may have changed one since.
            locked = Application.objects.select_for_update(of=("self",)).select_related("profile_version")
            done = []
            for application in locked.filter(pk__in=ids).order_by("pk"):
                if application.posting_id not in rescreened:
                    rescreened[application.posting_id] = _rescreened_to(application.posting_id)
                before = application.findings
                if application_findings(application, rescreened[application.posting_id], save=False) is not before:
                    done.append(application)
            _store_verdicts(done)
        seen += len(ids)
        last = ids[-1]
    return seen


def _store_verdicts(applications: list[Application]) -> None:
    """Store the verdict fields of many applications in one round trip (no signals: none watch them)."""
    if not applications:
        return
    fields = [Application._meta.get_field(name) for name in VERDICT_FIELDS]
    table = Application._meta.db_table
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    rows = [
        [field.get_db_prep_save(getattr(a, field.attname), connection) for field in fields] + [a.pk]
        for a in applications
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE id = %s", rows)


def _left_out(applications):
    """The applications whose findings a re-screen left to be worked out (a screened row has some)."""
    return applications.filter(findings=[]).exclude(verdict="")


def findings_pending(applications) -> int:
    """Count the applications whose findings a re-screen left to be worked out."""
    return _left_out(applications).count()


@task
def findings_fill_task(posting_pk: int) -> int:
    return findings_fill(Application.objects.filter(posting_id=posting_pk))
