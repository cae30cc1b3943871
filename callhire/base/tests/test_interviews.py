from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from callhire.base import interviews, services
from callhire.base.models import Application, Interview
from callhire.base.pipeline import stage_move
from callhire.test import BaseTestCase

KL = ZoneInfo("Asia/Kuala_Lumpur")


def ics_event(content: bytes):
    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


class InterviewsTestCase(BaseTestCase):
    def setUp(self):
        self.dee = Application.objects.create(posting=self.posting, name="Dee Lim", email="dee@example.com")
        self.eve = Application.objects.create(
            posting=self.posting, name="Eve Tan", email="eve@example.com", language="ms"
        )
        day = (timezone.now() + timedelta(days=3)).astimezone(KL).date()
        self.starts = [datetime(day.year, day.month, day.day, h, 0, tzinfo=KL) for h in (9, 10, 11)]
        self.slots = interviews.slots_offer(
            self.posting, self.starts, 30, time_zone="Asia/Kuala_Lumpur", location="Level 3", interviewers=[self.bob]
        )

    def invite_and_book(self, application, slot, **kwargs):
        interviews.interview_invite(application, user=self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            return interviews.interview_book(application, slot, **kwargs)

    def test_it_offers_several_times_and_skips_ones_already_offered(self):
        self.assertEqual([s.start for s in self.slots], self.starts)
        self.assertEqual(self.slots[0].minutes(), 30)
        again = interviews.slots_offer(self.posting, self.starts[:1], 30, time_zone="Asia/Kuala_Lumpur")
        self.assertEqual(again, [])

    def test_it_refuses_past_times_unknown_zones_and_outsiders(self):
        past = [timezone.now() - timedelta(hours=1)]
        with self.assertRaises(interviews.InterviewError):
            interviews.slots_offer(self.posting, past, 30, time_zone="UTC")
        with self.assertRaises(interviews.InterviewError):
            interviews.slots_offer(self.posting, self.starts, 30, time_zone="Mars/Olympus")
        with self.assertRaises(interviews.InterviewError):
            interviews.slots_offer(self.posting, self.starts, 30, time_zone="UTC", interviewers=[self.charlie])
        with self.assertRaises(interviews.InterviewError):
            interviews.slots_offer(self.posting, self.starts, 1000, time_zone="UTC")

    def test_inviting_emails_the_link_once(self):
        first = interviews.interview_invite(self.dee, user=self.bob)
        second = interviews.interview_invite(self.dee, user=self.bob)
        self.assertEqual(first.pk, second.pk)
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn(f"/en/status/{self.dee.token}/", mail.outbox[0].body)
        self.assertEqual(self.dee.emails.get().kind, "interview_invitation")

    def test_booking_moves_the_stage_and_sends_invitations_to_everyone(self):
        interview = self.invite_and_book(self.dee, self.slots[0], time_zone="Europe/London")
        self.assertEqual(interview.state, "booked")
        self.dee.refresh_from_db()
        self.assertEqual(self.dee.stage, "interview")
        self.assertEqual(self.dee.stage_moves.last().cause, "candidate")
        to_candidate, to_bob = mail.outbox[1], mail.outbox[2]
        self.assertEqual(to_candidate.to, ["dee@example.com"])
        self.assertIn("(Europe/London)", to_candidate.body)  # the time in the candidate's zone
        self.assertIn("Level 3", to_candidate.body)
        self.assertEqual(to_bob.to, ["bob@acme.test"])
        name, content, mimetype = to_candidate.attachments[0]
        self.assertEqual(name, "interview.ics")
        self.assertIn("method=REQUEST", mimetype)
        logged = self.dee.emails.first()
        self.assertEqual((logged.kind, logged.attachments), ("interview_confirmed", ["interview.ics"]))

    def test_the_invitation_is_valid_icalendar(self):
        interview = self.invite_and_book(self.dee, self.slots[1])
        content = mail.outbox[1].attachments[0][1]
        calendar, event = ics_event(content)
        self.assertEqual(calendar["METHOD"], "REQUEST")
        self.assertEqual(str(event["UID"]), interview.uid)
        self.assertEqual(event["SEQUENCE"], 0)
        self.assertEqual(event.decoded("DTSTART"), self.starts[1])
        self.assertEqual(event.decoded("DTSTART").tzinfo.key, "Asia/Kuala_Lumpur")
        self.assertEqual(event["DTSTART"].params["TZID"], "Asia/Kuala_Lumpur")
        self.assertEqual(event.decoded("DTEND") - event.decoded("DTSTART"), timedelta(minutes=30))
        self.assertEqual([tz["TZID"] for tz in calendar.walk("VTIMEZONE")], ["Asia/Kuala_Lumpur"])
        attendees = sorted(str(a) for a in event.get("ATTENDEE"))
        self.assertEqual(attendees, ["mailto:bob@acme.test", "mailto:dee@example.com"])
        self.assertTrue(str(event["ORGANIZER"]).startswith("mailto:"))
        self.assertEqual(event["ORGANIZER"].params["CN"], "Acme Contact")
        self.assertEqual(str(event["STATUS"]), "CONFIRMED")

    def test_a_slot_goes_to_whoever_books_first(self):
        self.invite_and_book(self.dee, self.slots[0])
        interviews.interview_invite(self.eve)
        with self.assertRaises(interviews.SlotTaken):
            interviews.interview_book(self.eve, self.slots[0])
        self.assertEqual(Interview.objects.get(application=self.eve).state, "invited")

    def test_the_database_decides_a_race_the_check_missed(self):
        self.invite_and_book(self.dee, self.slots[0])
        interviews.interview_invite(self.eve)
        # Both requests passed the check before either wrote: the unique constraint still refuses the second.
        with mock.patch.object(interviews, "slot_is_booked", return_value=False):
            with self.assertRaises(interviews.SlotTaken):
                interviews.interview_book(self.eve, self.slots[0])
        self.assertEqual(self.slots[0].interviews.exclude(state="cancelled").count(), 1)

    def test_booking_twice_is_harmless(self):
        first = self.invite_and_book(self.dee, self.slots[0])
        sent = len(mail.outbox)
        with self.captureOnCommitCallbacks(execute=True):
            second = interviews.interview_book(self.dee, self.slots[0])
        self.assertEqual(first.pk, second.pk)
        self.assertEqual(len(mail.outbox), sent)
        with self.assertRaises(interviews.InterviewError):
            interviews.interview_book(self.dee, self.slots[1])  # moving is a reschedule, not a second booking

    def test_it_cannot_book_without_an_invitation_or_a_past_slot(self):
        with self.assertRaises(interviews.InterviewError):
            interviews.interview_book(self.dee, self.slots[0])
        interviews.interview_invite(self.dee)
        with self.assertRaises(interviews.SlotTaken):
            interviews.interview_book(self.dee, self.slots[0], now=self.slots[0].start)

    def test_rescheduling_bumps_the_sequence_and_frees_the_old_slot(self):
        interview = self.invite_and_book(self.dee, self.slots[0])
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            moved = interviews.interview_reschedule(interview, self.slots[2], user=self.bob)
        self.assertEqual((moved.state, moved.sequence, moved.slot_id), ("rescheduled", 1, self.slots[2].pk))
        _calendar, event = ics_event(mail.outbox[0].attachments[0][1])
        self.assertEqual(str(event["UID"]), interview.uid)
        self.assertEqual(event["SEQUENCE"], 1)
        self.assertEqual(event.decoded("DTSTART"), self.starts[2])
        self.assertEqual(self.dee.emails.first().kind, "interview_rescheduled")
        self.assertIn(self.slots[0], interviews.slots_open(self.posting))
        # The same move sent again changes nothing.
        with self.captureOnCommitCallbacks(execute=True):
            again = interviews.interview_reschedule(moved, self.slots[2])
        self.assertEqual(again.sequence, 1)

    def test_cancelling_sends_method_cancel_and_frees_the_slot(self):
        interview = self.invite_and_book(self.dee, self.slots[0])
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            cancelled = interviews.interview_cancel(interview, user=self.bob, reason="Posting on hold")
        self.assertEqual((cancelled.state, cancelled.sequence), ("cancelled", 1))
        self.assertEqual(len(mail.outbox), 2)  # the candidate and the interviewer
        calendar, event = ics_event(mail.outbox[0].attachments[0][1])
        self.assertEqual(calendar["METHOD"], "CANCEL")
        self.assertEqual(str(event["STATUS"]), "CANCELLED")
        self.assertEqual(str(event["UID"]), interview.uid)
        self.assertIn(self.slots[0], interviews.slots_open(self.posting))
        with self.captureOnCommitCallbacks(execute=True):
            interviews.interview_cancel(cancelled)
        self.assertEqual(len(mail.outbox), 2)

    def test_rejecting_a_candidate_cancels_their_interview(self):
        self.invite_and_book(self.dee, self.slots[0])
        with self.captureOnCommitCallbacks(execute=True):
            stage_move(self.dee, "rejected", reason="interview", user=self.bob)
        interview = Interview.objects.get(application=self.dee)
        self.assertEqual(interview.state, "cancelled")
        self.assertEqual(interview.cancelled_by, self.bob)
        with self.assertRaises(interviews.InterviewError):
            interviews.interview_invite(self.dee)

    def test_erasing_a_candidate_takes_the_interview_off_the_interviewers_calendars(self):
        interview = self.invite_and_book(self.dee, self.slots[0])
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.application_erase(self.dee)
        self.assertFalse(Interview.objects.filter(pk=interview.pk).exists())
        (notice,) = mail.outbox  # the interviewer only: the candidate asked to be forgotten
        self.assertEqual(notice.to, ["bob@acme.test"])
        self.assertIn("erased", notice.body)
        calendar, event = ics_event(notice.attachments[0][1])
        self.assertEqual((calendar["METHOD"], str(event["UID"]), event["SEQUENCE"]), ("CANCEL", interview.uid, 1))
        attachment = notice.attachments[0][1]
        ics = (attachment.decode() if isinstance(attachment, bytes) else attachment).replace("\r\n ", "")  # unfolded
        everything = notice.subject + notice.body + ics
        self.assertNotIn("Dee", everything)
        self.assertNotIn("dee@example.com", everything)

    def test_feedback_marks_the_interview_done(self):
        interview = self.invite_and_book(self.dee, self.slots[0])
        with self.assertRaises(interviews.InterviewError):
            interviews.feedback_save(interview, user=self.alice, rating=4, notes="Early")
        later = self.slots[0].end + timedelta(minutes=5)
        with self.assertRaises(interviews.InterviewError):
            interviews.feedback_save(interview, user=self.alice, rating=6, notes="", now=later)
        interviews.feedback_save(interview, user=self.alice, rating=4, notes=" Clear and calm ", now=later)
        interview.refresh_from_db()
        self.assertEqual((interview.state, interview.rating, interview.feedback), ("done", 4, "Clear and calm"))

    def test_reminders_go_out_once_a_day_ahead(self):
        interview = self.invite_and_book(self.dee, self.slots[0], time_zone="Asia/Kuala_Lumpur")
        mail.outbox.clear()
        self.assertEqual(interviews.reminders_send(), 0)  # three days ahead: not yet
        day_before = self.slots[0].start - timedelta(hours=23)
        self.assertEqual(interviews.reminders_send(now=day_before), 1)
        self.assertEqual(interviews.reminders_send(now=day_before + timedelta(minutes=10)), 0)
        self.assertEqual([m.to for m in mail.outbox], [["dee@example.com"], ["bob@acme.test"]])
        self.assertIn("Reminder", mail.outbox[0].subject)
        self.assertIn("(Asia/Kuala_Lumpur)", mail.outbox[0].body)
        self.assertIn("Reminder: interview with Dee Lim", mail.outbox[1].subject)
        self.assertEqual(self.dee.emails.first().kind, "interview_reminder")
        interview.refresh_from_db()
        self.assertEqual(interview.reminded_at, day_before)

    def test_a_move_gets_a_new_reminder_but_a_last_minute_booking_none(self):
        interview = self.invite_and_book(self.eve, self.slots[0])
        interviews.reminders_send(now=self.slots[0].start - timedelta(hours=20))
        with self.captureOnCommitCallbacks(execute=True):
            moved = interviews.interview_reschedule(interview, self.slots[1])
        self.assertIsNone(moved.reminded_at)
        mail.outbox.clear()
        # Moved to a time three days ahead: reminded again the day before it.
        self.assertEqual(interviews.reminders_send(now=self.slots[1].start - timedelta(hours=22)), 1)
        # Eve reads Malay: the date is written in Malay.
        self.assertRegex(mail.outbox[0].body, r"(Isnin|Selasa|Rabu|Khamis|Jumaat|Sabtu|Ahad), \d+ ")
        # A booking made inside the last day before the interview gets no reminder.
        interviews.interview_invite(self.dee)
        with self.captureOnCommitCallbacks(execute=True):
            interviews.interview_book(self.dee, self.slots[2], now=self.slots[2].start - timedelta(hours=5))
        self.assertEqual(interviews.reminders_send(now=self.slots[2].start - timedelta(hours=4)), 0)

    def test_the_send_reminders_command_reports_what_it_sent(self):
        self.invite_and_book(self.dee, self.slots[0])
        with mock.patch.object(timezone, "now", return_value=self.slots[0].start - timedelta(hours=12)):
            from io import StringIO

            out = StringIO()
            call_command("send_reminders", stdout=out)
        self.assertIn("1", out.getvalue())

    def test_erasing_an_application_keeps_the_slot(self):
        self.invite_and_book(self.dee, self.slots[0])
        self.dee.delete()
        self.assertIn(self.slots[0], interviews.slots_open(self.posting))

    def test_a_posting_with_interviews_can_be_deleted(self):
        self.invite_and_book(self.dee, self.slots[0])
        self.posting.delete()
        self.assertFalse(Interview.objects.exists())
