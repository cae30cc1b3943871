from callhire.base.pipeline import posting_stages
from callhire.control.tests.pipeline_helpers import PipelineTestCase, make_application


class StageSettingsTestCase(PipelineTestCase):
    def setUp(self):
        self.url = f"/control/postings/{self.posting.pk}/stages/"
        self.form = {
            "label-applied": "Applied",
            "position-applied": "1",
            "label-screened": "Phone screen",
            "position-screened": "2",
            "label-assessment": "Assessment",
            "position-assessment": "4",
            "label-interview": "Interview",
            "position-interview": "3",
            "label-background_check": "Background check",
            "position-background_check": "5",
            "label-offer": "Offer",
            "position-offer": "6",
            "label-hired": "Hired",
            "position-hired": "7",
        }

    def keys(self):
        self.posting.refresh_from_db()
        return [s.key for s in posting_stages(self.posting, closed=False)]

    def test_it_renames_and_reorders(self):
        self.client.force_login(self.bob)
        self.assertContains(self.client.get(self.url), "Background check")
        r = self.client.post(self.url, self.form)
        self.assertRedirects(r, self.url)
        self.assertEqual(
            self.keys(), ["applied", "screened", "interview", "assessment", "background_check", "offer", "hired"]
        )
        self.assertEqual(self.posting.stages[1], {"key": "screened", "label": "Phone screen"})
        self.assertEqual(self.posting.stages[0], {"key": "applied"})  # a default name stays translatable

    def test_it_adds_a_stage_before_hired_or_where_told(self):
        self.client.force_login(self.alice)
        self.client.post(self.url, self.form | {"new_label": "Site visit"})
        self.assertEqual(self.keys()[-2:], ["site_visit", "hired"])
        self.client.post(
            self.url,
            self.form
            | {
                "label-site_visit": "Site visit",
                "position-site_visit": "6.5",
                "new_label": "Site visit",
                "new_position": "1.5",
            },
        )
        self.assertEqual(self.keys()[:3], ["applied", "site_visit_2", "screened"])

    def test_applied_and_hired_stay_at_the_ends(self):
        self.client.force_login(self.bob)
        self.client.post(
            self.url,
            self.form | {"position-applied": "99", "position-hired": "0", "new_label": "First", "new_position": "-5"},
        )
        keys = self.keys()
        self.assertEqual((keys[0], keys[1], keys[-1]), ("applied", "first", "hired"))

    def test_it_removes_an_empty_stage_but_not_one_holding_applications(self):
        make_application(self.posting, "Eli Tan", stage="offer")
        self.client.force_login(self.bob)
        r = self.client.post(self.url, self.form | {"remove-background_check": "on", "remove-offer": "on"}, follow=True)
        self.assertContains(r, "“Offer” still holds 1 application; move it to another stage first.")
        self.assertIn("background_check", self.keys())  # nothing saved while one removal is refused
        self.client.post(self.url, self.form | {"remove-background_check": "on"})
        self.assertNotIn("background_check", self.keys())
        self.assertIn("offer", self.keys())

    def test_the_reset_refuses_while_a_custom_stage_holds_applications(self):
        self.client.force_login(self.bob)
        self.client.post(self.url, self.form | {"new_label": "Site visit"})
        app = make_application(self.posting, "Eli Tan", stage="site_visit")
        r = self.client.post(f"{self.url}reset/", follow=True)
        self.assertContains(r, "1 application is in a stage the default does not have")
        self.assertIn("site_visit", self.keys())
        app.delete()
        self.client.post(f"{self.url}reset/")
        self.posting.refresh_from_db()
        self.assertEqual(self.posting.stages, [])

    def test_a_bad_position_is_reported(self):
        self.client.force_login(self.bob)
        r = self.client.post(self.url, self.form | {"position-offer": "soon"}, follow=True)
        self.assertContains(r, "A position must be a number.")

    def test_a_hiring_manager_gets_403_and_an_outsider_404(self):
        self.client.force_login(self.dana)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(f"{self.url}reset/").status_code, 403)
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url, self.form).status_code, 404)
        self.assertEqual(self.client.post(f"{self.url}reset/").status_code, 404)
