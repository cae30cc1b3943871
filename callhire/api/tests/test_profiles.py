from callhire.api.tests.base import ApiTestCase
from callhire.base.models import Posting
from callhire.test import demo_document


class ProfilesTestCase(ApiTestCase):
    def url(self, posting=None):
        return f"/api/v1/postings/{(posting or self.posting).pk}/profile/"

    def test_it_returns_the_current_profile(self):
        r = self.api("get", self.url())
        self.assertEqual(r.status_code, 200)
        body = r.json()
        self.assertEqual(body["version"], 1)
        self.assertEqual(body["document"], self.posting.current_version().document)

    def test_a_posting_without_a_profile_says_so(self):
        draft = Posting.objects.create(employer=self.acme, title="Draft")
        r = self.api("get", self.url(draft))
        self.assertEqual(r.status_code, 404)
        self.assertIn("no profile", r.json()["detail"])
        self.assertEqual(self.api("get", self.url(), {"version": 7}).status_code, 404)

    def test_another_employers_profile_is_not_found(self):
        self.assertEqual(self.api("get", self.url(self.other_posting)).status_code, 404)
        r = self.api("put", self.url(self.other_posting), demo_document("inbound-office.yaml"))
        self.assertEqual(r.status_code, 404)
        self.assertFalse(self.other_posting.profile_versions.exists())

    def test_it_saves_a_new_version_of_an_open_posting(self):
        document = demo_document("inbound-office.yaml")
        document["title"] = "Inbound agent, nights"
        r = self.api("put", self.url(), document)
        self.assertEqual(r.status_code, 200, r.content)
        self.assertEqual(r.json()["version"], 2)
        self.assertEqual(r.json()["source"], "imported")
        self.assertEqual(self.posting.current_version().document["title"], "Inbound agent, nights")
        self.assertEqual(self.api("get", self.url(), {"version": 1}).json()["version"], 1)

    def test_it_lists_every_fault_of_an_invalid_profile_and_saves_nothing(self):
        document = demo_document("inbound-office.yaml")
        document["title"] = ""
        document["colour"] = "blue"
        r = self.api("put", self.url(), document)
        self.assertEqual(r.status_code, 400)
        paths = {e["path"] for e in r.json()["errors"]}
        self.assertEqual(paths, {"title", "colour"})
        self.assertTrue(all(e["message"] and e["message_ms"] for e in r.json()["errors"]))
        self.assertEqual(self.posting.profile_versions.count(), 1)

    def test_it_refuses_a_body_that_is_not_a_document(self):
        r = self.api("put", self.url(), ["not", "a", "profile"])
        self.assertEqual(r.status_code, 400)
        self.assertEqual(r.json()["errors"][0]["path"], "(document)")

    def test_it_refuses_a_huge_body_before_reading_it(self):
        document = demo_document("inbound-office.yaml")
        document["title"] = "x" * (1024 * 1024)
        r = self.api("put", self.url(), document)
        self.assertEqual(r.status_code, 413)
        self.assertIn("1 MB", r.json()["detail"])
        self.assertEqual(self.posting.profile_versions.count(), 1)
