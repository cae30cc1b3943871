"""Screen a posting's applications again when its profile changes, in the background.

A new profile version starts a re-screen job of every application of the posting. The verdict
each row had before is kept (Screening.previous_verdict, and one VerdictChange per row whose
verdict changed, so the team sees who changed status because of the profile change). Nobody
is moved between stages automatically.

The verdicts live in the narrow Screening table, with each requirement's status as a letter
(engine.statuses_code). The pass reads each row's statuses and only the facts that the changed
requirements ask about: a requirement the profile change left alone keeps its status.

Only rows whose verdict, score or failed requirements change are written (the last matters to
the knock-out report: a candidate already not qualified may fail another requirement now with
the same verdict and score), and only their Screening row. A row not written keeps its version
and statuses, which still give the same verdict, score and failed requirements. The findings,
sentences in the Application row, follow later: a task queued after the job works them out for
the rows written (``findings_fill_task``), or the first time somebody looks, whichever comes
first (``application_findings``), exactly as ``application_screen`` would have stored them.

On PostgreSQL the pass reads with COPY, works a rule's status out once per distinct answer and
the verdict (or score) once per distinct combination of the required (or preferred) rules'
statuses, and writes the changed rows back with COPY and one UPDATE per chunk. Elsewhere (SQLite) it
reads rows through the ORM and screens each in full. Both give exactly what
services.application_screen gives; the tests compare them row by row.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from operator import itemgetter
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q
from django.dispatch import receiver

from callhire.base.jobs import Progress, handler, job_start
from callhire.base.models import Application, Job, Posting, ProfileVersion, Screening, VerdictChange
from callhire.base.models.core import VERDICT_FIELDS
from callhire.base.signals import profile_saved
from callhire.base.tasks import enqueue, task
from callhire.screening.engine import (
    MET,
    STATUS_LETTERS,
    UNKNOWN,
    Screener,
    carried_rules,
    statuses_code,
    statuses_of_code,
)

# Rows screened between two write-backs and progress reports.
CHUNK = 100_000
# Applications whose findings are worked out per query when filling them in.
FILL_BATCH = 500
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
    rows = Screening.objects.filter(posting=posting).order_by().values_list("verdict").annotate(n=Count("pk"))
    return {verdict: n for verdict, n in rows}


def _pass_orm(job, posting, version, screener, progress) -> tuple[Counter, int]:
    versions = _VersionScreeners()
    after: Counter = Counter()
    written = seen = last = 0
    rows = Screening.objects.filter(posting=posting).order_by("application_id")
    rows = rows.values_list(
        "application_id",
        "verdict",
        "score",
        "profile_version_id",
        "statuses",
        "application__facts",
        "application__fact_sources",
    )
    while True:
        chunk = list(rows.filter(application_id__gt=last)[:CHUNK])
        if not chunk:
            return after, written
        changes = []
        for pk, verdict, score, old_version, statuses, facts, sources in chunk:
            result = screener.screen(facts, sources)
            after[result.verdict] += 1
            old = versions.get(old_version)
            if (
                result.verdict != verdict
                or result.score != score
                or old is None
                or not statuses
                or old.knocked_out(statuses_of_code(statuses)) != screener.knocked_out(result.statuses)
            ):
                changes.append((pk, result, verdict, score, old_version, statuses))
        with transaction.atomic():
            made = []
            for pk, result, verdict, score, old_version, statuses in changes:
                fields: dict[str, Any] = {"verdict": result.verdict, "score": result.score}
                if result.verdict != verdict:
                    fields["previous_verdict"] = verdict
                # Only a row nobody screened in between: its own screening is newer than ours.
                updated = Screening.objects.filter(
                    pk=pk, verdict=verdict, score=score, profile_version_id=old_version, statuses=statuses
                ).update(profile_version=version, statuses=statuses_code(result.statuses), **fields)
                written += updated
                if updated and result.verdict != verdict:
                    made.append(VerdictChange(job=job, application_id=pk, before=verdict, after=result.verdict))
            VerdictChange.objects.bulk_create(made)
        seen += len(chunk)
        last = chunk[-1][0]
        progress(seen, force=True, written=written)


class _VersionScreeners(dict):
    """The posting's profile versions' screeners by primary key, loaded when first asked for."""

    def get(self, pk):  # type: ignore[override]
        if pk is None:
            return None
        if pk not in self:
            version = ProfileVersion.objects.filter(pk=pk).first()
            self[pk] = version.screener() if version else None
        return self[pk]


def _unescape(text: str) -> str:
    """Undo COPY's text-format escaping (only needed for an answer seen for the first time)."""
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), text)


