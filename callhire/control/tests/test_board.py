from datetime import timedelta

from django.core import mail
from django.utils import timezone

from callhire.base.models import Application, StageMove
from callhire.control import board
from callhire.control.tests.pipeline_helpers import PipelineTestCase, make_application


class BoardTestCase(PipelineTestCase):
    def setUp(self):
        self.dee = make_application(self.posting, "Dee Lim", score=80, stage_changed=timezone.now() - timedelta(days=3))
        self.eli = make_application(self.posting, "Eli Tan", stage="interview", score=60)
        self.fay = make_application(self.posting, "Fay Ong", stage="rejected", rejection_reason="other")
        self.url = f"/control/postings/{self.posting.pk}/board/"

    def test_it_shows_columns_with_counts_cards_and_closed_counts(self):
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, 'data-stage="applied"')
        self.assertContains(r, "Dee Lim")
        self.assertContains(r, "3 days in stage")
        self.assertContains(r, 'data-count="applied">1<')
        self.assertContains(r, 'data-count="interview">1<')
        self.assertContains(r, 'data-count="rejected">1<')
        self.assertNotContains(r, "Fay Ong")  # rejected shows as a count, not as cards
        self.assertContains(r, 'draggable="true"')
        self.assertContains(r, '<option value="interview" selected>Interview</option>', count=1)  # Eli's card
        self.assertContains(r, "board.js")

    def test_a_hiring_manager_sees_only_the_shortlist_and_cannot_move(self):
        self.client.force_login(self.dana)
        r = self.client.get(self.url)
        self.assertContains(r, "Eli Tan")
        self.assertNotContains(r, "Dee Lim")
        self.assertNotContains(r, "Move to")
        r = self.client.post(f"/control/applications/{self.eli.pk}/move/", {"stage": "offer"})
        self.assertEqual(r.status_code, 403)
        r = self.client.post(f"/control/applications/{self.dee.pk}/move/", {"stage": "offer"})
        self.assertEqual(r.status_code, 404)

    def test_it_caps_each_column_and_links_to_the_list(self):
        self.client.force_login(self.bob)
        old = board.CARDS_PER_COLUMN
        board.CARDS_PER_COLUMN = 1
        try:
            make_application(self.posting, "Gus Lee", score=10)
            r = self.client.get(self.url)
        finally:
            board.CARDS_PER_COLUMN = old
        self.assertContains(r, "Dee Lim")
        self.assertNotContains(r, "Gus Lee")
        self.assertContains(r, f"/control/postings/{self.posting.pk}/applications/?stage=applied")
        self.assertContains(r, "Show all 2 in the list")

    def test_a_big_column_counts_up_to_the_cap(self):
        self.client.force_login(self.bob)
        old = board.COUNT_CAP
        board.COUNT_CAP = 1
        try:
            make_application(self.posting, "Gus Lee", score=10)
            r = self.client.get(self.url)
        finally:
            board.COUNT_CAP = old
        self.assertContains(r, 'data-count="applied">1+<')
        self.assertContains(r, 'data-count="interview">1<')

    def test_the_move_form_moves_and_records_who_and_why(self):
        self.client.force_login(self.bob)
        r = self.client.post(
            f"/control/applications/{self.dee.pk}/move/",
            {"stage": "screened", "note": "Good call", "next": f"{self.url}#card-{self.dee.pk}"},
        )
        self.assertRedirects(r, f"{self.url}#card-{self.dee.pk}", fetch_redirect_response=False)
        self.dee.refresh_from_db()
        self.assertEqual(self.dee.stage, "screened")
        move = self.dee.stage_moves.last()
        self.assertEqual(
            (move.from_stage, move.to_stage, move.user, move.note), ("applied", "screened", self.bob, "Good call")
        )
        self.assertEqual(move.cause, StageMove.Cause.MANUAL)

    def test_a_move_by_script_answers_json_with_the_new_counts(self):
        self.client.force_login(self.bob)
        r = self.client.post(
            f"/control/applications/{self.dee.pk}/move/", {"stage": "interview"}, HTTP_ACCEPT="application/json"
        )
        data = r.json()
        self.assertTrue(data["ok"])
        self.assertEqual(data["stage"], "interview")
        self.assertEqual(data["counts"]["interview"], "2")
        self.assertEqual(data["counts"]["applied"], "0")
        self.assertEqual(data["counts"]["rejected"], "1")

    def test_rejecting_needs_a_reason(self):
        self.client.force_login(self.bob)
        url = f"/control/applications/{self.dee.pk}/move/"
        r = self.client.post(url, {"stage": "rejected"}, HTTP_ACCEPT="application/json")
        self.assertEqual(r.status_code, 400)
        self.assertIn("Say why", r.json()["error"])
        r = self.client.post(url, {"stage": "rejected", "next": self.url})
        self.assertRedirects(r, f"/control/applications/{self.dee.pk}/#move", fetch_redirect_response=False)
        self.dee.refresh_from_db()
        self.assertEqual(self.dee.stage, "applied")
        r = self.client.post(url, {"stage": "rejected", "reason": "position_filled", "notify": "on"})
        self.dee.refresh_from_db()
        self.assertEqual((self.dee.stage, self.dee.rejection_reason), ("rejected", "position_filled"))
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(self.dee.emails.get().kind, "rejection")

    def test_an_unknown_stage_is_refused_with_a_message(self):
        self.client.force_login(self.bob)
        r = self.client.post(f"/control/applications/{self.dee.pk}/move/", {"stage": "nowhere"}, follow=True)
        self.assertContains(r, "is not a stage of this posting")
        self.dee.refresh_from_db()
        self.assertEqual(self.dee.stage, "applied")

    def test_next_cannot_send_the_recruiter_off_site(self):
        self.client.force_login(self.bob)
        r = self.client.post(
            f"/control/applications/{self.dee.pk}/move/", {"stage": "screened", "next": "https://evil.example/"}
        )
        self.assertRedirects(r, f"/control/applications/{self.dee.pk}/", fetch_redirect_response=False)

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        r = self.client.post(f"/control/applications/{self.dee.pk}/move/", {"stage": "screened"})
        self.assertEqual(r.status_code, 404)
        self.assertEqual(Application.objects.get(pk=self.dee.pk).stage, "applied")

    def test_it_asks_a_visitor_to_log_in(self):
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 302)
        self.assertIn("/control/login/", r["Location"])
