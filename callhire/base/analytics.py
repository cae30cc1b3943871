"""Hiring analytics: the funnel, time in stage, time to hire, sources, daily volume and knock-outs.

Every figure is aggregated by the database over a queryset of applications the caller may see
(see callhire.control.access); Python only walks the few result rows (one per stage, source,
day or requirement). The applications are a cohort: those that arrived in the period chosen,
followed through everything that happened to them since.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Aggregate,
    Avg,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone

from callhire.base.models import Application, ProfileVersion, StageMove
from callhire.base.pipeline import HIRED, REJECTION_REASONS, StageInfo
from callhire.screening.catalog import CATALOG
from callhire.screening.engine import NOT_MET, NOT_QUALIFIED, statuses_of_code


class Seconds(Func):
    """The seconds from the datetime ``start`` to the datetime ``end``, as a float."""

    output_field = FloatField()

    def __init__(self, end, start, **extra):
        super().__init__(end, start, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="EXTRACT(EPOCH FROM (%(expressions)s))", arg_joiner=" - ")

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "((julianday(%(expressions)s)) * 86400.0)"
        return super().as_sql(compiler, connection, template=template, arg_joiner=") - julianday(")


class _SQLiteMedian:
    """The median as an SQLite aggregate (PostgreSQL has percentile_cont built in)."""

    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value) -> None:
        if value is not None:
            self.values.append(value)

    def finalize(self) -> float | None:
        values = sorted(self.values)
        if not values:
            return None
        middle = len(values) // 2
        return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


class Median(Aggregate):
    """The median of a numeric expression."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_aggregate("callhire_median", 1, _SQLiteMedian)
        return super().as_sql(
            compiler, connection, function="callhire_median", template="%(function)s(%(expressions)s)"
        )


@dataclass(frozen=True)
class Period:
    """The days (inclusive, in the site's time zone) the applications arrived in; None is open-ended."""

    start: dt.date | None = None
    end: dt.date | None = None

    def applications(self, queryset: QuerySet[Application]) -> QuerySet[Application]:
        """Return the applications of queryset that arrived in the period."""
        tz = timezone.get_current_timezone()
        if self.start:
            queryset = queryset.filter(created__gte=dt.datetime.combine(self.start, dt.time.min, tzinfo=tz))
        if self.end:
            end = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
            queryset = queryset.filter(created__lt=end)
        return queryset


@dataclass(frozen=True)
class FunnelStep:
    key: str
    label: str
    reached: int  # applications that were ever in this stage or a later one
    current: int  # applications in this stage now
    step_rate: float | None  # reached / reached at the stage before
    overall_rate: float | None  # reached / all applications


@dataclass(frozen=True)
class Duration:
    key: str
    label: str
    count: int
    median: float | None  # seconds
    mean: float | None  # seconds


@dataclass(frozen=True)
class Tally:
    key: str
    label: str
    count: int
    share: float | None = None