def _getter(places: list[int]):
    """Return a function picking these items of a code or a row (a hashable key either way)."""
    if not places:
        return lambda row: ""
    return itemgetter(*places)


class _Half:
    """The required rules, or the preferred ones, of the new version, for the rows of one old version.

    A row's statuses on one side are worked out once per distinct key: the letters of the row's
    code that side carries over (and, on the required side, those the old version's knock-outs
    read) and the fact columns of the rules it does not carry. Keys repeat far more than whole
    codes do: 15 rules make too many combinations to remember per row.
    """

    def __init__(self, reading: _Reading, rules: list[int], carried: tuple[int | None, ...], extra: list[int]):
        self.reading, self.rules, self.carried = reading, rules, carried
        self.code = _getter([carried[i] for i in rules if carried[i] is not None] + extra)
        self.read = [
            (i, reading.slot_of_fact.get(reading.rule_facts[i] or "", -1)) for i in rules if carried[i] is None
        ]
        self.columns = _getter([5 + 2 * slot + side for _i, slot in self.read if slot >= 0 for side in (0, 1)])
        self.cache: dict[tuple, tuple] = {}

    def letters(self, code: str, parts: list[str]) -> dict[int, str]:
        """Return this side's new letters for a row, by rule."""
        out = {}
        for index in self.rules:
            place = self.carried[index]
            out[index] = code[place] if place is not None else None
        for index, slot in self.read:
            out[index] = self.reading.letter(index, slot, parts)
        return out


class _Plan:
    """How the rows screened against one old version get the new version's verdict and statuses."""

    def __init__(self, reading: _Reading, old: Screener | None):
        new = reading.screener
        self.reading, self.old = reading, old
        carried = carried_rules(old, new) if old else (None,) * len(new.rules)
        old_required = [i for i, rule in enumerate(old.rules) if rule.level == "required"] if old else []
        self.required = _Half(reading, reading.required_rules, carried, old_required)
        self.preferred = _Half(reading, reading.preferred_rules, carried, [])
        self.old_required = old_required

    def required_outcome(self, key: tuple, code: str, parts: list[str]) -> tuple[str, tuple[str, ...], bool]:
        """Return (verdict, the required rules' letters, failed requirements changed) for a row."""
        letters = self.required.letters(code, parts)
        new = self.reading.screener
        statuses = [UNKNOWN] * len(new.rules)  # the preferred rules do not count towards the verdict
        for index, letter in letters.items():
            statuses[index] = statuses_of_code(letter)[0]
        verdict = new.verdict_of(statuses)[0]
        knocked = new.knocked_out(statuses)
        if self.old is None or not code:
            changed = True  # no statuses to compare with: write the row, with its statuses
        else:
            old_statuses = [UNKNOWN] * len(self.old.rules)
            for index in self.old_required:
                old_statuses[index] = statuses_of_code(code[index])[0]
            changed = self.old.knocked_out(old_statuses) != knocked
        found = self.required.cache[key] = (verdict, tuple(letters.values()), changed)
        return found

    def preferred_outcome(self, key: tuple, code: str, parts: list[str]) -> tuple[str, tuple[str, ...]]:
        """Return (score as COPY writes it, the preferred rules' letters) for a row."""
        letters = self.preferred.letters(code, parts)
        new = self.reading.screener
        statuses = [MET] * len(new.rules)
        for index, letter in letters.items():
            statuses[index] = statuses_of_code(letter)[0]
        found = self.preferred.cache[key] = (str(new.verdict_of(statuses)[1]), tuple(letters.values()))
        return found


