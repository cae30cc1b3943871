from django.core.cache import cache

from callhire.base.models import Application
from callhire.test import BaseTestCase, application_data


class StatusTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()
        self.client.post(f"/en/jobs/acme/{self.posting.pk}-x/apply/", application_data())
        self.app = Application.objects.get()
        self.url = f"/en/status/{self.app.token}/"

    def test_it_shows_the_stage_and_the_link_to_the_assessments(self):
        r = self.client.get(self.url)
        self.assertContains(r, "Applied")
        self.assertContains(r, f"/en/assess/{self.app.invitations.get().token}/")
        self.assertEqual(r["Referrer-Policy"], "same-origin")

    def test_an_unknown_link_is_not_found(self):
        self.assertEqual(self.client.get("/en/status/nope/").status_code, 404)

    def test_the_candidate_can_withdraw(self):
        self.client.post(self.url + "withdraw/")
        self.app.refresh_from_db()
        self.assertEqual(self.app.stage, "withdrawn")
        self.assertContains(self.client.get(self.url), "You have withdrawn this application.")

    def test_deleting_needs_the_box_ticked(self):
        r = self.client.post(self.url + "erase/")
        self.assertRedirects(r, self.url + "?confirm_erase=1#erase", fetch_redirect_response=False)
        self.assertTrue(Application.objects.exists())

    def test_the_candidate_can_delete_their_data(self):
        r = self.client.post(self.url + "erase/", {"confirm": "yes"})
        self.assertContains(r, "Your data has been deleted")
        self.assertFalse(Application.objects.exists())
        self.assertEqual(self.client.get(self.url).status_code, 404)
