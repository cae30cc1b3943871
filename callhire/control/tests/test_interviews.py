from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from callhire.base import interviews
from callhire.base.models import Application, InterviewSlot, Membership
from callhire.test import BaseTestCase

KL = ZoneInfo("Asia/Kuala_Lumpur")


class InterviewViewsTestCase(BaseTestCase):
    def setUp(self):
        self.day = (timezone.now() + timedelta(days=5)).astimezone(KL).date()
        self.application = Application.objects.create(posting=self.posting, name="Dee Lim", email="dee@example.com")
        self.url = f"/control/postings/{self.posting.pk}/interviews/"

    def offer(self, *hours):
        starts = [datetime(self.day.year, self.day.month, self.day.day, h, tzinfo=KL) for h in hours]
        return interviews.slots_offer(self.posting, starts, 45, time_zone="Asia/Kuala_Lumpur", interviewers=[self.bob])

    def booked(self):
        slot = self.offer(9)[0]
        interviews.interview_invite(self.application, user=self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            return interviews.interview_book(self.application, slot)

    def test_the_recruiter_offers_several_times_at_once(self):
        self.client.force_login(self.bob)
        data = {
            "date": self.day.isoformat(),
            "times": "09:00, 9:45 14.00",
            "minutes": "45",
            "time_zone": "Asia/Kuala_Lumpur",
            "location": "Level 3, Menara Acme",
            "interviewers": [str(self.alice.pk), str(self.bob.pk)],
        }
        r = self.client.post(self.url, data)
        self.assertRedirects(r, self.url)
        slots = list(InterviewSlot.objects.order_by("start"))
        self.assertEqual(len(slots), 3)
        self.assertEqual(timezone.localtime(slots[1].start, KL).strftime("%H:%M"), "09:45")
        self.assertEqual(slots[0].minutes(), 45)
        self.assertEqual(set(slots[0].interviewers.all()), {self.alice, self.bob})
        r = self.client.get(self.url)
        self.assertContains(r, "09:45–10:30")
        self.assertContains(r, "free", count=3)

    def test_bad_times_are_explained_and_nothing_is_offered(self):
        self.client.force_login(self.bob)
        data = {"date": self.day.isoformat(), "times": "9am", "minutes": "30", "time_zone": "Asia/Kuala_Lumpur"}
        r = self.client.post(self.url, data)
        self.assertContains(r, "is not a time like 09:30", status_code=400)
        data.update(times="09:00", date="2001-01-01")
        r = self.client.post(self.url, data)
        self.assertContains(r, "must be in the future", status_code=400)
        data.update(date=self.day.isoformat(), interviewers=[str(self.charlie.pk)])
        self.assertEqual(self.client.post(self.url, data).status_code, 400)
        self.assertFalse(InterviewSlot.objects.exists())

    def test_a_free_slot_can_be_taken_back_but_not_a_booked_one(self):
        free, taken = self.offer(10)[0], self.booked().slot
        self.client.force_login(self.bob)
        self.client.post(f"{self.url}{free.pk}/withdraw/")
        self.client.post(f"{self.url}{taken.pk}/withdraw/")
        free.refresh_from_db()
        taken.refresh_from_db()
        self.assertEqual((free.withdrawn, taken.withdrawn), (True, False))

    def test_the_recruiter_invites_from_the_candidate_page(self):
        self.offer(9)
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/applications/{self.application.pk}/")
        self.assertContains(r, "Invite to pick an interview time")
        self.client.post(f"/control/applications/{self.application.pk}/interviews/invite/")
        self.assertEqual(self.application.interviews.get().state, "invited")
        self.assertEqual(len(mail.outbox), 1)
        r = self.client.get(self.url)
        self.assertContains(r, "Invited, still to pick a time")

    def test_bookings_show_on_the_posting_and_the_calendar(self):
        self.booked()
        self.client.force_login(self.bob)
        self.assertContains(self.client.get(self.url), "Dee Lim")
        r = self.client.get("/control/interviews/")
        self.assertContains(r, "Dee Lim")
        self.assertContains(r, "09:00–09:45")
        self.client.force_login(self.charlie)
        self.assertNotContains(self.client.get("/control/interviews/"), "Dee Lim")

    def test_the_recruiter_moves_and_cancels_an_interview(self):
        interview = self.booked()
        later = self.offer(15)[0]
        self.client.force_login(self.bob)
        base = f"/control/applications/{self.application.pk}/interviews/{interview.pk}/"
        self.assertContains(self.client.get(base + "move/"), "15:00")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(base + "move/", {"slot": later.pk})
        interview.refresh_from_db()
        self.assertEqual((interview.slot, interview.sequence), (later, 1))
        r = self.client.post(base + "move/", {"slot": "nope"})
        self.assertEqual(r.status_code, 409)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(base + "cancel/", {"reason": "Role filled"})
        interview.refresh_from_db()
        self.assertEqual((interview.state, interview.cancel_reason), ("cancelled", "Role filled"))
        self.assertContains(self.client.get(f"/control/applications/{self.application.pk}/"), "Role filled")

    def test_the_team_downloads_the_calendar_file(self):
        interview = self.booked()
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/applications/{self.application.pk}/interviews/{interview.pk}/ics/")
        self.assertEqual(r["Content-Type"], "text/calendar; charset=utf-8")
        (event,) = Calendar.from_ical(r.content).walk("VEVENT")
        self.assertEqual(str(event["UID"]), interview.uid)

    def test_a_hiring_manager_gives_feedback_after_the_interview(self):
        interview = self.booked()
        InterviewSlot.objects.filter(pk=interview.slot_id).update(
            start=timezone.now() - timedelta(hours=2), end=timezone.now() - timedelta(hours=1)
        )
        manager = User.objects.create_user("hm@acme.test", "hm@acme.test", "password")
        Membership.objects.create(user=manager, employer=self.acme, role=Membership.Role.HIRING_MANAGER)
        self.client.force_login(manager)
        r = self.client.get(f"/control/applications/{self.application.pk}/")
        self.assertContains(r, "Give feedback")
        self.assertNotContains(r, "Cancel the interview")
        self.assertNotContains(r, "Invite to pick an interview time")
        url = f"/control/applications/{self.application.pk}/interviews/{interview.pk}/feedback/"
        r = self.client.post(url, {"rating": "9"})
        self.assertEqual(r.status_code, 400)
        r = self.client.post(url, {"rating": "4", "notes": "Calm with an angry caller."})
        self.assertRedirects(r, f"/control/applications/{self.application.pk}/", fetch_redirect_response=False)
        interview.refresh_from_db()
        self.assertEqual((interview.rating, interview.feedback_by, interview.state), (4, manager, "done"))
        # A hiring manager may not cancel or move: that is the recruiters' work.
        r = self.client.post(f"/control/applications/{self.application.pk}/interviews/{interview.pk}/cancel/")
        self.assertEqual(r.status_code, 403)

    def test_an_outsider_gets_404_everywhere(self):
        interview = self.booked()
        slot = self.offer(16)[0]
        self.client.force_login(self.charlie)
        app = f"/control/applications/{self.application.pk}/interviews/"
        for url in [
            self.url,
            f"{app}{interview.pk}/move/",
            f"{app}{interview.pk}/feedback/",
            f"{app}{interview.pk}/ics/",
        ]:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        for url in [f"{self.url}{slot.pk}/withdraw/", f"{app}invite/", f"{app}{interview.pk}/cancel/"]:
            self.assertEqual(self.client.post(url).status_code, 404, url)
        interview.refresh_from_db()
        self.assertEqual(interview.state, "booked")

    def test_an_interview_of_another_application_is_not_found(self):
        interview = self.booked()
        other = Application.objects.create(posting=self.posting, name="Eve", email="eve@example.com")
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/applications/{other.pk}/interviews/{interview.pk}/move/")
        self.assertEqual(r.status_code, 404)
