from callhire.api.tests.base import ApiTestCase
from callhire.base.models import Posting


class PostingsTestCase(ApiTestCase):
    def test_it_lists_only_the_token_employers_postings(self):
        r = self.api("get", "/api/v1/postings/")
        self.assertEqual(r.status_code, 200)
        body = r.json()
        self.assertEqual([p["id"] for p in body["results"]], [self.posting.pk])
        self.assertEqual(body["count"], 1)
        posting = body["results"][0]
        self.assertEqual(posting["profile_version"], 1)
        self.assertEqual(posting["stages"][0], {"key": "applied", "label": "Applied", "closed": False})

    def test_another_employers_posting_is_not_found(self):
        r = self.api("get", f"/api/v1/postings/{self.other_posting.pk}/")
        self.assertEqual(r.status_code, 404)
        r = self.api("patch", f"/api/v1/postings/{self.other_posting.pk}/", {"title": "Mine now"})
        self.assertEqual(r.status_code, 404)
        self.other_posting.refresh_from_db()
        self.assertEqual(self.other_posting.title, "Their agent")

    def test_it_filters_and_orders_postings(self):
        Posting.objects.create(employer=self.acme, title="Outbound sales", status="draft", location="Ipoh")
        r = self.api("get", "/api/v1/postings/", {"status": "draft"})
        self.assertEqual([p["title"] for p in r.json()["results"]], ["Outbound sales"])
        r = self.api("get", "/api/v1/postings/", {"q": "ipoh"})
        self.assertEqual([p["title"] for p in r.json()["results"]], ["Outbound sales"])
        r = self.api("get", "/api/v1/postings/", {"ordering": "title"})
        self.assertEqual(
            [p["title"] for p in r.json()["results"]], ["Inbound Customer Service Agent", "Outbound sales"]
        )

    def test_it_explains_a_bad_filter(self):
        r = self.api("get", "/api/v1/postings/", {"status": "sideways", "created_after": "yesterday"})
        self.assertEqual(r.status_code, 400)
        body = r.json()
        self.assertIn("status", body["errors"])
        self.assertIn("created_after", body["errors"])
        self.assertTrue(body["detail"])

    def test_it_creates_a_draft_posting_for_the_token_employer(self):
        r = self.api(
            "post", "/api/v1/postings/", {"title": "Chat agent", "location": "Remote", "arrangement": "remote"}
        )
        self.assertEqual(r.status_code, 201, r.content)
        posting = Posting.objects.get(pk=r.json()["id"])
        self.assertEqual(posting.employer, self.acme)
        self.assertEqual(posting.status, "draft")
        self.assertIsNone(r.json()["profile_version"])

    def test_a_posting_without_a_profile_cannot_open(self):
        r = self.api("post", "/api/v1/postings/", {"title": "Chat agent", "status": "open"})
        self.assertEqual(r.status_code, 400)
        self.assertIn("profile", r.json()["errors"]["status"][0])
        self.assertFalse(Posting.objects.filter(title="Chat agent").exists())

    def test_it_updates_basic_fields_but_not_the_terms(self):
        r = self.api("patch", f"/api/v1/postings/{self.posting.pk}/", {"title": "Inbound agent", "pay_min": "1"})
        self.assertEqual(r.status_code, 200)
        self.posting.refresh_from_db()
        self.assertEqual(self.posting.title, "Inbound agent")
        self.assertNotEqual(str(self.posting.pay_min), "1")

    def test_it_refuses_bad_values(self):
        r = self.api("patch", f"/api/v1/postings/{self.posting.pk}/", {"title": "", "language": "fr"})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(set(r.json()["errors"]), {"title", "language"})

    def test_it_refuses_a_body_that_is_not_json(self):
        r = self.client.post(
            "/api/v1/postings/",
            "title=x",
            content_type="text/plain",
            headers={"authorization": f"Bearer {self.secret}"},
        )
        self.assertEqual(r.status_code, 415)
        r = self.client.post(
            "/api/v1/postings/",
            "{nope",
            content_type="application/json",
            headers={"authorization": f"Bearer {self.secret}"},
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("JSON", r.json()["detail"])

    def test_it_refuses_text_no_database_can_store(self):
        body = '{"title": "Agent \\u0000"}'
        r = self.client.post(
            "/api/v1/postings/",
            body,
            content_type="application/json",
            headers={"authorization": f"Bearer {self.secret}"},
        )
        self.assertEqual(r.status_code, 400)
        body = '{"title": "Agent \\ud800"}'
        r = self.client.post(
            "/api/v1/postings/",
            body,
            content_type="application/json",
            headers={"authorization": f"Bearer {self.secret}"},
        )
        self.assertEqual(r.status_code, 400)
        self.assertIn("Unicode", r.json()["detail"])

    def test_an_unknown_endpoint_or_huge_id_is_a_json_404(self):
        for url in ("/api/v1/nothing/", "/api/v1/postings/99999999999999999999999/"):
            r = self.api("get", url)
            self.assertEqual(r.status_code, 404)
            self.assertIn("/api/v1/docs/", r.json()["detail"])

    def test_the_list_takes_the_same_queries_for_many_postings(self):
        for i in range(5):
            Posting.objects.create(employer=self.acme, title=f"Agent {i}")
        self.api("get", "/api/v1/postings/")  # warm: the token's last_used is written once a minute
        with self.assertNumQueries(3):  # token, count, page
            r = self.api("get", "/api/v1/postings/")
        self.assertEqual(len(r.json()["results"]), 6)
