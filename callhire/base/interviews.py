"""Interview scheduling: a team offers times, the candidate picks one, everyone gets a calendar invitation.

The flow: a recruiter offers slots for a posting (slots_offer) and invites a candidate to pick one
(interview_invite). The candidate books a slot from their status page (interview_book), may move
it (interview_reschedule) or cancel it (interview_cancel); the team may do the same. Every change
that reaches a calendar goes out as an RFC 5545 invitation with a stable UID and a growing
SEQUENCE, to the candidate (through emails.email_send, so it is logged) and to the interviewers.
A reminder goes out once, about a day ahead (reminders_send, run by `manage.py send_reminders`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.dispatch import receiver
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from callhire.base import emails
from callhire.base.models import Application, Interview, InterviewSlot, Posting, StageMove
from callhire.base.pipeline import CLOSED, posting_stages, stage_move
from callhire.base.signals import application_stage_changed, interview_booked, interview_cancelled
from callhire.base.tasks import enqueue, task

log = logging.getLogger(__name__)

INTERVIEW_STAGE = Application.Stage.INTERVIEW.value
# A candidate cannot pick a time that starts sooner than this: the team needs a moment to prepare.
MIN_NOTICE = timedelta(hours=1)
# The reminder goes out about this long before the interview, once.
REMIND_BEFORE = timedelta(hours=24)
MAX_SLOTS_AT_ONCE = 100
State = Interview.State


class InterviewError(ValueError):
    """A scheduling request that cannot be done; the message says why, in words for the person asking."""


class SlotTaken(InterviewError):
    """Somebody else booked the slot first (or it was withdrawn)."""


def zone_or_none(name: str) -> ZoneInfo | None:
    """Return the IANA time zone called name, or None for an unknown or empty name."""
    if not name or name not in _zone_names():
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


_ZONES: set[str] = set()


def _zone_names() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones())
    return _ZONES


def time_zones() -> list[str]:
    """Return the IANA time zone names, sorted, for a form's choices."""
    return sorted(name for name in _zone_names() if "/" in name or name == "UTC")


# Offering slots ---------------------------------------------------------------------------


def team_for(posting: Posting) -> QuerySet[User]:
    """Return the people who can interview for a posting: every active member of its employer."""
    return User.objects.filter(memberships__employer_id=posting.employer_id, is_active=True).order_by("email")


def slots_offer(
    posting: Posting,
    starts: Iterable[datetime],
    minutes: int,
    *,
    time_zone: str,
    location: str = "",
    link: str = "",
    interviewers: Iterable[User] = (),
    user: User | None = None,
    now: datetime | None = None,
) -> list[InterviewSlot]:
    """Offer interview times for a posting, each `minutes` long; skip a time already offered.

    Raises InterviewError for a time in the past, a length out of range, an unknown time zone,
    an interviewer from outside the employer, or too many slots at once.
    """
    now = now or timezone.now()
    if zone_or_none(time_zone) is None:
        raise InterviewError(_("Choose a time zone from the list."))
    if not 5 <= minutes <= 480:
        raise InterviewError(_("An interview lasts from 5 minutes to 8 hours."))
    starts = sorted(set(starts))
    if not starts:
        raise InterviewError(_("Give at least one start time."))
    if len(starts) > MAX_SLOTS_AT_ONCE:
        raise InterviewError(_("Offer at most %(count)s times at once.") % {"count": MAX_SLOTS_AT_ONCE})
    if any(timezone.is_naive(start) for start in starts):
        raise ValueError("slot start times must be aware")
    if starts[0] <= now:
        raise InterviewError(_("A time you offer must be in the future."))
    interviewers = list(interviewers)
    team = set(team_for(posting).values_list("pk", flat=True))
    if any(person.pk not in team for person in interviewers):
        raise InterviewError(_("Interviewers must be on your team."))
    length = timedelta(minutes=minutes)
    taken = set(
        posting.interview_slots.filter(
            withdrawn=False, start__in=starts, end__in=[s + length for s in starts]
        ).values_list("start", flat=True)
    )
    created = []
    with transaction.atomic():
        for start in starts:
            if start in taken:
                continue
            slot = InterviewSlot.objects.create(
                posting=posting,
                start=start,
                end=start + length,
                time_zone=time_zone,
                location=location.strip(),
                link=link.strip(),
                created_by=user,
            )
            slot.interviewers.set(interviewers)
            created.append(slot)
    return created


