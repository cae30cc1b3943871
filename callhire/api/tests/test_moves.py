from callhire.api.tests.base import ApiTestCase
from callhire.base.models import StageMove
from callhire.base.signals import application_stage_changed


class MovesTestCase(ApiTestCase):
    def url(self, application=None):
        return f"/api/v1/applications/{(application or self.dee).pk}/moves/"

    def test_it_lists_the_moves(self):
        r = self.api("get", self.url())
        self.assertEqual(r.status_code, 200)
        moves = r.json()["results"]
        self.assertEqual([(m["from_stage"], m["to_stage"]) for m in moves], [("", "applied")])

    def test_it_moves_an_application_through_the_pipeline_service(self):
        sent = []
        application_stage_changed.connect(lambda **kw: sent.append(kw["move"]), weak=False, dispatch_uid="t-moves")
        self.addCleanup(application_stage_changed.disconnect, dispatch_uid="t-moves")
        r = self.api("post", self.url(), {"to_stage": "screened", "note": "Called her"})
        self.assertEqual(r.status_code, 201, r.content)
        body = r.json()
        self.assertEqual((body["from_stage"], body["to_stage"], body["cause"]), ("applied", "screened", "api"))
        self.assertEqual(body["user"], "alice@acme.test")  # the admin who issued the token answers for it
        self.dee.refresh_from_db()
        self.assertEqual(self.dee.stage, "screened")
        self.assertEqual(len(sent), 1)

    def test_a_move_to_the_same_stage_is_a_conflict(self):
        r = self.api("post", self.url(), {"to_stage": "applied"})
        self.assertEqual(r.status_code, 409)
        self.assertEqual(StageMove.objects.filter(application=self.dee).count(), 1)

    def test_it_refuses_a_stage_the_posting_does_not_have(self):
        r = self.api("post", self.url(), {"to_stage": "party"})
        self.assertEqual(r.status_code, 400)
        self.assertIn("party", r.json()["errors"]["to_stage"][0])
        self.assertIn("screened", r.json()["detail"])

    def test_a_rejection_needs_a_known_reason(self):
        r = self.api("post", self.url(), {"to_stage": "rejected", "reason": "vibes"})
        self.assertEqual(r.status_code, 400)
        self.assertIn("not_qualified", r.json()["errors"]["reason"][0])
        r = self.api("post", self.url(), {"to_stage": "rejected", "reason": "position_filled"})
        self.assertEqual(r.status_code, 201)
        self.dee.refresh_from_db()
        self.assertEqual(self.dee.rejection_reason, "position_filled")

    def test_another_employers_application_cannot_be_moved(self):
        r = self.api("post", self.url(self.theirs), {"to_stage": "screened"})
        self.assertEqual(r.status_code, 404)
        self.assertEqual(self.api("get", self.url(self.theirs)).status_code, 404)
        self.theirs.refresh_from_db()
        self.assertEqual(self.theirs.stage, "applied")

    def test_a_read_only_token_cannot_move(self):
        r = self.api("post", self.url(), {"to_stage": "screened"}, secret=self.reader_secret)
        self.assertEqual(r.status_code, 403)
