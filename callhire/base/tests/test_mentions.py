from django.contrib.auth.models import User
from django.core import mail

from callhire.base import mentions
from callhire.base.models import Membership
from callhire.base.pipeline import note_add, stage_move
from callhire.control import access
from callhire.control.tests.pipeline_helpers import make_application
from callhire.test import BaseTestCase


class MentionEmailsTestCase(BaseTestCase):
    def setUp(self):
        self.dee = make_application(self.posting, "Dee Lim")
        self.dana = User.objects.create_user("dana", "dana@acme.test", "password")
        Membership.objects.create(user=self.dana, employer=self.acme, role=Membership.Role.HIRING_MANAGER)

    def test_it_emails_each_mentioned_teammate_with_a_link(self):
        with self.captureOnCommitCallbacks(execute=True):
            note_add(self.dee, self.bob, "@alice and @alice@acme.test: have a look")
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        self.assertEqual(message.to, ["alice@acme.test"])
        self.assertIn("mentioned you in a note on Dee Lim", message.subject)
        self.assertIn("have a look", message.body)
        self.assertIn(f"/control/applications/{self.dee.pk}/", message.body)

    def test_nobody_outside_the_team_is_mentioned_or_emailed(self):
        with self.captureOnCommitCallbacks(execute=True):
            note = note_add(self.dee, self.bob, "@charlie @charlie@other.test @bob")
        self.assertEqual(list(note.mentions.all()), [self.bob])
        self.assertEqual(mail.outbox, [])  # the author is not told about their own note

    def test_a_hiring_manager_is_told_only_about_a_shortlisted_candidate(self):
        with self.captureOnCommitCallbacks(execute=True):
            note_add(self.dee, self.bob, "@dana")
        self.assertEqual(mail.outbox, [])
        stage_move(self.dee, "interview", user=self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            note_add(self.dee, self.bob, "@dana ready for you")
        self.assertEqual([m.to for m in mail.outbox], [["dana@acme.test"]])

    def test_a_stage_the_team_added_after_the_interview_is_on_the_shortlist(self):
        self.posting.stages = [{"key": k} for k in ("applied", "interview", "panel", "offer", "hired")]
        self.posting.save(update_fields=["stages"])
        self.dee.refresh_from_db()  # and its posting with the new stages
        stage_move(self.dee, "panel", user=self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            note_add(self.dee, self.bob, "@dana see the panel notes")
        self.assertEqual([m.to for m in mail.outbox], [["dana@acme.test"]])
        self.assertIn(self.dee, access.applications_for(self.dana))

    def test_a_note_erased_before_the_task_runs_sends_nothing(self):
        self.assertEqual(mentions.mention_emails_send(999_999), 0)