def slot_withdraw(slot: InterviewSlot) -> None:
    """Take back a slot nobody has booked. Raises InterviewError when somebody has."""
    with transaction.atomic():
        locked = InterviewSlot.objects.select_for_update().get(pk=slot.pk)
        if locked.interviews.exclude(state=State.CANCELLED).exists():
            raise InterviewError(_("A candidate booked this time: cancel or move their interview instead."))
        locked.withdrawn = True
        locked.save(update_fields=["withdrawn"])
    slot.withdrawn = True


def slots_open(posting: Posting, *, now: datetime | None = None) -> QuerySet[InterviewSlot]:
    """Return the posting's slots a candidate may still pick: future, not withdrawn, not booked."""
    now = now or timezone.now()
    booked = Interview.objects.filter(slot=OuterRef("pk")).exclude(state=State.CANCELLED)
    return (
        posting.interview_slots.filter(withdrawn=False, start__gt=now + MIN_NOTICE)
        .exclude(Exists(booked))
        .order_by("start", "pk")
    )


def interview_open(application: Application) -> Interview | None:
    """Return the application's interview that is still to happen (invited or booked), if any."""
    return (
        application.interviews.filter(state__in=Interview.ACTIVE)
        .select_related("slot")
        .order_by("-created", "-pk")
        .first()
    )


# The candidate's side ----------------------------------------------------------------------


def interview_invite(application: Application, *, user: User | None = None) -> Interview:
    """Invite a candidate to pick an interview time on their status page, and email them the link.

    Returns the open interview when there already is one (nothing is sent twice).
    """
    if application.stage in CLOSED:
        raise InterviewError(_("This application is closed: it was rejected or withdrawn."))
    existing = interview_open(application)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            interview = Interview.objects.create(application=application, invited_by=user)
    except IntegrityError:  # a double click: the first request made it
        found = interview_open(application)
        if found is None:
            raise
        return found
    emails.template_send(application, "interview_invitation", user=user)
    return interview


def _check_slot(interview: Interview, slot: InterviewSlot, now: datetime) -> None:
    if slot.posting_id != interview.application.posting_id:
        raise InterviewError(_("This time is not offered for your application."))
    if slot.withdrawn or slot.start <= now + MIN_NOTICE:
        raise SlotTaken(_("That time is no longer available. Please pick another."))


def _place(interview: Interview, slot: InterviewSlot, now: datetime) -> None:
    """Put an interview on a slot; the database's unique constraint decides a race."""
    try:
        with transaction.atomic():
            # Lock the slot row so two bookings queue up on PostgreSQL; SQLite locks the whole database.
            list(InterviewSlot.objects.select_for_update().filter(pk=slot.pk).values_list("pk", flat=True))
            if slot_is_booked(slot, exclude=interview):
                raise IntegrityError("slot booked")
            interview.save(
                update_fields=[
                    "slot",
                    "state",
                    "sequence",
                    "booked_at",
                    "updated",
                    "reminded_at",
                    "candidate_time_zone",
                ]
            )
    except IntegrityError as exc:
        raise SlotTaken(_("Sorry, somebody has just taken that time. Please pick another.")) from exc


def slot_is_booked(slot: InterviewSlot, *, exclude: Interview | None = None) -> bool:
    booked = slot.interviews.exclude(state=State.CANCELLED)
    if exclude is not None:
        booked = booked.exclude(pk=exclude.pk)
    return booked.exists()


def interview_book(
    application: Application, slot: InterviewSlot, *, time_zone: str = "", now: datetime | None = None
) -> Interview:
    """Book the slot the candidate picked for their open invitation, and send the calendar invitations.

    Safe to submit twice: booking the slot the interview already has returns it unchanged. Raises
    SlotTaken when somebody else has the slot, InterviewError when there is nothing to book.
    """
    now = now or timezone.now()
    with transaction.atomic():
        interview = (
            Interview.objects.select_for_update(of=("self",))
            .filter(application=application, state__in=Interview.ACTIVE)
            .select_related("application__posting__employer", "slot")
            .first()
        )
        if interview is None:
            raise InterviewError(
                _("There is no interview to book: the employer has not invited you, or it was cancelled.")
            )
        if interview.slot_id == slot.pk and interview.state != State.INVITED:
            return interview  # the same choice sent twice
        if interview.state != State.INVITED:
            raise InterviewError(_("You already have an interview booked. Choose another time below to move it."))
        _check_slot(interview, slot, now)
        interview.slot, interview.state = slot, State.BOOKED
        interview.booked_at = interview.updated = now
        interview.reminded_at = None
        interview.candidate_time_zone = time_zone if zone_or_none(time_zone) else ""
        _place(interview, slot, now)
        _move_to_interview_stage(application)
        enqueue(interview_announce, interview.pk, "interview_confirmed", None, None)
    interview_booked.send(sender=Interview, interview=interview, rescheduled=False)
    return interview