def _rows(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.order_by()  # no default ordering in GROUP BY


def _order(field: str, keys: Sequence[str]) -> Case:
    whens = [When(**{field: key}, then=Value(i)) for i, key in enumerate(keys)]
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def funnel(applications: QuerySet[Application], stages: Sequence[StageInfo]) -> list[FunnelStep]:
    """Return how many applications reached each open stage, and the conversion from stage to stage.

    An application reached a stage when its history (or its current stage) shows it there or
    in any later stage: a candidate moved straight from applied to interview passed screening.
    """
    keys = [s.key for s in stages if not s.closed]
    furthest_move = (
        StageMove.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(furthest=Max(_order("to_stage", keys)))
        .values("furthest")
    )
    furthest = Greatest(Coalesce(Subquery(furthest_move), Value(0)), _order("stage", keys), Value(0))
    counts = dict(
        _rows(applications)
        .annotate(furthest=furthest)
        .values_list("furthest")
        .annotate(n=Count("pk"))
        .values_list("furthest", "n")
    )
    current = dict(_rows(applications).values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    steps, total, previous = [], sum(counts.values()), None
    for i, stage in enumerate(s for s in stages if not s.closed):
        reached = sum(n for index, n in counts.items() if index >= i)
        steps.append(
            FunnelStep(
                key=stage.key,
                label=stage.label,
                reached=reached,
                current=current.get(stage.key, 0),
                step_rate=reached / previous if previous else None,
                overall_rate=reached / total if total else None,
            )
        )
        previous = reached
    return steps


def closed_counts(applications: QuerySet[Application], stages: Sequence[StageInfo]) -> list[Tally]:
    """Return how many applications are rejected and withdrawn now."""
    current = dict(_rows(applications).values_list("stage").annotate(n=Count("pk")).values_list("stage", "n"))
    total = sum(current.values())
    return [
        Tally(s.key, s.label, current.get(s.key, 0), current.get(s.key, 0) / total if total else None)
        for s in stages
        if s.closed
    ]


def time_in_stage(applications: QuerySet[Application], stages: Sequence[StageInfo]) -> list[Duration]:
    """Return the median and mean time candidates spent in each open stage before moving on.

    Only finished stays count: a candidate still in a stage has not yet shown how long it takes.
    """
    keys = [s.key for s in stages if not s.closed and s.key != HIRED]
    later = StageMove.objects.filter(
        Q(created__gt=OuterRef("created")) | Q(created=OuterRef("created"), pk__gt=OuterRef("pk")),
        application=OuterRef("application"),
    ).order_by("created", "pk")
    moves = (
        StageMove.objects.filter(application__in=_rows(applications).values("pk"), to_stage__in=keys)
        .annotate(left=Subquery(later.values("created")[:1]))
        .filter(left__isnull=False)
        .order_by()
        .values("to_stage")
        .annotate(
            n=Count("pk"), mean=Avg(Seconds(F("left"), F("created"))), median=Median(Seconds(F("left"), F("created")))
        )
    )
    found = {row["to_stage"]: row for row in moves}
    result = []
    for stage in stages:
        if stage.key in keys:
            row = found.get(stage.key, {})
            result.append(Duration(stage.key, stage.label, row.get("n", 0), row.get("median"), row.get("mean")))
    return result


def time_to_hire(applications: QuerySet[Application]) -> Duration:
    """Return the median and mean time from application to (first) hire, over the hired."""
    hired_at = (
        StageMove.objects.filter(application=OuterRef("pk"), to_stage=HIRED)
        .order_by()
        .values("application")
        .annotate(first=Min("created"))
        .values("first")
    )
    hired = _rows(applications).annotate(hired_at=Subquery(hired_at)).filter(hired_at__isnull=False)
    row = hired.aggregate(
        n=Count("pk"),
        mean=Avg(Seconds(F("hired_at"), F("created"))),
        median=Median(Seconds(F("hired_at"), F("created"))),
    )
    return Duration(HIRED, "", row["n"], row["median"], row["mean"])


def by_source(applications: QuerySet[Application]) -> list[Tally]:
    """Return how many applications came from each source, the most first."""
    rows = list(_rows(applications).values_list("source").annotate(n=Count("pk")).order_by("-n", "source"))
    total = sum(n for _, n in rows)
    return [Tally(source, source or "—", n, n / total) for source, n in rows]


def by_day(applications: QuerySet[Application], period: Period) -> list[tuple[dt.date, int]]:
    """Return the applications per day, every day from the period's start (or the first) to its end."""
    rows = dict(
        _rows(applications)
        .annotate(day=TruncDate("created", tzinfo=timezone.get_current_timezone()))
        .values_list("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    if not rows and not (period.start and period.end):
        return []
    first = period.start or min(rows)
    last = period.end or max(max(rows, default=first), timezone.localdate())
    if (last - first).days > 3660:  # ten years of days is more than a page should show
        first = last - dt.timedelta(days=3660)
    return [
        (first + dt.timedelta(days=i), rows.get(first + dt.timedelta(days=i), 0))
        for i in range((last - first).days + 1)
    ]


def rejection_reasons(applications: QuerySet[Application]) -> list[Tally]:
    """Return why the rejected applications were rejected, the commonest reason first."""
    rows = list(
        _rows(applications)
        .filter(stage=Application.Stage.REJECTED)
        .values_list("rejection_reason")
        .annotate(n=Count("pk"))
        .order_by("-n", "rejection_reason")
    )
    total = sum(n for _, n in rows)
    return [Tally(reason, str(REJECTION_REASONS.get(reason, reason or "—")), n, n / total) for reason, n in rows]


_KNOCKOUTS_SQL = {
    # Rows screened before statuses were kept: one row per failed required finding, per requirement.
    "postgresql": """
        SELECT f.value ->> 'key', COUNT(DISTINCT a.id)
        FROM base_application a CROSS JOIN LATERAL jsonb_array_elements(a.findings) f
        WHERE a.id IN ({ids}) AND jsonb_typeof(a.findings) = 'array'
          AND f.value ->> 'status' = %s AND f.value ->> 'level' = 'required'
        GROUP BY 1
    """,
    "sqlite": """
        SELECT json_extract(f.value, '$.key'), COUNT(DISTINCT a.id)
        FROM base_application a, json_each(a.findings) f
        WHERE a.id IN ({ids}) AND json_type(a.findings) = 'array'
          AND json_extract(f.value, '$.status') = %s AND json_extract(f.value, '$.level') = 'required'
        GROUP BY 1
    """,
}


def knockouts(applications: QuerySet[Application], lang: str = "en") -> list[Tally]:
    """Return which required criteria rejected how many not-qualified applications, the most first.

    An application that failed two requirements counts once under each; the share is of all
    not-qualified applications. Read from each row's statuses, grouped: a re-screen that wrote a
    million rows counts them at once, before their findings are written out.
    """
    rows = _rows(applications).filter(screening__verdict=NOT_QUALIFIED)
    groups = list(
        rows.values_list("screening__profile_version", "screening__statuses").annotate(n=Count("pk")).order_by()
    )
    total = sum(n for _version, _code, n in groups)
    if not total:
        return []
    counts: Counter = Counter()
    versions = {v.pk: v for v in ProfileVersion.objects.filter(pk__in={version for version, _c, _n in groups})}
    for version, code, n in groups:
        if code and version in versions:
            for key in versions[version].screener().knocked_out(statuses_of_code(code)):
                counts[key] += n
    if any(not code or version not in versions for version, code, _n in groups):
        uncoded = rows.filter(Q(screening__statuses="") | Q(screening__profile_version=None))
        connection = connections[rows.db]
        ids, params = uncoded.values("pk").query.sql_with_params()
        sql = _KNOCKOUTS_SQL.get(connection.vendor)
        if sql is None:
            raise NotImplementedError(f"knock-out reasons need PostgreSQL or SQLite, not {connection.vendor}")
        with connection.cursor() as cursor:
            cursor.execute(sql.format(ids=ids), [*params, NOT_MET])
            for key, n in cursor.fetchall():
                counts[key] += n
    tallies = [
        Tally(key, CATALOG[key].label_in(lang) if key in CATALOG else key, n, n / total)
        for key, n in counts.items()
        if key
    ]
    return sorted(tallies, key=lambda t: (-t.count, t.label))
