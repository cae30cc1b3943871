from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from callhire.base import interviews
from callhire.base.models import Application, Interview
from callhire.test import BaseTestCase

KL = ZoneInfo("Asia/Kuala_Lumpur")


class CandidateInterviewTestCase(BaseTestCase):
    def setUp(self):
        self.application = Application.objects.create(posting=self.posting, name="Dee Lim", email="dee@example.com")
        day = (timezone.now() + timedelta(days=4)).astimezone(KL).date()
        starts = [datetime(day.year, day.month, day.day, h, tzinfo=KL) for h in (9, 10)]
        self.slots = interviews.slots_offer(self.posting, starts, 30, time_zone="Asia/Kuala_Lumpur", location="Level 3")
        self.url = f"/en/status/{self.application.token}/interview/"

    def invite(self):
        return interviews.interview_invite(self.application, user=self.bob)

    def book(self, slot, **extra):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(self.url + "book/", {"slot": slot.pk, **extra})

    def test_without_an_invitation_there_is_nothing_to_pick(self):
        r = self.client.get(self.url)
        self.assertContains(r, "has not invited you")
        self.assertNotContains(r, "Book this time")
        self.assertEqual(self.book(self.slots[0]).status_code, 409)

    def test_the_status_page_points_to_the_times(self):
        self.invite()
        r = self.client.get(f"/en/status/{self.application.token}/")
        self.assertContains(r, "Pick an interview time")
        self.assertContains(r, self.url)

    def test_the_candidate_sees_the_times_in_the_zone_asked_for(self):
        self.invite()
        r = self.client.get(self.url)
        self.assertContains(r, "Times in Asia/Kuala_Lumpur")
        self.assertContains(r, "09:00–09:30")
        self.assertEqual(r["Cache-Control"], "private, no-store")
        r = self.client.get(self.url + "?tz=Europe/London")
        self.assertContains(r, "Times in Europe/London")
        self.assertContains(r, "01:00–01:30")
        r = self.client.get(self.url + "?tz=Nowhere/Land")  # an unknown zone is ignored
        self.assertContains(r, "Times in Asia/Kuala_Lumpur")

    def test_the_candidate_books_and_gets_the_calendar_file(self):
        self.invite()
        r = self.book(self.slots[1], time_zone="Europe/London")
        self.assertRedirects(r, self.url + "?done=booked&tz=Europe/London", fetch_redirect_response=False)
        interview = self.application.interviews.get()
        self.assertEqual(
            (interview.state, interview.slot, interview.candidate_time_zone), ("booked", self.slots[1], "Europe/London")
        )
        r = self.client.get(self.url + "?done=booked")
        self.assertContains(r, "Your interview is booked")
        self.assertContains(r, "02:00–02:30 (Europe/London)")
        r = self.client.get(f"/en/status/{self.application.token}/")
        self.assertContains(r, ", 02:00 (Europe/London).")
        self.assertContains(r, f"/en/status/{self.application.token}/interview.ics")
        r = self.client.get(f"/en/status/{self.application.token}/interview.ics")
        (event,) = Calendar.from_ical(r.content).walk("VEVENT")
        self.assertEqual(str(event["UID"]), interview.uid)
        self.assertTrue(any("dee@example.com" in m.to for m in mail.outbox))

    def test_a_slot_just_taken_gets_a_clear_message(self):
        other = Application.objects.create(posting=self.posting, name="Eve", email="eve@example.com")
        interviews.interview_invite(other)
        interviews.interview_book(other, self.slots[0])
        self.invite()
        r = self.book(self.slots[0])
        self.assertEqual(r.status_code, 409)
        self.assertContains(r, "somebody has just taken that time", status_code=409)
        self.assertContains(r, "10:00–10:30", status_code=409)  # the times still free are offered
        self.assertEqual(self.application.interviews.get().state, "invited")

    def test_a_double_submit_books_once(self):
        self.invite()
        self.book(self.slots[0])
        sent = len(mail.outbox)
        r = self.book(self.slots[0])
        self.assertEqual(r.status_code, 302)
        self.assertEqual(len(mail.outbox), sent)
        self.assertEqual(Interview.objects.count(), 1)

    def test_bad_input_is_refused_without_losing_the_booking(self):
        self.invite()
        self.assertEqual(self.client.post(self.url + "book/", {"slot": "x"}).status_code, 400)
        self.book(self.slots[0])
        r = self.client.post(self.url + "move/", {"slot": "999999"})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(self.application.interviews.get().slot, self.slots[0])

    def test_the_candidate_moves_their_interview(self):
        self.invite()
        self.book(self.slots[0])
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(self.url + "move/", {"slot": self.slots[1].pk})
        self.assertRedirects(r, self.url + "?done=moved", fetch_redirect_response=False)
        interview = self.application.interviews.get()
        self.assertEqual((interview.slot, interview.sequence, interview.state), (self.slots[1], 1, "rescheduled"))

    def test_the_candidate_cancels_after_confirming(self):
        self.invite()
        self.book(self.slots[0])
        r = self.client.post(self.url + "cancel/")
        self.assertContains(r, "Tick the box", status_code=400)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(self.url + "cancel/", {"confirm": "yes"})
        interview = self.application.interviews.get()
        self.assertEqual((interview.state, interview.cancelled_by), ("cancelled", None))
        self.assertContains(self.client.get(self.url), "was cancelled")
        self.assertIn(self.slots[0], interviews.slots_open(self.posting))

    def test_another_token_sees_nothing(self):
        self.invite()
        self.assertEqual(self.client.get("/en/status/nope/interview/").status_code, 404)
        self.assertEqual(
            self.client.post("/en/status/nope/interview/book/", {"slot": self.slots[0].pk}).status_code, 404
        )
        self.assertEqual(self.client.get("/en/status/nope/interview.ics").status_code, 404)

    def test_a_slot_of_another_posting_cannot_be_booked(self):
        from callhire.base.models import Posting

        elsewhere = Posting.objects.create(employer=self.other, title="Other job", status="open")
        start = timezone.now() + timedelta(days=2)
        (foreign,) = interviews.slots_offer(elsewhere, [start], 30, time_zone="UTC")
        self.invite()
        self.assertEqual(self.book(foreign).status_code, 400)

    def test_the_page_speaks_malay(self):
        self.invite()
        r = self.client.get(f"/ms/status/{self.application.token}/interview/")
        self.assertContains(r, 'lang="ms"')