def interview_reschedule(
    interview: Interview,
    slot: InterviewSlot,
    *,
    user: User | None = None,
    time_zone: str = "",
    now: datetime | None = None,
) -> Interview:
    """Move a booked interview to another free slot, and send the updated invitations (SEQUENCE + 1).

    user is the teammate who moved it, or None for the candidate. Moving it to the slot it already
    has changes nothing (a double submit).
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Interview.objects.select_for_update(of=("self",)).select_related("slot").get(pk=interview.pk)
        if locked.state not in Interview.ON_CALENDAR:
            raise InterviewError(_("Only a booked interview can be moved."))
        if locked.slot_id == slot.pk:
            return locked
        if locked.slot is not None and locked.slot.end <= now:
            raise InterviewError(_("This interview has already taken place."))
        old_slot = locked.slot
        _check_slot(interview, slot, now)
        locked.slot, locked.state = slot, State.RESCHEDULED
        locked.sequence += 1
        locked.updated = now
        locked.reminded_at = None  # a new time gets its own reminder
        if time_zone and zone_or_none(time_zone):
            locked.candidate_time_zone = time_zone
        locked.booked_at = locked.booked_at or now
        locked.application = interview.application
        _place(locked, slot, now)
        enqueue(
            interview_announce,
            locked.pk,
            "interview_rescheduled",
            user.pk if user else None,
            old_slot.pk if old_slot else None,
        )
    interview_booked.send(sender=Interview, interview=locked, rescheduled=True)
    return locked


def interview_cancel(
    interview: Interview, *, user: User | None = None, reason: str = "", now: datetime | None = None
) -> Interview:
    """Cancel an interview (by a teammate, or by the candidate when user is None); the slot is free again.

    A booked interview's invitations are withdrawn with METHOD:CANCEL. Cancelling twice changes nothing.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Interview.objects.select_for_update(of=("self",)).select_related("slot").get(pk=interview.pk)
        if locked.state not in Interview.ACTIVE:
            return locked
        was_booked = locked.state in Interview.ON_CALENDAR
        locked.state = State.CANCELLED
        locked.sequence += 1 if was_booked else 0
        locked.cancelled_at = locked.updated = now
        locked.cancelled_by = user
        locked.cancel_reason = reason.strip()[:300]
        locked.save(update_fields=["state", "sequence", "cancelled_at", "updated", "cancelled_by", "cancel_reason"])
        locked.application = interview.application
        if was_booked:
            enqueue(interview_announce, locked.pk, "interview_cancelled", user.pk if user else None, None)
    interview_cancelled.send(sender=Interview, interview=locked)
    return locked


def feedback_save(
    interview: Interview, *, user: User, rating: int, notes: str, now: datetime | None = None
) -> Interview:
    """Record the interviewer's rating (1 to 5) and notes; the interview is then done."""
    now = now or timezone.now()
    if not 1 <= rating <= 5:
        raise InterviewError(_("Rate from 1 to 5."))
    if interview.slot is None or interview.state not in (State.BOOKED, State.RESCHEDULED, State.DONE):
        raise InterviewError(_("Feedback is given on an interview that was booked."))
    if interview.slot.start > now:
        raise InterviewError(_("Give feedback once the interview has started."))
    interview.rating, interview.feedback = rating, notes.strip()
    interview.feedback_by, interview.feedback_at = user, now
    interview.state, interview.updated = State.DONE, now
    interview.save(update_fields=["rating", "feedback", "feedback_by", "feedback_at", "state", "updated"])
    return interview


