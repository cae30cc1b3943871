"""Analytics pages for recruiters and admins: per posting and across an employer, with CSV downloads.

Hiring managers get 403: the figures count every applicant, including the ones a hiring
manager may not see (they see only the shortlist).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from callhire.base import analytics
from callhire.base.i18n import content_language
from callhire.base.models import Application
from callhire.base.pipeline import Stage as DefaultStage
from callhire.base.pipeline import StageInfo, posting_stages
from callhire.control.access import Role, applications_for, employers_for, get_employer, get_posting
from callhire.control.charts import Bar, bar_chart, day_chart

DAY = 86400


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("Applied from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(label=gettext_lazy("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The first day must come before the last."))
        return data


def _period(request: HttpRequest) -> tuple[PeriodForm, analytics.Period]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, analytics.Period(form.cleaned_data.get("start"), form.cleaned_data.get("end"))
    return form, analytics.Period()  # no (valid) period: everything, and the form shows why


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{number_format(round(rate * 100, 1), 1)} %"


def _days(seconds: float | None) -> str:
    """Say a duration in hours below a day and in days above."""
    if seconds is None:
        return "—"
    if seconds < DAY:
        return _("%(hours)s h") % {"hours": number_format(round(seconds / 3600, 1), 1)}
    return _("%(days)s d") % {"days": number_format(round(seconds / DAY, 1), 1)}


def _csv_days(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds / DAY:.2f}"


def _csv_rate(rate: float | None) -> str:
    return "" if rate is None else f"{rate * 100:.1f}"


def _safe(value: Any) -> Any:
    """Keep a spreadsheet from running a cell as a formula (sources are free text)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class Report:
    """The figures for one set of applications, each table computed only when asked for."""

    def __init__(self, applications: QuerySet[Application], stages: list[StageInfo], period: analytics.Period):
        self.applications = period.applications(applications)
        self.stages = stages
        self.period = period
        self.lang = content_language()

    def funnel(self) -> list[analytics.FunnelStep]:
        return analytics.funnel(self.applications, self.stages)

    def closed(self) -> list[analytics.Tally]:
        return analytics.closed_counts(self.applications, self.stages)

    def time_in_stage(self) -> list[analytics.Duration]:
        return analytics.time_in_stage(self.applications, self.stages)

    def time_to_hire(self) -> analytics.Duration:
        return analytics.time_to_hire(self.applications)

    def sources(self) -> list[analytics.Tally]:
        return analytics.by_source(self.applications)

    def days(self) -> list[tuple[dt.date, int]]:
        return analytics.by_day(self.applications, self.period)

    def knockouts(self) -> list[analytics.Tally]:
        return analytics.knockouts(self.applications, self.lang)

    def rejections(self) -> list[analytics.Tally]:
        return analytics.rejection_reasons(self.applications)

    # One CSV per table: (header, rows).
    def csv_funnel(self) -> tuple[list[str], Iterable[list[Any]]]:
        header = [_("Stage"), _("Reached"), _("In this stage now"), _("From the stage before (%)"), _("Of all (%)")]
        rows = [
            [s.label, s.reached, s.current, _csv_rate(s.step_rate), _csv_rate(s.overall_rate)] for s in self.funnel()
        ]
        rows += [[t.label, "", t.count, "", _csv_rate(t.share)] for t in self.closed()]
        return header, rows

    def csv_time_in_stage(self) -> tuple[list[str], Iterable[list[Any]]]:
        header = [_("Stage"), _("Finished stays"), _("Median (days)"), _("Mean (days)")]
        rows = [[d.label, d.count, _csv_days(d.median), _csv_days(d.mean)] for d in self.time_in_stage()]
        return header, rows

    def csv_time_to_hire(self) -> tuple[list[str], Iterable[list[Any]]]:
        hire = self.time_to_hire()
        return [_("Hired"), _("Median (days)"), _("Mean (days)")], [
            [hire.count, _csv_days(hire.median), _csv_days(hire.mean)]
        ]

    def csv_sources(self) -> tuple[list[str], Iterable[list[Any]]]:
        return [_("Source"), _("Applications"), _("Share (%)")], [
            [t.label, t.count, _csv_rate(t.share)] for t in self.sources()
        ]

    def csv_days(self) -> tuple[list[str], Iterable[list[Any]]]:
        return [_("Day"), _("Applications")], [[day.isoformat(), n] for day, n in self.days()]

    def csv_knockouts(self) -> tuple[list[str], Iterable[list[Any]]]:
        return [_("Requirement"), _("Not-qualified applications failing it"), _("Share of the not qualified (%)")], [
            [t.label, t.count, _csv_rate(t.share)] for t in self.knockouts()
        ]

    def csv_rejections(self) -> tuple[list[str], Iterable[list[Any]]]:
        return [_("Reason"), _("Rejected applications"), _("Share (%)")], [
            [t.label, t.count, _csv_rate(t.share)] for t in self.rejections()
        ]


TABLES: dict[str, Callable[[Report], tuple[list[str], Iterable[list[Any]]]]] = {
    "funnel": Report.csv_funnel,
    "time-in-stage": Report.csv_time_in_stage,
    "time-to-hire": Report.csv_time_to_hire,
    "sources": Report.csv_sources,
    "days": Report.csv_days,
    "knockouts": Report.csv_knockouts,
    "rejections": Report.csv_rejections,
}


