from django.core import mail
from django.core.cache import cache

from callhire.base import pipeline, services
from callhire.base.models import Application, StageMove
from callhire.test import BaseTestCase, application_data


class PipelineTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        self.app = Application.objects.get()

    def test_applying_records_the_first_stage(self):
        move = self.app.stage_moves.get()
        self.assertEqual((move.from_stage, move.to_stage, move.cause), ("", "applied", "candidate"))

    def test_a_move_records_who_when_from_to_and_why(self):
        move = pipeline.stage_move(self.app, "interview", user=self.bob, note="Strong phone manner")
        self.assertEqual(
            (move.from_stage, move.to_stage, move.user, move.note),
            ("applied", "interview", self.bob, "Strong phone manner"),
        )
        self.app.refresh_from_db()
        self.assertEqual(self.app.stage, "interview")
        self.assertEqual(self.app.stage_changed, move.created)

    def test_moving_to_the_same_stage_records_nothing(self):
        self.assertIsNone(pipeline.stage_move(self.app, "applied", user=self.bob))
        self.assertEqual(self.app.stage_moves.count(), 1)

    def test_a_rejection_needs_a_known_reason(self):
        with self.assertRaises(pipeline.StageError):
            pipeline.stage_move(self.app, "rejected", user=self.bob)
        pipeline.stage_move(self.app, "rejected", user=self.bob, reason="position_filled")
        self.app.refresh_from_db()
        self.assertEqual((self.app.stage, self.app.rejection_reason), ("rejected", "position_filled"))

    def test_a_stage_the_posting_lacks_is_refused(self):
        self.posting.stages = pipeline.clean_stages([{"key": "applied"}, {"key": "offer"}, {"key": "hired"}])
        self.posting.save()
        with self.assertRaises(pipeline.StageError):
            pipeline.stage_move(self.app, "interview", user=self.bob)

    def test_a_posting_can_rename_and_add_stages(self):
        self.posting.stages = pipeline.clean_stages(
            [{"key": "applied", "label": "New"}, {"key": "role_play", "label": "Role play"}, {"key": "hired"}]
        )
        self.posting.save()
        keys = [s.key for s in pipeline.posting_stages(self.posting)]
        self.assertEqual(keys, ["applied", "role_play", "hired", "rejected", "withdrawn"])
        pipeline.stage_move(self.app, "role_play", user=self.bob)
        self.assertEqual(Application.objects.get().get_stage_display(), "Role play")

    def test_a_stage_list_must_start_applied_end_hired_and_not_repeat(self):
        for entries in (
            [{"key": "screened"}, {"key": "hired"}],
            [{"key": "applied"}, {"key": "offer"}],
            [{"key": "applied"}, {"key": "offer"}, {"key": "offer"}, {"key": "hired"}],
            [{"key": "applied"}, {"key": "Bad Key"}, {"key": "hired"}],
            [{"key": "applied"}, {"key": "rejected"}, {"key": "hired"}],
        ):
            with self.subTest(entries=entries), self.assertRaises(pipeline.StageError):
                pipeline.clean_stages(entries)

    def test_withdrawing_and_coming_back_are_moves_by_the_candidate(self):
        pipeline.stage_move(self.app, "interview", user=self.bob)
        services.application_withdraw(self.app)
        self.app.refresh_from_db()
        self.assertEqual(self.app.stage, "withdrawn")
        self.assertIsNotNone(self.app.withdrawn_at)
        data = application_data()
        self.client.post(
            f"/en/jobs/acme/{self.posting.pk}-x/apply/?token={self.app.token}", data | {"owner_token": self.app.token}
        )
        moves = list(self.app.stage_moves.values_list("from_stage", "to_stage", "cause"))
        self.assertEqual(moves[2], ("interview", "withdrawn", "candidate"))

    def test_updating_answers_keeps_the_stage(self):
        pipeline.stage_move(self.app, "interview", user=self.bob)
        services.application_submit(
            self.posting,
            name="Dee Lim",
            email=self.app.email,
            facts=self.app.facts,
            consent_version="1",
            submission_key=__import__("uuid").uuid4(),
            owner_token=self.app.token,
        )
        self.app.refresh_from_db()
        self.assertEqual(self.app.stage, "interview")

    def test_a_note_mentions_teammates_by_email_or_handle(self):
        note = pipeline.note_add(self.app, self.bob, "@alice please call; cc @bob@acme.test and @charlie")
        self.assertEqual(set(note.mentions.all()), {self.alice, self.bob})  # charlie is not on the team

    def test_an_empty_note_is_refused(self):
        with self.assertRaises(ValueError):
            pipeline.note_add(self.app, self.bob, "   ")


class EmailLogTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        self.app = Application.objects.get()

    def test_every_email_to_the_candidate_is_logged(self):
        self.assertEqual(list(self.app.emails.values_list("kind", flat=True)), ["submitted"])
        self.assertEqual(self.app.emails.get().to, "dee@example.com")

    def test_a_rejection_uses_the_employers_wording_in_the_candidates_language(self):
        from callhire.base import emails
        from callhire.base.models import EmailTemplate

        EmailTemplate.objects.create(
            employer=self.acme,
            kind="rejection",
            language="en",
            subject="About {posting}",
            body="Hi {candidate_name} {link} {unknown}",
        )
        mail.outbox.clear()
        entry = emails.template_send(self.app, "rejection", user=self.bob)
        self.assertEqual(entry.subject, "About Inbound Customer Service Agent")
        self.assertIn("Hi Dee Lim http://", entry.body)
        self.assertIn("{unknown}", entry.body)  # unknown braces stay as written
        self.assertEqual(mail.outbox[0].subject, entry.subject)
        self.assertEqual(entry.sent_by, self.bob)

    def test_the_default_wording_speaks_malay_to_a_malay_candidate(self):
        from callhire.base import emails

        self.app.language = "ms"
        subject, _body = emails.template_render(self.app, "rejection")
        self.assertNotIn("Your application", subject)

    def test_a_template_with_an_unknown_placeholder_is_refused(self):
        from callhire.base import emails

        with self.assertRaises(ValueError):
            emails.check_template("Hello {name}", "")
        emails.check_template("Hello {candidate_name}", "{link}")

    def test_a_mail_server_failure_is_logged_not_raised(self):
        from callhire.base import emails

        with self.settings(EMAIL_BACKEND="callhire.base.tests.test_pipeline.FailingBackend"):
            entry = emails.email_send(self.app, "s", "b", kind="test")
        self.assertIn("refused", entry.error)
        self.assertEqual(StageMove.objects.count(), 1)


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")