class _Reading:
    """The new version's rules, and each rule's letter per answer read (worked out once each)."""

    def __init__(self, screener: Screener, facts: list[str]):
        self.screener = screener
        self.slot_of_fact = {fact: slot for slot, fact in enumerate(facts)}
        self.rule_facts = screener.rule_facts()
        rules = screener.rules
        self.required_rules = [i for i, rule in enumerate(rules) if rule.level == "required"]
        self.preferred_rules = [i for i, rule in enumerate(rules) if rule.level != "required"]
        # Where each rule's letter is in (required letters + preferred letters), in rule order.
        order = {index: n for n, index in enumerate(self.required_rules + self.preferred_rules)}
        self.code_of = _getter([order[i] for i in range(len(rules))]) if len(rules) > 1 else None
        self.letter_caches: list[dict[str, str]] = [{} for _ in rules]

    def letter(self, index: int, slot: int, parts: list[str]) -> str:
        """Return rule `index`'s letter for the fact read in column pair `slot` of a row (-1: none)."""
        if slot < 0:
            return STATUS_LETTERS[self.screener.rule_status(index, None)]
        value, source = parts[5 + 2 * slot], parts[6 + 2 * slot]
        key = value + "\t" + source
        cache = self.letter_caches[index]
        found = cache.get(key)
        if found is None:
            status = self.screener.rule_status(
                index,
                None if value == "\\N" else json.loads(_unescape(value)),
                None if source == "\\N" else json.loads(_unescape(source)),
                source_given=source != "\\N",
            )
            found = cache[key] = STATUS_LETTERS[status]
        return found

    def code(self, required: tuple[str, ...], preferred: tuple[str, ...]) -> str:
        """Return the statuses code of the required and preferred rules' letters."""
        letters = required + preferred
        return "".join(self.code_of(letters)) if self.code_of else "".join(letters)


def _facts_to_read(screener: Screener, olds: dict[str, Screener | None], uncoded: bool) -> list[str]:
    """Return the facts of the rules that rows on these versions cannot carry a status over for."""
    rule_facts = screener.rule_facts()
    facts: list[str] = []
    for old in olds.values():
        # Rows screened before statuses were kept, or on no version: all of the new version's facts.
        places = carried_rules(old, screener) if old and not uncoded else (None,) * len(rule_facts)
        for fact, place in zip(rule_facts, places, strict=True):
            if fact and place is None and fact not in facts:  # two rules may read one fact
                facts.append(fact)
    for fact in facts:
        if not _FACT_NAME.match(fact):  # catalog names; never interpolate anything else into SQL
            raise ValueError(f"unexpected fact name {fact!r}")
    return facts


