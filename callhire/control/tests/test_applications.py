from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from callhire.base import assessing
from callhire.base.models import Application, Attempt
from callhire.test import BaseTestCase, application_data, make_pdf


class ApplicationPagesTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        cv = SimpleUploadedFile("cv.pdf", make_pdf("Dee retail"))
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data(cv=cv))
        self.app = Application.objects.get()

    def test_the_recruiter_lists_and_opens_applications(self):
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/postings/{self.posting.pk}/applications/?sort=score")
        self.assertContains(r, "Dee Lim")
        r = self.client.get(f"/control/applications/{self.app.pk}/")
        self.assertContains(r, "Needs review")
        self.assertContains(r, "Typing speed")
        self.assertContains(r, "Dee retail")
        r = self.client.get(f"/control/applications/{self.app.pk}/cv/")
        self.assertEqual(b"".join(r.streaming_content)[:5], b"%PDF-")

    def test_results_show_with_detail_flags_and_norms(self):
        invitation = self.app.invitations.get()
        attempt = assessing.attempt_start(invitation, "judgement", "en")
        assessing.attempt_save(attempt, {"tab_leaves": 3, "finish": True})
        self.client.force_login(self.alice)
        r = self.client.get(f"/control/applications/{self.app.pk}/")
        self.assertContains(r, "Left the page 3 times.")
        self.assertContains(r, "Item by item")
        self.assertContains(r, "Allow another attempt")
        self.client.post(f"/control/applications/{self.app.pk}/grant/judgement/")
        self.app.refresh_from_db()
        self.assertEqual(self.app.attempts_granted, {"judgement": 1})

    def test_the_recruiter_can_invite_and_set_the_sections(self):
        self.client.force_login(self.alice)
        data = {"sections": ["typing"], "typing_minutes": 3, "math": 50, "writing": 50, "computer": 50}
        self.client.post(f"/control/postings/{self.posting.pk}/assessments/", data)
        self.posting.refresh_from_db()
        self.assertEqual(assessing.assessment_config(self.posting)["sections"], ["typing"])
        self.assertFalse(assessing.assessment_config(self.posting)["auto_invite"])
        self.client.post(f"/control/applications/{self.app.pk}/invite/")
        self.assertEqual(self.app.invitations.first().sections, ["typing"])
        attempt = assessing.attempt_start(self.app.invitations.first(), "typing", "en")
        self.assertEqual(attempt.limit_seconds, 180)

    def test_the_written_reply_score_can_be_overridden(self):
        invitation = self.app.invitations.get()
        attempt = assessing.attempt_start(invitation, "skills", "en")
        attempt = assessing.attempt_save(attempt, {"finish": True})
        self.client.force_login(self.alice)
        self.client.post(f"/control/applications/{self.app.pk}/attempts/{attempt.pk}/review/", {"score": 90})
        attempt.refresh_from_db()
        self.assertEqual(attempt.reviewed_score, 90)

    def test_an_outsider_gets_404_everywhere(self):
        attempt = Attempt.objects.filter(application=self.app).first()
        self.client.force_login(self.charlie)
        urls = [
            f"/control/postings/{self.posting.pk}/applications/",
            f"/control/postings/{self.posting.pk}/assessments/",
            f"/control/applications/{self.app.pk}/",
            f"/control/applications/{self.app.pk}/cv/",
        ]
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        posts = [
            f"/control/applications/{self.app.pk}/invite/",
            f"/control/applications/{self.app.pk}/grant/typing/",
            f"/control/applications/{self.app.pk}/attempts/{attempt.pk if attempt else 1}/review/",
            f"/control/postings/{self.posting.pk}/assessments/",
        ]
        for url in posts:
            self.assertEqual(self.client.post(url, {"score": 1}).status_code, 404, url)

    def test_a_bulk_action_invites_the_selected_candidates(self):
        import uuid

        self.client.force_login(self.bob)
        before = self.app.invitations.count()
        form = {"action": "invite", "selected": [self.app.pk], "key": str(uuid.uuid4())}
        r = self.client.post(f"/control/postings/{self.posting.pk}/applications/bulk/?sort=score", form)
        job = self.posting.jobs.get(kind="invite")
        self.assertRedirects(r, f"/control/jobs/{job.pk}/")
        self.assertEqual(self.app.invitations.count(), before + 1)
        self.client.force_login(self.charlie)
        form["key"] = str(uuid.uuid4())
        r = self.client.post(f"/control/postings/{self.posting.pk}/applications/bulk/", form)
        self.assertEqual(r.status_code, 404)
        self.assertEqual(self.app.invitations.count(), before + 1)
