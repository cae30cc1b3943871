from datetime import timedelta

from django.utils import timezone

from callhire.api.tests.base import ApiTestCase, make_application


class ApplicationsTestCase(ApiTestCase):
    def names(self, **params):
        r = self.api("get", "/api/v1/applications/", params)
        self.assertEqual(r.status_code, 200, r.content)
        return [a["name"] for a in r.json()["results"]]

    def test_it_lists_only_the_token_employers_applications(self):
        self.assertEqual(sorted(self.names()), ["Dee Lim", "Eve Tan"])
        self.assertEqual(self.names(posting=self.other_posting.pk), [])
        r = self.api("get", "/api/v1/applications/", secret=self.other_secret)
        self.assertEqual([a["name"] for a in r.json()["results"]], ["Zed Other"])

    def test_another_employers_application_is_not_found(self):
        self.assertEqual(self.api("get", f"/api/v1/applications/{self.theirs.pk}/").status_code, 404)

    def test_it_shows_an_application_with_its_verdict(self):
        r = self.api("get", f"/api/v1/applications/{self.dee.pk}/")
        body = r.json()
        self.assertEqual(body["verdict"], "qualified")
        self.assertEqual(body["stage"], "applied")
        self.assertEqual(body["stage_label"], "Applied")
        self.assertEqual(body["profile_version"], 1)
        self.assertIn("findings", body)
        self.assertNotIn("token", body)  # the candidate's private link stays private

    def test_it_filters_applications(self):
        self.assertEqual(self.names(verdict="qualified"), ["Dee Lim"])
        self.assertEqual(self.names(stage="applied", ordering="name"), ["Dee Lim", "Eve Tan"])
        self.assertEqual(self.names(q="EVE@"), ["Eve Tan"])
        make_application(self.posting, "Fay Ong", "fay@example.com", source="referral")
        self.assertEqual(self.names(source="referral"), ["Fay Ong"])
        past = make_application(self.posting, "Old Timer", "old@example.com")
        past.created = timezone.now() - timedelta(days=30)
        past.save()
        since = (timezone.now() - timedelta(days=1)).isoformat()
        self.assertNotIn("Old Timer", self.names(created_after=since))
        self.assertEqual(self.names(created_before=since), ["Old Timer"])

    def test_it_orders_by_score_with_the_unscored_last(self):
        make_application(self.posting, "No Score", "none@example.com")
        self.assertEqual(self.names(ordering="-score"), ["Dee Lim", "Eve Tan", "No Score"])
        self.assertEqual(self.names(ordering="score"), ["Eve Tan", "Dee Lim", "No Score"])

    def test_it_pages_through_the_list(self):
        r = self.api("get", "/api/v1/applications/", {"page_size": 1, "ordering": "name"})
        body = r.json()
        self.assertEqual(body["count"], 2)
        self.assertEqual([a["name"] for a in body["results"]], ["Dee Lim"])
        self.assertIn("page=2", body["next"])
        self.assertEqual(self.api("get", "/api/v1/applications/", {"page": 9}).status_code, 404)

    def test_it_explains_bad_filters(self):
        r = self.api("get", "/api/v1/applications/", {"posting": "abc", "ordering": "salary", "verdict": "maybe"})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(set(r.json()["errors"]), {"posting", "ordering", "verdict"})
        r = self.api("get", "/api/v1/applications/", {"posting": "99999999999999999999999"})
        self.assertEqual(r.status_code, 400)

    def test_the_list_takes_the_same_queries_for_many_applications(self):
        for i in range(5):
            make_application(self.posting, f"More {i}", f"more{i}@example.com")
        self.api("get", "/api/v1/applications/")
        with self.assertNumQueries(3):  # token, count, page
            r = self.api("get", "/api/v1/applications/", {"posting": self.posting.pk})
        self.assertEqual(len(r.json()["results"]), 7)
