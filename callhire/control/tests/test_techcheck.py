from django.core.cache import cache

from callhire.base import techcheck
from callhire.base.tests.techcheck import CHROME_WINDOWS, figures, home_application, home_posting, served
from callhire.test import BaseTestCase


class RecruiterTechCheckTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = home_posting(cls.acme)

    def setUp(self):
        cache.clear()
        self.application = home_application(self.home)
        self.url = f"/control/applications/{self.application.pk}/"

    def test_the_recruiter_sees_each_run_against_the_thresholds(self):
        techcheck.techcheck_save(served(techcheck.run_start(self.application, CHROME_WINDOWS)), figures(quiet=False))
        rejected = served(techcheck.run_start(self.application, CHROME_WINDOWS), down=1)
        try:
            techcheck.techcheck_save(rejected, figures())
        except techcheck.RunRejected:
            pass
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, "Home-office tech check")
        self.assertContains(r, "some checks failed")
        self.assertContains(r, "32 Mbps")
        self.assertContains(r, "at least 10 Mbps")
        self.assertContains(r, "at most 20 ms")
        self.assertContains(r, "rejected (impossible)")
        self.assertContains(r, "Chrome 131")
        self.assertContains(r, "Tech check")  # the origin of the measured facts

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url).status_code, 404)

    def test_the_recruiter_can_ask_an_office_job_for_the_tech_check(self):
        self.client.force_login(self.alice)
        url = f"/control/postings/{self.posting.pk}/assessments/"
        self.assertFalse(techcheck.techcheck_wanted(self.posting))
        data = {"sections": ["typing"], "typing_minutes": 2, "math": 60, "writing": 60, "computer": 60}
        self.client.post(url, {**data, "techcheck": "on"})
        self.posting.refresh_from_db()
        self.assertTrue(techcheck.techcheck_wanted(self.posting))
        self.assertContains(self.client.get(url), "Ask for the home-office tech check")