def _move_to_interview_stage(application: Application) -> None:
    """Move the application to the interview stage, if the posting has one and it is still before it."""
    keys = [s.key for s in posting_stages(application.posting, closed=False)]
    if INTERVIEW_STAGE not in keys or application.stage not in keys:
        return
    if keys.index(application.stage) < keys.index(INTERVIEW_STAGE):
        stage_move(
            application,
            INTERVIEW_STAGE,
            cause=StageMove.Cause.CANDIDATE,
            note=_("Booked an interview."),
        )


@receiver(application_stage_changed)
def _cancel_when_closed(sender, application: Application, move: StageMove, **kwargs) -> None:
    """Cancel the open interview of an application that was rejected or withdrawn."""
    if move.to_stage not in CLOSED:
        return
    interview = interview_open(application)
    if interview is not None:
        interview_cancel(interview, user=move.user, reason=str(dict(Application.Stage.choices)[move.to_stage]))


# Words and calendars -----------------------------------------------------------------------


def candidate_zone(interview: Interview) -> ZoneInfo:
    zone = zone_or_none(interview.candidate_time_zone) if interview.candidate_time_zone else None
    return zone or zone_or_none(interview.slot.time_zone if interview.slot else "") or ZoneInfo("UTC")


def wall_clock(slot: InterviewSlot, zone: ZoneInfo | None = None) -> tuple[datetime, datetime]:
    """Return the slot's start and end as naive times on the clock of a zone (by default the slot's).

    Naive, so templates show them as they are instead of converting to the server's zone.
    """
    zone = zone or zone_or_none(slot.time_zone) or ZoneInfo("UTC")
    return timezone.make_naive(slot.start, zone), timezone.make_naive(slot.end, zone)


def format_when(slot: InterviewSlot, zone: ZoneInfo, language: str | None = None) -> str:
    """Return e.g. "Tuesday, 1 December 2026, 10:00–10:30 (Asia/Kuala_Lumpur)" in the language given."""
    start, end = timezone.localtime(slot.start, zone), timezone.localtime(slot.end, zone)
    with translation.override(language or translation.get_language()):
        day = formats.date_format(start, "l, j F Y")
        return f"{day}, {start:%H:%M}–{end:%H:%M} ({zone.key})"


def format_place(slot: InterviewSlot) -> str:
    parts = [p for p in (slot.location, slot.link) if p]
    return ", ".join(parts) or _("to be confirmed by the employer")


def _interview_values(interview: Interview) -> dict[str, str]:
    """Return the interview's placeholders, worded in the candidate's language and time zone."""
    assert interview.slot is not None
    language = interview.application.language
    with translation.override(language):
        return {
            "interview_time": format_when(interview.slot, candidate_zone(interview), language),
            "interview_place": format_place(interview.slot),
        }


def _organizer(posting: Posting) -> vCalAddress:
    address = posting.employer.apply_email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@callhire.test"
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(posting.employer.name)
    return organizer


def _attendee(email: str, name: str, *, candidate: bool) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["cn"] = vText(name or email)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["cutype"] = vText("INDIVIDUAL")
    # The candidate chose the time, so they have accepted it; interviewers are asked.
    attendee.params["partstat"] = vText("ACCEPTED" if candidate else "NEEDS-ACTION")
    attendee.params["rsvp"] = vText("FALSE" if candidate else "TRUE")
    return attendee


