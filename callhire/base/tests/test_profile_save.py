from callhire.base import services
from callhire.base.models import Application, Posting, ProfileVersion
from callhire.screening.profile import ProfileError
from callhire.test import BaseTestCase, demo_document


class ProfileSaveTestCase(BaseTestCase):
    def test_the_first_save_makes_version_one(self):
        version = self.posting.current_version()
        self.assertEqual(version.number, 1)
        self.assertEqual(version.document["title"], "Inbound Customer Service Agent")

    def test_it_edits_a_draft_in_place_while_nobody_was_screened(self):
        draft = Posting.objects.create(employer=self.acme, title="Draft", status="draft")
        services.profile_save(draft, demo_document("inbound-office.yaml"))
        doc = demo_document("inbound-office.yaml")
        doc["requirements"]["typing_wpm"]["value"] = 40
        version = services.profile_save(draft, doc, user=self.alice)
        self.assertEqual(version.number, 1)
        self.assertEqual(ProfileVersion.objects.filter(posting=draft).count(), 1)
        self.assertEqual(version.document["requirements"]["typing_wpm"]["value"], 40)

    def test_an_open_posting_keeps_the_version_candidates_may_be_applying_against(self):
        doc = demo_document("inbound-office.yaml")
        doc["requirements"]["typing_wpm"]["value"] = 40
        version = services.profile_save(self.posting, doc, user=self.alice)
        self.assertEqual(version.number, 2)
        first = ProfileVersion.objects.get(posting=self.posting, number=1)
        self.assertEqual(first.document["requirements"]["typing_wpm"]["value"], 30)

    def test_it_makes_a_new_version_once_an_application_used_the_profile(self):
        app = Application.objects.create(posting=self.posting, name="Dee", email="dee@example.com", facts={})
        services.application_screen(app)
        doc = demo_document("inbound-office.yaml")
        doc["requirements"]["typing_wpm"]["value"] = 40
        version = services.profile_save(self.posting, doc, user=self.alice)
        self.assertEqual(version.number, 2)
        app.refresh_from_db()
        self.assertEqual(app.profile_version.number, 1)
        self.assertEqual(app.profile_version.document["requirements"]["typing_wpm"]["value"], 30)

    def test_an_invalid_profile_saves_nothing(self):
        doc = demo_document("inbound-office.yaml")
        doc["requirements"]["typing_wpm"]["value"] = "fast"
        with self.assertRaises(ProfileError) as ctx:
            services.profile_save(self.posting, doc)
        self.assertIn("requirements.typing_wpm.value", str(ctx.exception))
        self.assertEqual(self.posting.current_version().document["requirements"]["typing_wpm"]["value"], 30)

    def test_it_keeps_the_posting_arrangement_in_step_with_the_profile(self):
        services.profile_save(self.posting, demo_document("home-contractor.yaml"))
        self.posting.refresh_from_db()
        self.assertEqual(self.posting.arrangement, "remote")
