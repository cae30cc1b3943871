"""The team's side of interviews: offer times, invite candidates, move, cancel, and give feedback."""

from __future__ import annotations

import re
from datetime import datetime, time
from itertools import groupby

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from callhire.base import interviews
from callhire.base.models import Interview, InterviewSlot, Membership, Posting
from callhire.control.access import applications_for, get_application, get_posting

Role = Membership.Role
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class OfferForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    times = forms.CharField(
        label=gettext_lazy("Start times"),
        help_text=gettext_lazy("One or more, 24-hour clock, separated by spaces or commas: 09:00, 09:45, 14:00"),
        max_length=1000,
    )
    minutes = forms.IntegerField(label=gettext_lazy("Length (minutes)"), min_value=5, max_value=480, initial=30)
    time_zone = forms.ChoiceField(label=gettext_lazy("Time zone"))
    location = forms.CharField(
        label=gettext_lazy("Place or phone number"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("An address, or the number you will call from."),
    )
    link = forms.URLField(label=gettext_lazy("Video link"), required=False, max_length=500, assume_scheme="https")
    interviewers = forms.MultipleChoiceField(
        label=gettext_lazy("Interviewers"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, posting: Posting, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.posting = posting
        self.fields["time_zone"].choices = [(z, z) for z in interviews.time_zones()]
        self.fields["interviewers"].choices = [(str(pk), name) for pk, name in interviews.interviewer_choices(posting)]

    def clean_times(self) -> list[time]:
        values = []
        for word in re.split(r"[\s,;]+", self.cleaned_data["times"].strip()):
            match = _TIME.match(word)
            if not match:
                raise forms.ValidationError(_("“%(word)s” is not a time like 09:30.") % {"word": word})
            values.append(time(int(match.group(1)), int(match.group(2))))
        return values

    def starts(self) -> list[datetime]:
        zone = interviews.zone_or_none(self.cleaned_data["time_zone"])
        day = self.cleaned_data["date"]
        return [datetime.combine(day, t, tzinfo=zone) for t in self.cleaned_data["times"]]


def _offer_initial(posting: Posting, user) -> dict:
    last = posting.interview_slots.order_by("-created").first()
    if last is not None:
        return {
            "time_zone": last.time_zone,
            "location": last.location,
            "link": last.link,
            "minutes": last.minutes(),
            "interviewers": [str(pk) for pk in last.interviewers.values_list("pk", flat=True)],
        }
    return {"time_zone": settings.TIME_ZONE, "minutes": 30, "interviewers": [str(user.pk)]}


@login_required
def posting_interviews(request: HttpRequest, pk: int) -> HttpResponse:
    """Offer interview times for a posting and see which are booked, by whom."""
    posting = get_posting(request, pk, Role.RECRUITER)
    form = OfferForm(request.POST or None, posting=posting, initial=_offer_initial(posting, request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = interviews.slots_offer(
                posting,
                form.starts(),
                data["minutes"],
                time_zone=data["time_zone"],
                location=data["location"],
                link=data["link"],
                interviewers=interviews.team_for(posting).filter(pk__in=data["interviewers"]),
                user=request.user,
            )
        except interviews.InterviewError as exc:
            form.add_error(None, str(exc))
        else:
            if created:
                messages.success(request, _("%(count)s times offered.") % {"count": len(created)})
            else:
                messages.info(request, _("Those times were already offered."))
            return redirect("control:posting_interviews", pk=posting.pk)
    now = timezone.now()
    slots = (
        posting.interview_slots.filter(withdrawn=False, end__gt=now)
        .prefetch_related("interviewers", "interviews__application")
        .order_by("start", "pk")
    )
    rows = []
    for slot in slots:
        booking = next((i for i in slot.interviews.all() if i.state != Interview.State.CANCELLED), None)
        start, end = interviews.wall_clock(slot)
        rows.append({"slot": slot, "booking": booking, "start": start, "end": end})
    days = [(day, list(items)) for day, items in groupby(rows, key=lambda r: r["start"].date())]
    waiting = posting.applications.filter(interviews__state=Interview.State.INVITED).order_by("name")
    context = {"posting": posting, "form": form, "days": days, "waiting": waiting}
    return render(request, "control/interviews/posting.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def slot_withdraw(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    posting = get_posting(request, pk, Role.RECRUITER)
    slot = get_object_or_404(InterviewSlot, posting=posting, pk=slot_pk)
    try:
        interviews.slot_withdraw(slot)
        messages.success(request, _("The time was taken back."))
    except interviews.InterviewError as exc:
        messages.error(request, str(exc))
    return redirect("control:posting_interviews", pk=posting.pk)


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """List the upcoming interviews the user may see, day by day, in each slot's own time zone."""
    upcoming = interviews.interviews_upcoming(applications_for(request.user))[:500]
    rows = []
    for interview in upcoming:
        start, end = interviews.wall_clock(interview.slot)
        rows.append({"interview": interview, "start": start, "end": end})
    days = [(day, list(items)) for day, items in groupby(rows, key=lambda r: r["start"].date())]
    return render(request, "control/interviews/calendar.html", {"days": days})


@login_required
@require_POST
def interview_invite(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_application(request, pk, Role.RECRUITER)
    try:
        interview = interviews.interview_invite(application, user=request.user)
    except interviews.InterviewError as exc:
        messages.error(request, str(exc))
    else:
        if interview.state == Interview.State.INVITED:
            messages.success(request, _("%(name)s is invited to pick an interview time.") % {"name": application.name})
        else:
            messages.info(request, _("This candidate already has an interview booked."))
        if not application.posting.interview_slots.filter(withdrawn=False, start__gt=timezone.now()).exists():
            messages.warning(
                request, _("This posting offers no interview times yet: offer some so the candidate can pick.")
            )
    return redirect("control:application", pk=application.pk)


def _interview(request: HttpRequest, pk: int, interview_pk: int, role: str):
    application = get_application(request, pk, role)
    interview = get_object_or_404(application.interviews.select_related("slot"), pk=interview_pk)
    interview.application = application
    return application, interview


@login_required
@require_POST
def interview_cancel(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    application, interview = _interview(request, pk, interview_pk, Role.RECRUITER)
    interviews.interview_cancel(interview, user=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("The interview is cancelled; the candidate and the interviewers are told."))
    return redirect("control:application", pk=application.pk)


@login_required
def interview_reschedule(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """Move a booked interview to another free time of the posting."""
    application, interview = _interview(request, pk, interview_pk, Role.RECRUITER)
    error = ""
    if request.method == "POST":
        slot = InterviewSlot.objects.filter(posting=application.posting, pk=_int(request.POST.get("slot"))).first()
        if slot is None:
            error = _("Choose one of the times.")
        else:
            try:
                interviews.interview_reschedule(interview, slot, user=request.user)
            except interviews.InterviewError as exc:
                error = str(exc)
            else:
                messages.success(request, _("The interview is moved; the candidate and the interviewers are told."))
                return redirect("control:application", pk=application.pk)
    free = [{"slot": s, "times": interviews.wall_clock(s)} for s in interviews.slots_open(application.posting)]
    context = {"application": application, "interview": interview, "free": free, "error": error}
    return render(request, "control/interviews/reschedule.html", context, status=409 if error else 200)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("Rating"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, gettext_lazy("5: excellent")),
            (4, gettext_lazy("4: good")),
            (3, gettext_lazy("3: adequate")),
            (2, gettext_lazy("2: weak")),
            (1, gettext_lazy("1: poor")),
        ],
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 8})
    )


@login_required
def interview_feedback(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    """Let an interviewer (any teammate who may see the candidate, hiring managers too) rate the interview."""
    application, interview = _interview(request, pk, interview_pk, Role.HIRING_MANAGER)
    initial = {"rating": interview.rating, "notes": interview.feedback} if interview.rating else None
    form = FeedbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            interviews.feedback_save(
                interview, user=request.user, rating=form.cleaned_data["rating"], notes=form.cleaned_data["notes"]
            )
        except interviews.InterviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your feedback is saved."))
            return redirect("control:application", pk=application.pk)
    context = {"application": application, "interview": interview, "form": form}
    return render(request, "control/interviews/feedback.html", context, status=400 if form.errors else 200)


@login_required
def interview_ics(request: HttpRequest, pk: int, interview_pk: int) -> HttpResponse:
    application, interview = _interview(request, pk, interview_pk, Role.HIRING_MANAGER)
    if interview.slot is None:
        messages.error(request, _("This interview has no time yet."))
        return redirect("control:application", pk=application.pk)
    cancel = interview.state == Interview.State.CANCELLED
    content = interviews.interview_ics(interview, cancel=cancel, language=request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