def interview_ics(
    interview: Interview,
    *,
    cancel: bool = False,
    slot: InterviewSlot | None = None,
    language: str | None = None,
    now: datetime | None = None,
) -> bytes:
    """Return the interview as an iCalendar object: METHOD:REQUEST, or METHOD:CANCEL to withdraw it.

    The UID is the interview's own; SEQUENCE grows with every change so calendars replace the
    earlier version. Times carry the slot's time zone, with its VTIMEZONE definition.
    """
    slot = slot or interview.slot
    if slot is None:
        raise InterviewError(_("This interview has no time yet."))
    application = interview.application
    posting = application.posting
    zone = zone_or_none(slot.time_zone) or ZoneInfo("UTC")
    with translation.override(language or application.language):
        summary = _("Interview: %(candidate)s for %(posting)s at %(employer)s") % {
            "candidate": application.name,
            "posting": posting.title,
            "employer": posting.employer.name,
        }
        description = _("Interview for %(posting)s at %(employer)s.") % {
            "posting": posting.title,
            "employer": posting.employer.name,
        }
        if slot.link:
            description += "\n" + _("Join: %(link)s") % {"link": slot.link}
    calendar = Calendar()
    calendar.add("prodid", "-//callhire//interviews//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    event = Event()
    event.add("uid", interview.uid)
    event.add("sequence", interview.sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(ZoneInfo("UTC")))
    event.add("dtstart", slot.start.astimezone(zone))
    event.add("dtend", slot.end.astimezone(zone))
    event.add("summary", summary)
    event.add("description", description)
    if slot.location or slot.link:
        event.add("location", slot.location or slot.link)
    if slot.link:
        event.add("url", slot.link)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("organizer", _organizer(posting))
    if application.email:  # none on the notice sent as an application is erased
        event.add("attendee", _attendee(application.email, application.name, candidate=True))
    for person in slot.interviewers.all():
        if person.email:
            event.add("attendee", _attendee(person.email, person.get_full_name(), candidate=False))
    calendar.add_component(event)
    # The zone's rules around the interview are enough; all of 1970-2038 costs ten times as much.
    calendar.add_missing_timezones(
        first_date=(slot.start - timedelta(days=366)).date(), last_date=(slot.end + timedelta(days=366)).date()
    )
    return calendar.to_ical()


def ics_attachment(content: bytes, *, cancel: bool) -> tuple[str, bytes, str]:
    method = "CANCEL" if cancel else "REQUEST"
    return ("interview.ics", content, f"text/calendar; method={method}; charset=UTF-8")


@task
def interview_announce(interview_pk: int, kind: str, user_pk: int | None, old_slot_pk: int | None) -> None:
    """Email the candidate (logged on their application) and the interviewers about a booking's change.

    Runs after the change committed; it reads the interview as it is then, so two quick moves
    send the latest time with the latest SEQUENCE.
    """
    interview = (
        Interview.objects.select_related("slot", "application__posting__employer").filter(pk=interview_pk).first()
    )
    if interview is None or interview.slot is None:
        return  # erased meanwhile
    user = User.objects.filter(pk=user_pk).first() if user_pk else None
    old_slot = InterviewSlot.objects.filter(pk=old_slot_pk).first() if old_slot_pk else None
    cancel = kind == "interview_cancelled"
    application = interview.application
    slot = interview.slot
    extra = _interview_values(interview)
    content = interview_ics(interview, cancel=cancel)
    emails.template_send(
        application, kind, user=user, extra=extra, attachments=[ics_attachment(content, cancel=cancel)]
    )
    team_ics = interview_ics(interview, cancel=cancel, language=settings.LANGUAGE_CODE)
    for person in slot.interviewers.all():
        _email_interviewer(interview, person, slot, team_ics, cancel=cancel)
    if old_slot is not None:
        # Interviewers of the old time who are not on the new one take it off their calendars.
        staying = set(slot.interviewers.values_list("pk", flat=True))
        leaving = [p for p in old_slot.interviewers.all() if p.pk not in staying]
        if leaving:
            gone = interview_ics(interview, cancel=True, slot=old_slot, language=settings.LANGUAGE_CODE)
            for person in leaving:
                _email_interviewer(interview, person, old_slot, gone, cancel=True)


def interviews_cancel_for_erasure(application: Application) -> int:
    """Take an application's booked interviews off the interviewers' calendars before it is erased.

    Runs at once, not after commit: the interview rows go with the application. The notice
    names the posting and the time, not the candidate. Returns how many were cancelled.
    """
    booked = list(
        application.interviews.filter(state__in=Interview.ON_CALENDAR, slot__isnull=False).select_related(
            "slot", "application__posting__employer"
        )
    )
    for interview in booked:
        interview.sequence += 1
        with translation.override(settings.LANGUAGE_CODE):
            # Only in memory, for the calendar's summary: the row is deleted with the application.
            interview.application.name = _("a candidate whose data was erased")
            interview.application.email = ""
        team_ics = interview_ics(interview, cancel=True, language=settings.LANGUAGE_CODE)
        for person in interview.slot.interviewers.all():
            _email_interviewer(interview, person, interview.slot, team_ics, cancel=True, erased=True)
    return len(booked)


def _email_interviewer(
    interview: Interview, person: User, slot: InterviewSlot, ics: bytes, *, cancel: bool, erased: bool = False
) -> None:
    if not person.email:
        return
    application = interview.application
    zone = zone_or_none(slot.time_zone) or ZoneInfo("UTC")
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "candidate": application.name,
            "posting": application.posting.title,
            "when": format_when(slot, zone),
            "place": format_place(slot),
        }
        if erased:
            subject = _("Cancelled: interview for %(posting)s, %(when)s") % values
            body = (
                _(
                    "The interview for %(posting)s on %(when)s is cancelled: the candidate asked for their data "
                    "to be erased."
                )
                % values
            )
        elif cancel:
            subject = _("Cancelled: interview with %(candidate)s, %(when)s") % values
            body = _("The interview with %(candidate)s for %(posting)s on %(when)s is cancelled.") % values
        else:
            subject = _("Interview with %(candidate)s, %(when)s") % values
            body = _("You interview %(candidate)s for %(posting)s.\n\nWhen: %(when)s\nWhere: %(place)s") % values
        from callhire.base.services import absolute_url

        if not erased:
            body += "\n\n" + absolute_url("control:application", application.pk)
    message = EmailMessage(" ".join(subject.split()), body, None, [person.email])
    message.attach(*ics_attachment(ics, cancel=cancel))
    try:
        message.send()
    except Exception as exc:  # one interviewer's bad address must not stop the others' invitations
        log.warning("interview email to %s failed: %s", person.email, exc)


