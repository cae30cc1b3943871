from callhire.base import services
from callhire.base.models import Application
from callhire.test import BaseTestCase


class ApplicationScreenTestCase(BaseTestCase):
    def screen(self, facts, sources=None):
        app = Application.objects.create(
            posting=self.posting, name="Dee", email="dee@example.com", facts=facts, fact_sources=sources or {}
        )
        return services.application_screen(app)

    def test_it_stores_the_verdict_with_the_profile_version_it_used(self):
        app = self.screen({"age_years": 17})
        app.refresh_from_db()
        self.assertEqual(app.verdict, "not_qualified")
        self.assertEqual(app.profile_version, self.posting.current_version())

    def test_it_explains_every_requirement_in_english_and_malay(self):
        app = self.screen({"age_years": 17})
        keys = [f["key"] for f in app.findings]
        self.assertEqual(keys, [r.key for r in self.posting.current_version().profile().rules])
        age = app.findings[0]
        self.assertEqual(age["status"], "not_met")
        self.assertIn("18", age["reason_en"])
        self.assertIn("tahun", age["reason_ms"])

    def test_a_candidate_meeting_everything_measured_is_qualified(self):
        facts = {
            "age_years": True,
            "education": "bachelor",
            "work_authorization": True,
            "speaking_score": 80,
            "background_check_passed": True,
            "assessments_completed": ["personality", "skills", "voice"],
            "computer_skills": ["email", "data_entry"],
            "typing_wpm": 45,
            "availability": {"weekends": True},
        }
        sources = {
            "speaking_score": "measured",
            "assessments_completed": "measured",
            "typing_wpm": "measured",
            "background_check_passed": "verified",
        }
        app = self.screen(facts, sources)
        self.assertEqual(app.verdict, "qualified")
        self.assertEqual(app.score, 0)  # no preferred experience stated