def _context(report: Report) -> dict[str, Any]:
    funnel = report.funnel()
    closed = report.closed()
    times = report.time_in_stage()
    sources = report.sources()
    days = report.days()
    knockouts = report.knockouts()
    rejections = report.rejections()
    total = funnel[0].reached if funnel else 0

    def chart(name: str, bars: list[Bar]) -> Any:
        return bar_chart(bars, labelledby=f"h-{name}", describedby=f"t-{name}")

    def tallies(rows: list[analytics.Tally]) -> list[dict[str, Any]]:
        return [{"label": t.label, "count": t.count, "share": _percent(t.share)} for t in rows]

    def durations(rows: list[analytics.Duration]) -> list[dict[str, Any]]:
        return [{"label": d.label, "count": d.count, "median": _days(d.median), "mean": _days(d.mean)} for d in rows]

    hire = report.time_to_hire()
    return {
        "total": total,
        "funnel": [
            {
                "label": s.label,
                "reached": s.reached,
                "current": s.current,
                "step": _percent(s.step_rate),
                "overall": _percent(s.overall_rate),
            }
            for s in funnel
        ],
        "closed": tallies(closed),
        "funnel_chart": chart(
            "funnel", [Bar(s.label, s.reached, f"{s.reached} ({_percent(s.overall_rate)})") for s in funnel]
        ),
        "times": durations(times),
        "times_chart": chart("time-in-stage", [Bar(d.label, d.median or 0, _days(d.median)) for d in times]),
        "hire": durations([hire])[0],
        "sources": tallies(sources),
        "sources_chart": chart("sources", [Bar(t.label, t.count, f"{t.count} ({_percent(t.share)})") for t in sources]),
        "days": days,
        "days_chart": day_chart(days, labelledby="h-days", describedby="t-days"),
        "busiest": max(days, key=lambda d: d[1]) if days else None,
        "knockouts": tallies(knockouts),
        "knockouts_chart": chart(
            "knockouts", [Bar(t.label, t.count, f"{t.count} ({_percent(t.share)})") for t in knockouts]
        ),
        "rejections": tallies(rejections),
        "rejections_chart": chart(
            "rejections", [Bar(t.label, t.count, f"{t.count} ({_percent(t.share)})") for t in rejections]
        ),
    }


def _csv_response(report: Report, table: str, name: str) -> HttpResponse:
    build = TABLES.get(table)
    if build is None:
        raise Http404
    header, rows = build(report)
    period = report.period
    span = f"-{period.start or 'start'}-{period.end or 'today'}" if period.start or period.end else ""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{table}{span}.csv"'
    response.write("\ufeff")  # so that spreadsheet programs read the Malay and names as UTF-8
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([_safe(value) for value in row] for row in rows)
    return response


def _employer_stages() -> list[StageInfo]:
    """Return the default stages: across postings with their own stages, the ones all share."""
    names = dict(DefaultStage.choices)
    return [StageInfo(s.value, str(names[s.value]), closed=s.value in ("rejected", "withdrawn")) for s in DefaultStage]


def _csv_links(name: str, key: Any) -> dict[str, str]:
    return {table.replace("-", "_"): reverse(name, args=[key, table]) for table in TABLES}


@login_required
def posting_analytics(request: HttpRequest, pk: int) -> HttpResponse:
    posting = get_posting(request, pk, Role.RECRUITER)
    form, period = _period(request)
    report = Report(posting.applications.all(), posting_stages(posting), period)
    context = {
        "posting": posting,
        "employer": posting.employer,
        "form": form,
        "csv": _csv_links("control:posting_analytics_csv", posting.pk),
        **_context(report),
    }
    return render(request, "control/analytics.html", context)


@login_required
def posting_analytics_csv(request: HttpRequest, pk: int, table: str) -> HttpResponse:
    posting = get_posting(request, pk, Role.RECRUITER)
    _, period = _period(request)
    report = Report(posting.applications.all(), posting_stages(posting), period)
    return _csv_response(report, table, f"posting-{posting.pk}")


def _employer_applications(request: HttpRequest, employer) -> QuerySet[Application]:
    return applications_for(request.user, Role.RECRUITER).filter(posting__employer=employer)


@login_required
def employer_analytics(request: HttpRequest, slug: str) -> HttpResponse:
    employer = get_employer(request, slug, Role.RECRUITER)
    form, period = _period(request)
    report = Report(_employer_applications(request, employer), _employer_stages(), period)
    context = {"employer": employer, "form": form, **_context(report)}
    context["csv"] = _csv_links("control:employer_analytics_csv", employer.slug)
    context["postings"] = employer.postings.order_by("-created")
    context["employers"] = employers_for(request.user, Role.RECRUITER).order_by("name")
    return render(request, "control/analytics.html", context)


@login_required
def employer_analytics_csv(request: HttpRequest, slug: str, table: str) -> HttpResponse:
    employer = get_employer(request, slug, Role.RECRUITER)
    _, period = _period(request)
    report = Report(_employer_applications(request, employer), _employer_stages(), period)
    return _csv_response(report, table, employer.slug)


@login_required
def analytics_index(request: HttpRequest) -> HttpResponse:
    """Go to the analytics of the user's employer (the first one, for somebody at several)."""
    employer = employers_for(request.user, Role.RECRUITER).order_by("name").first()
    if employer is None:
        if employers_for(request.user).exists():
            raise PermissionDenied  # a hiring manager
        raise Http404
    return redirect("control:employer_analytics", slug=employer.slug)