# Reminders ---------------------------------------------------------------------------------


def reminders_send(*, now: datetime | None = None) -> int:
    """Send the reminders due: once per booking, about a day before the interview. Return how many.

    Safe to run as often as wanted, from several machines at once: each reminder is claimed by an
    atomic update before it is sent. A booking made inside the last day before the interview gets
    no reminder; its confirmation has just gone out.
    """
    now = now or timezone.now()
    due = Interview.objects.filter(
        state__in=Interview.ON_CALENDAR,
        reminded_at__isnull=True,
        slot__start__gt=now,
        slot__start__lte=now + REMIND_BEFORE,
    ).select_related("slot", "application__posting__employer")
    sent = 0
    for interview in due:
        assert interview.slot is not None
        claimed = Interview.objects.filter(pk=interview.pk, reminded_at__isnull=True, slot=interview.slot).update(
            reminded_at=now
        )
        if not claimed:
            continue  # another run took it
        if interview.updated > interview.slot.start - REMIND_BEFORE:
            continue  # booked or moved inside the last day: the confirmation is fresh
        application = interview.application
        emails.template_send(application, "interview_reminder", extra=_interview_values(interview))
        for person in interview.slot.interviewers.all():
            _remind_interviewer(interview, person)
        sent += 1
    return sent


def _remind_interviewer(interview: Interview, person: User) -> None:
    if not person.email or interview.slot is None:
        return
    application = interview.application
    zone = zone_or_none(interview.slot.time_zone) or ZoneInfo("UTC")
    from callhire.base.services import absolute_url

    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "candidate": application.name,
            "posting": application.posting.title,
            "when": format_when(interview.slot, zone),
            "place": format_place(interview.slot),
        }
        subject = _("Reminder: interview with %(candidate)s, %(when)s") % values
        body = _("You interview %(candidate)s for %(posting)s.\n\nWhen: %(when)s\nWhere: %(place)s") % values
        body += "\n\n" + absolute_url("control:application", application.pk)
    try:
        EmailMessage(" ".join(subject.split()), body, None, [person.email]).send()
    except Exception as exc:  # one bad address must not stop the other reminders
        log.warning("interview reminder to %s failed: %s", person.email, exc)


@task
def reminders_send_task() -> int:
    """Send the interview reminders due (for a periodic scheduler such as Celery beat)."""
    return reminders_send()


def interviews_upcoming(applications: QuerySet[Application], *, now: datetime | None = None) -> QuerySet[Interview]:
    """Return the booked interviews of these applications that have not ended, soonest first."""
    now = now or timezone.now()
    return (
        Interview.objects.filter(application__in=applications, state__in=Interview.ON_CALENDAR, slot__end__gt=now)
        .select_related("slot", "application__posting__employer")
        .prefetch_related("slot__interviewers")
        .order_by("slot__start", "pk")
    )


def interviewer_choices(posting: Posting) -> list[tuple[int, str]]:
    """Return (user id, name) for everyone who may interview for the posting."""
    return [(u.pk, u.get_full_name() or u.email or u.get_username()) for u in team_for(posting)]
