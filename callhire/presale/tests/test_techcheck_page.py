from django.core.cache import cache

from callhire.base import assessing, techcheck
from callhire.base.models import Application
from callhire.base.tests.techcheck import CHROME_WINDOWS, figures, home_application, home_posting, served
from callhire.test import BaseTestCase, application_data

PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


class TechCheckPageTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = home_posting(cls.acme)

    def setUp(self):
        cache.clear()
        self.application = home_application(self.home)
        self.url = f"/en/status/{self.application.token}/techcheck/"

    def test_it_shows_the_thresholds_and_explains_it_needs_javascript(self):
        r = self.client.get(self.url, HTTP_USER_AGENT=CHROME_WINDOWS)
        self.assertContains(r, "Home-office tech check")
        self.assertContains(r, "Download speed: at least 10 Mbps")
        self.assertContains(r, "Jitter (how much the round trip varies): at most 20 ms")
        self.assertContains(r, "needs JavaScript")
        self.assertContains(r, "Chrome 131 on Windows")
        self.assertContains(r, "techcheck.js")
        self.assertEqual(r["Cache-Control"], "private, no-store, no-transform")
        self.assertNotContains(r, "phone or tablet. Open this page")

    def test_on_a_phone_it_says_to_use_the_computer(self):
        r = self.client.get(self.url, HTTP_USER_AGENT=PHONE)
        self.assertContains(r, "You seem to be on a phone or tablet")

    def test_it_shows_the_latest_result_with_what_to_fix(self):
        run = served(techcheck.run_start(self.application, CHROME_WINDOWS))
        techcheck.techcheck_save(run, figures(wired=False))
        r = self.client.get(self.url)
        self.assertContains(r, "Your results")
        self.assertContains(r, "Connect your computer to your router with an Ethernet cable.")
        self.assertContains(r, "some checks to fix")

    def test_it_is_in_malay_under_ms(self):
        r = self.client.get(f"/ms/status/{self.application.token}/techcheck/")
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'lang="ms"')

    def test_the_status_page_and_the_invitation_link_to_it(self):
        status = self.client.get(f"/en/status/{self.application.token}/")
        self.assertContains(status, self.url)
        invitation = assessing.invitation_send(self.application, notify=False, sections=["typing"])
        overview = self.client.get(f"/en/assess/{invitation.token}/")
        self.assertContains(overview, self.url)

    def test_a_withdrawn_candidate_is_sent_back_to_the_status_page(self):
        self.client.post(f"/en/status/{self.application.token}/withdraw/")
        r = self.client.get(self.url)
        self.assertRedirects(r, f"/en/status/{self.application.token}/", fetch_redirect_response=False)
        self.assertEqual(self.client.post(self.url + "start/").status_code, 410)

    def test_an_office_job_has_no_tech_check_until_the_recruiter_asks_for_it(self):
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        office = Application.objects.get(posting=self.posting)
        url = f"/en/status/{office.token}/techcheck/"
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url + "start/").status_code, 404)
        self.assertNotContains(self.client.get(f"/en/status/{office.token}/"), url)
        self.posting.assessment_config = {"techcheck": True}
        self.posting.save()
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertContains(self.client.get(f"/en/status/{office.token}/"), url)
