"""The candidate's side of interviews, reached by the private status link: pick, move or cancel a time."""

from __future__ import annotations

from itertools import groupby
from zoneinfo import ZoneInfo

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from callhire.base import interviews
from callhire.base.models import Application, Interview, InterviewSlot
from callhire.base.pipeline import CLOSED

NOTICES = {
    "booked": lambda: _("Your interview is booked. We have emailed you the calendar invitation."),
    "moved": lambda: _("Your interview is moved. We have emailed you the updated calendar invitation."),
    "cancelled": lambda: _("Your interview is cancelled."),
}


def _application(token: str) -> Application:
    return get_object_or_404(Application.objects.select_related("posting__employer"), token=token)


def _private(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"  # the URL is the candidate's key: keep it on this site
    response["Cache-Control"] = "private, no-store"
    return response


def _zone(request: HttpRequest, interview: Interview | None, slots: list[InterviewSlot]) -> ZoneInfo:
    """Return the zone to show times in: the one asked for, the candidate's, or the one the times were offered in."""
    asked = interviews.zone_or_none(request.GET.get("tz", "") or request.POST.get("time_zone", ""))
    if asked is not None:
        return asked
    if interview is not None and interview.candidate_time_zone:
        return interviews.candidate_zone(interview)
    first = interview.slot if interview is not None and interview.slot else (slots[0] if slots else None)
    return interviews.zone_or_none(first.time_zone if first else "") or ZoneInfo("UTC")


def _days(slots: list[InterviewSlot], zone: ZoneInfo) -> list[tuple]:
    rows = [{"slot": s, "times": interviews.wall_clock(s, zone)} for s in slots]
    return [(day, list(items)) for day, items in groupby(rows, key=lambda r: r["times"][0].date())]


def interview_page(request: HttpRequest, token: str, *, error: str = "", status: int = 200) -> HttpResponse:
    """Show the times to pick from, or the booked interview with ways to move or cancel it."""
    application = _application(token)
    interview = interviews.interview_open(application)
    last = interview or application.interviews.select_related("slot").first()
    slots = list(interviews.slots_open(application.posting)) if interview is not None else []
    zone = _zone(request, last, slots)
    context = {
        "application": application,
        "posting": application.posting,
        "interview": interview,
        "last": last,
        "days": _days(slots, zone),
        "zone": zone.key,
        "when": interviews.format_when(last.slot, zone) if last and last.slot else "",
        "place": interviews.format_place(last.slot) if last and last.slot else "",
        "closed": application.stage in CLOSED,
        "error": error,
        "notice": NOTICES[request.GET["done"]]() if request.GET.get("done") in NOTICES else "",
        "time_zones": interviews.time_zones(),
    }
    return _private(render(request, "presale/interview/page.html", context, status=status))


def _chosen_slot(request: HttpRequest, application: Application) -> InterviewSlot | None:
    try:
        pk = int(request.POST.get("slot", ""))
    except ValueError:
        return None
    return InterviewSlot.objects.filter(posting_id=application.posting_id, pk=pk).first()


def _done(token: str, what: str, request: HttpRequest) -> HttpResponse:
    url = reverse("presale:interview", args=[token]) + f"?done={what}"
    zone = request.POST.get("time_zone", "")
    if interviews.zone_or_none(zone):
        url += f"&tz={zone}"
    return redirect(url)


@require_POST
def interview_book(request: HttpRequest, token: str) -> HttpResponse:
    application = _application(token)
    slot = _chosen_slot(request, application)
    if slot is None:
        return interview_page(request, token, error=_("Choose one of the times."), status=400)
    try:
        interviews.interview_book(application, slot, time_zone=request.POST.get("time_zone", ""))
    except interviews.InterviewError as exc:
        return interview_page(request, token, error=str(exc), status=409)
    return _done(token, "booked", request)


@require_POST
def interview_reschedule(request: HttpRequest, token: str) -> HttpResponse:
    application = _application(token)
    interview = interviews.interview_open(application)
    slot = _chosen_slot(request, application)
    if interview is None or slot is None:
        return interview_page(request, token, error=_("Choose one of the times."), status=400)
    interview.application = application
    try:
        interviews.interview_reschedule(interview, slot, time_zone=request.POST.get("time_zone", ""))
    except interviews.InterviewError as exc:
        return interview_page(request, token, error=str(exc), status=409)
    return _done(token, "moved", request)


@require_POST
def interview_cancel(request: HttpRequest, token: str) -> HttpResponse:
    application = _application(token)
    if request.POST.get("confirm") != "yes":
        return interview_page(request, token, error=_("Tick the box to confirm."), status=400)
    interview = interviews.interview_open(application)
    if interview is not None:
        interview.application = application
        interviews.interview_cancel(interview)  # no user: the record says the candidate cancelled
    return _done(token, "cancelled", request)


def interview_ics(request: HttpRequest, token: str) -> HttpResponse:
    """Download the booked interview as a calendar file."""
    application = _application(token)
    interview = application.interviews.filter(slot__isnull=False).select_related("slot").first()
    if interview is None:
        return interview_page(request, token, error=_("You have no interview booked."), status=404)
    interview.application = application
    cancel = interview.state == Interview.State.CANCELLED
    content = interviews.interview_ics(interview, cancel=cancel)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    return _private(response)