def _pass_postgresql(job, posting, version, screener, progress) -> tuple[Counter, int]:
    screenings = Screening.objects.filter(posting=posting).order_by()
    uncoded_row = ExpressionWrapper(Q(statuses=""), output_field=BooleanField())
    found = screenings.values_list("profile_version_id", uncoded_row).distinct()
    stands_on = list(found)
    uncoded = any(empty for _pk, empty in stands_on)
    versions = _VersionScreeners()
    # By the version's id as COPY writes it (\N for none).
    olds = {"\\N" if pk is None else str(pk): versions.get(pk) for pk, _empty in stands_on}
    facts = _facts_to_read(screener, olds, uncoded)
    reading = _Reading(screener, facts)
    plans = {version: _Plan(reading, old) for version, old in olds.items()}
    # For rows without a statuses code: every rule from its fact (read only if there were some).
    fresh = _Plan(reading, None) if uncoded else None
    table, apps = Screening._meta.db_table, Application._meta.db_table
    # Each fact's value and source as JSON text; SQL NULL (COPY's \N) when absent.
    columns = "".join(f", (a.facts -> '{f}')::text, (a.fact_sources -> '{f}')::text" for f in facts)
    select = f"SELECT s.application_id, s.verdict, s.score, s.profile_version_id, s.statuses{columns} FROM {table} s"
    if facts:
        select += f" JOIN {apps} a ON a.id = s.application_id"

    after: Counter = Counter()
    seen = 0
    read_seconds = 0.0
    # Changed rows are written by another connection while the next chunk is read, so the
    # database's writing and Python's screening use both cores. Not inside a caller's
    # transaction (a test's): another connection could not see its rows.
    writer = _Writer(job, version, concurrent=not connection.in_atomic_block)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT min(application_id), max(application_id), count(*) FROM {table} WHERE posting_id = %s",
            [posting.pk],
        )
        low, high, count = cursor.fetchone()
        if not count:
            return after, 0
        step = max(1, (high - low + 1) * CHUNK // count)
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        try:
            for chunk_low in range(low, high + 1, step):
                changes: list[str] = []
                add = changes.append
                where = f"s.posting_id = {int(posting.pk)} AND s.application_id >= {chunk_low}"
                where += f" AND s.application_id < {chunk_low + step}"
                if facts:  # the same range of the applications, so the two are merged, not looked up
                    where += f" AND a.id >= {chunk_low} AND a.id < {chunk_low + step}"
                started = time.perf_counter()
                counts: Counter = Counter()
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
                            code = parts[4]
                            plan = plans.get(parts[3]) if code else fresh
                            if plan is None:  # made or screened since the job began: its own screening is newer
                                continue
                            half = plan.required
                            key = (half.code(code), half.columns(parts))
                            verdict, required, knocked = half.cache.get(key) or plan.required_outcome(key, code, parts)
                            half = plan.preferred
                            key = (half.code(code), half.columns(parts))
                            score, preferred = half.cache.get(key) or plan.preferred_outcome(key, code, parts)
                            counts[verdict] += 1
                            if knocked or verdict != parts[1] or score != parts[2]:
                                new_code = reading.code(required, preferred)
                                add(
                                    f"{parts[0]}\t{verdict}\t{score}\t{new_code}\t{parts[1]}\t{parts[2]}\t{parts[3]}\t{code}\n"
                                )
                        seen += len(lines)
                after.update(counts)
                read_seconds += time.perf_counter() - started
                if changes:
                    writer.write(changes, chunk_low, chunk_low + step)
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

    def _write(self, changes: list[str], ids: tuple[int, int], own_connection: bool) -> int:
        started = time.perf_counter()
        try:
            with connection.cursor() as cursor:
                return _write_back(cursor, self.job, self.version, changes, ids)
        finally:
            self.seconds += time.perf_counter() - started
            if own_connection:
                connection.close()  # this thread's connection; the pool's thread ends with the job

    def write(self, changes: list[str], low: int, high: int) -> None:
        """Write a chunk's changed rows, all with ids from low up to (not including) high."""
        if self.pool is None:
            self.written += self._write(changes, (low, high), own_connection=False)
            return
        self._collect(block=False)  # a failed write stops the job now, not at the end
        self.futures.append(self.pool.submit(self._write, changes, (low, high), True))

    def _collect(self, *, block: bool) -> None:
        while self.futures and (block or self.futures[0].done()):
            self.written += self.futures.pop(0).result()

    def finish(self) -> None:
        self._collect(block=True)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


def _write_back(cursor, job: Job, version: ProfileVersion, changes: list[str], ids: tuple[int, int]) -> int:
    """Write the changed verdicts of one chunk and record the changed ones; return the rows written.

    `ids` bound the chunk's application ids, so the database reads only that part of the table.
    """
    table = Screening._meta.db_table
    with transaction.atomic():
        # Not waiting for the chunk's WAL to reach the disk (a third of the write's time): the
        # job's own end, committed as usual, waits for all of it, and a crash before that
        # leaves a job to run again, which writes what was lost.
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS callhire_rescreen (id bigint, verdict varchar(20), score integer, "
            "statuses varchar(100), old_verdict varchar(20), old_score integer, old_version bigint, "
            "old_statuses varchar(100)) ON COMMIT DELETE ROWS"
        )
        with cursor.cursor.copy("COPY callhire_rescreen FROM STDIN") as copy:
            copy.write("".join(changes))
        # Only rows nobody screened in between: their own screening is newer than this job's.
        cursor.execute(
            f"""
            WITH up AS (
                UPDATE {table} AS s SET verdict = t.verdict, score = t.score, statuses = t.statuses,
                    previous_verdict = CASE WHEN s.verdict <> t.verdict THEN s.verdict ELSE s.previous_verdict END,
                    profile_version_id = %s
                FROM callhire_rescreen AS t
                WHERE s.application_id = t.id AND s.application_id >= %s AND s.application_id < %s
                    AND s.verdict = t.old_verdict
                    AND s.score IS NOT DISTINCT FROM t.old_score
                    AND s.profile_version_id IS NOT DISTINCT FROM t.old_version AND s.statuses = t.old_statuses
                RETURNING s.application_id, t.old_verdict, t.verdict
            ), made AS (
                INSERT INTO {VerdictChange._meta.db_table} (job_id, application_id, before, after)
                SELECT %s, application_id, old_verdict, verdict FROM up WHERE old_verdict <> verdict
            )
            SELECT count(*) FROM up
            """,
            [version.pk, *ids, job.pk],
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
    own = application.screening_row().profile_version or application.profile_version
    newer = _rescreened_to(application.posting_id) if rescreened is _LOOK_UP else rescreened
    if newer is None or (own is not None and own.number > newer.number):
        return own
    return newer  # also when it is the row's own: the caller's instance has its profile parsed already


def application_findings(
    application: Application, rescreened: Any = _LOOK_UP, *, save: bool = True
) -> list[dict[str, Any]]:
    """Return the application's findings, working them out (and storing them) if a re-screen moved on.

    With save=False the caller stores the application (the findings are set on it either way).
    """
    from callhire.base.services import _set_verdict

    if rescreened is _LOOK_UP:
        rescreened = _rescreened_to(application.posting_id)
    version = screened_version(application, rescreened)
    # The findings explain the version they were written for: a re-screen wrote this row's
    # verdict and left them behind, or kept its verdict and they still name the old version.
    if version is None or application.profile_version_id == version.pk:
        return application.findings
    _set_verdict(application, version)
    if save:
        application.save(update_fields=VERDICT_FIELDS)
    return application.findings


def findings_fill(applications) -> int:
    """Work out and store the findings a re-screen left behind; return how many applications were looked at.

    A background task queued after each re-screen that wrote rows calls it for the posting.
    """
    rows = _left_out(applications).order_by("pk")
    rescreened: dict[int, ProfileVersion | None] = {}
    seen = last = 0
    while True:
        ids = list(rows.filter(pk__gt=last).values_list("pk", flat=True)[:FILL_BATCH])
        if not ids:
            break
        with transaction.atomic():
            # The rows as they are now, locked: a candidate or recruiter may have changed one since.
            locked = Application.objects.select_for_update(of=("self",)).select_related(
                "profile_version", "screening__profile_version"
            )
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
    """Store the verdict fields of many applications in one round trip per table (no signals: none watch them)."""
    if not applications:
        return
    _update_rows(Application, ["profile_version", "findings"], applications)
    _update_rows(Screening, ["profile_version", "verdict", "score", "statuses"], [a.screening for a in applications])


def _update_rows(model, names: list[str], objects: list) -> None:
    fields = [model._meta.get_field(name) for name in names]
    assignments = ", ".join(f"{connection.ops.quote_name(field.column)} = %s" for field in fields)
    pk = connection.ops.quote_name(model._meta.pk.column)
    rows = [
        [field.get_db_prep_save(getattr(o, field.attname), connection) for field in fields] + [o.pk] for o in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {model._meta.db_table} SET {assignments} WHERE {pk} = %s", rows)


def _left_out(applications):
    """The applications whose verdict a re-screen wrote and whose findings explain an older version."""
    return applications.filter(screening__profile_version__isnull=False).exclude(
        profile_version=F("screening__profile_version")
    )


@task
def findings_fill_task(posting_pk: int) -> int:
    return findings_fill(Application.objects.filter(posting_id=posting_pk))
