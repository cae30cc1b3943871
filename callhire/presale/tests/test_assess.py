import datetime
import json
import re

from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from callhire.base import assessing
from callhire.base.models import Application, Attempt, Invitation
from callhire.test import BaseTestCase, application_data


def passage_of(attempt):
    """Return the text of the passage a typing attempt shows."""
    return assessing.load_bank("typing").get(attempt.item_ids[0]).data["text"]


def json_post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


class AssessTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        self.app = Application.objects.get()
        self.invitation = Invitation.objects.get()
        self.base = f"/en/assess/{self.invitation.token}/"

    def start(self, section):
        self.client.get(self.base)
        self.client.post(self.base + f"{section}/start/")
        return Attempt.objects.get(application=self.app, section=section)

    def test_applying_sends_an_invitation_for_the_profiles_sections(self):
        # the profile asks for a speaking score, measured by the voice test
        self.assertEqual(self.invitation.sections, ["typing", "skills", "judgement", "work_style", "voice"])
        self.assertTrue(any(self.invitation.token in m.body for m in mail.outbox))
        status = self.client.get(f"/en/status/{self.app.token}/")
        self.assertContains(status, self.base)

    def test_the_link_is_bound_to_the_browser_that_starts_a_section(self):
        self.assertEqual(Client().get(self.base).status_code, 200)  # a mail scanner's look binds nothing
        self.start("typing")
        self.assertEqual(self.client.get(self.base).status_code, 200)
        other = Client()
        r = other.get(self.base)
        self.assertEqual(r.status_code, 403)
        self.assertContains(r, "already opened in another browser", status_code=403)
        self.assertEqual(other.post(self.base + "skills/start/").status_code, 403)

    def test_an_expired_link_is_refused(self):
        Invitation.objects.filter(pk=self.invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(1))
        self.assertEqual(self.client.get(self.base).status_code, 410)

    def test_an_unknown_link_is_not_found(self):
        self.assertEqual(self.client.get("/en/assess/nope/").status_code, 404)

    def test_each_section_has_instructions_and_a_practice_item(self):
        self.client.get(self.base)
        for section in ("typing", "skills", "judgement", "work_style"):
            r = self.client.get(self.base + f"{section}/")
            self.assertContains(r, "Practice item")
            self.assertContains(r, "Start the timed part")

    def test_the_page_never_holds_answer_keys(self):
        for section in ("skills", "judgement", "work_style"):
            attempt = self.start(section)
            html = self.client.get(self.base + f"{section}/take/").content.decode()
            bank = assessing.load_bank(section)
            for item_id in attempt.item_ids:
                item = next(i for i in bank.items if i.id == item_id)
                for secret in ("answer", "best", "worst", "rubric", "reverse", "trait"):
                    value = item.data.get(secret)
                    if isinstance(value, str) and len(value) > 3 and section != "work_style":
                        # an option id may be shown, but never marked as the key
                        self.assertNotIn(f'data-{secret}="{value}"', html)
            self.assertNotIn("rubric", html)
            self.assertNotIn("reverse", html)

    def test_typing_is_scored_into_measured_facts_and_screened_again(self):
        attempt = self.start("typing")
        passage = passage_of(attempt)
        Attempt.objects.filter(pk=attempt.pk).update(used_seconds=59)
        r = json_post(self.client, self.base + "typing/save/", {"answers": {"text": passage[:200]}, "finish": True})
        self.assertTrue(r.json()["finished"])
        attempt.refresh_from_db()
        self.assertEqual(attempt.state, "finished")
        self.app.refresh_from_db()
        self.assertEqual(self.app.fact_sources["typing_wpm"], "measured")
        self.assertEqual(self.app.fact_origins["typing_wpm"], "typing")
        self.assertGreater(self.app.facts["typing_wpm"], 30)
        typing = next(f for f in self.app.findings if f["key"] == "typing_wpm")
        self.assertEqual(typing["status"], "met")
        self.assertEqual(typing["origin"], "typing")
        done = self.client.get(self.base + "typing/done/")
        self.assertContains(done, 'id="net-wpm"')

    def test_one_attempt_unless_another_is_granted(self):
        attempt = self.start("judgement")
        json_post(self.client, self.base + "judgement/save/", {"finish": True})
        r = self.client.post(self.base + "judgement/start/")
        self.assertEqual(r.status_code, 403)
        assessing.attempt_grant(self.app, "judgement")
        r = self.client.post(self.base + "judgement/start/")
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Attempt.objects.filter(application=self.app, section="judgement").count(), 2)
        self.assertEqual(attempt.number, 1)

    def test_a_resumed_attempt_keeps_the_time_that_was_left(self):
        attempt = self.start("skills")
        json_post(self.client, self.base + "skills/save/", {})
        attempt.refresh_from_db()
        left = attempt.remaining_seconds()
        # The connection drops for ten minutes, then the candidate opens the page again.
        Attempt.objects.filter(pk=attempt.pk).update(last_seen=timezone.now() - datetime.timedelta(minutes=10))
        r = self.client.get(self.base + "skills/take/")
        self.assertEqual(r.status_code, 200)
        attempt.refresh_from_db()
        self.assertEqual(attempt.state, "started")
        self.assertGreaterEqual(attempt.remaining_seconds(), left - assessing.HEARTBEAT - 1)
        self.assertEqual(attempt.disconnects, 1)

    def test_the_server_ends_a_section_when_its_time_is_up(self):
        attempt = self.start("skills")
        first = attempt.item_ids[0]
        Attempt.objects.filter(pk=attempt.pk).update(used_seconds=attempt.limit_seconds + 60)
        r = json_post(self.client, self.base + "skills/save/", {"answers": {first: "late"}})
        self.assertTrue(r.json()["finished"])
        attempt.refresh_from_db()
        self.assertEqual(attempt.state, "finished")
        self.assertNotIn(first, attempt.answers)  # nothing is taken after the time

    def test_the_save_endpoint_refuses_another_browser(self):
        self.start("typing")
        r = json_post(Client(), self.base + "typing/save/", {"answers": {"text": "x"}})
        self.assertEqual(r.status_code, 403)

    def test_a_malformed_save_is_refused_clearly(self):
        self.start("typing")
        r = self.client.post(self.base + "typing/save/", "{not json", content_type="application/json")
        self.assertEqual(r.status_code, 400)

    def test_the_typing_test_warns_on_a_phone(self):
        self.client.get(self.base)
        phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"
        r = self.client.get(self.base + "typing/", HTTP_USER_AGENT=phone)
        self.assertContains(r, "needs a computer keyboard")

    def test_work_style_gives_bands_not_a_pass(self):
        attempt = self.start("work_style")
        answers = {item_id: 4 for item_id in attempt.item_ids}
        json_post(self.client, self.base + "work_style/save/", {"answers": answers, "finish": True})
        attempt.refresh_from_db()
        self.assertIsNone(attempt.score)
        self.assertTrue(set(attempt.result["bands"].values()) <= {"low", "medium", "high"})
        self.assertFalse(attempt.result["consistent"])  # straight-lining is flagged
        self.app.refresh_from_db()
        self.assertIn("personality", self.app.facts["assessments_completed"])

    def test_leaving_the_tab_is_recorded(self):
        self.start("skills")
        json_post(self.client, self.base + "skills/save/", {"tab_leaves": 2})
        self.assertEqual(Attempt.objects.get(section="skills").tab_leaves, 2)

    def test_the_take_page_has_no_key_in_its_markup(self):
        attempt = self.start("judgement")
        html = self.client.get(self.base + "judgement/take/").content.decode()
        self.assertIn('name="best__', html)
        self.assertIsNone(re.search(r"(correct|keyed|is_best)", html))
        self.assertEqual(len(attempt.item_ids), len(set(attempt.item_ids)))

    def test_applying_again_keeps_what_the_assessments_measured(self):
        attempt = self.start("typing")
        passage = passage_of(attempt)
        Attempt.objects.filter(pk=attempt.pk).update(used_seconds=59)
        json_post(self.client, self.base + "typing/save/", {"answers": {"text": passage[:200]}, "finish": True})
        data = application_data(q_education="bachelor", update_token=self.app.token)
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", data)
        self.app.refresh_from_db()
        self.assertEqual(self.app.facts["education"], "bachelor")
        self.assertEqual(self.app.fact_sources["typing_wpm"], "measured")
        self.assertGreater(self.app.facts["typing_wpm"], 30)

    def test_going_quiet_does_not_buy_time_without_end(self):
        attempt = self.start("typing")
        passage = passage_of(attempt)
        # The page stops saving for half an hour, then sends the whole passage at once.
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=timezone.now() - datetime.timedelta(minutes=30),
            last_seen=timezone.now() - datetime.timedelta(minutes=30),
        )
        r = json_post(self.client, self.base + "typing/save/", {"answers": {"text": passage}, "finish": True})
        self.assertTrue(r.json()["finished"])
        attempt.refresh_from_db()
        self.assertEqual(attempt.answers, {})  # nothing is taken after the time
        self.app.refresh_from_db()
        self.assertLess(self.app.facts.get("typing_wpm", 0), 200)

    def test_text_typed_off_the_clock_is_flagged_not_measured(self):
        attempt = self.start("typing")
        passage = passage_of(attempt)
        # Within the allowance: four minutes of silence, charged as a few seconds.
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=timezone.now() - datetime.timedelta(minutes=4),
            last_seen=timezone.now() - datetime.timedelta(minutes=4),
        )
        json_post(self.client, self.base + "typing/save/", {"answers": {"text": passage}, "finish": True})
        attempt.refresh_from_db()
        self.assertTrue(attempt.result["off_the_clock"])
        self.assertEqual(attempt.result["seconds"], float(attempt.limit_seconds))
        self.app.refresh_from_db()
        self.assertNotIn("typing_wpm", self.app.facts)

    def test_only_three_dropped_connections_are_forgiven(self):
        attempt = self.start("skills")
        for _ in range(4):
            Attempt.objects.filter(pk=attempt.pk).update(last_seen=timezone.now() - datetime.timedelta(seconds=40))
            json_post(self.client, self.base + "skills/save/", {})
        attempt.refresh_from_db()
        self.assertEqual(attempt.disconnects, 3)
        self.assertGreater(attempt.used_seconds, 40)

    def test_answers_of_the_wrong_shape_are_ignored(self):
        attempt = self.start("skills")
        first = attempt.item_ids[0]
        r = json_post(self.client, self.base + "skills/save/", {"answers": {first: 5}, "finish": True})
        self.assertTrue(r.json()["finished"])
        attempt.refresh_from_db()
        self.assertNotIn(first, attempt.answers)
