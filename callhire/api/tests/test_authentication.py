from django.test import override_settings

from callhire.api.tests.base import ApiTestCase
from callhire.base.models import ApiToken


class AuthenticationTestCase(ApiTestCase):
    url = "/api/v1/postings/"

    def test_it_refuses_a_request_without_a_token(self):
        r = self.client.get(self.url)
        self.assertEqual(r.status_code, 401)
        self.assertEqual(r["WWW-Authenticate"], 'Bearer realm="callhire"')
        self.assertIn("detail", r.json())

    def test_it_refuses_a_wrong_secret_with_a_real_prefix(self):
        r = self.api("get", self.url, secret=self.secret[:-2] + "xx")
        self.assertEqual(r.status_code, 401)

    def test_it_refuses_another_scheme(self):
        r = self.client.get(self.url, headers={"authorization": f"Token {self.secret}"})
        self.assertEqual(r.status_code, 401)
        self.assertIn("Bearer", r.json()["detail"])

    def test_it_refuses_a_revoked_token(self):
        self.token.revoked = self.token.created
        self.token.save()
        r = self.api("get", self.url)
        self.assertEqual(r.status_code, 401)
        self.assertIn("revoked", r.json()["detail"])

    def test_it_stores_only_a_hash_of_the_secret(self):
        token = ApiToken.objects.get(pk=self.token.pk)
        self.assertNotIn(self.secret, token.secret_hash)
        self.assertTrue(self.secret.startswith(token.prefix))
        self.assertTrue(token.matches(self.secret))

    def test_it_records_when_a_token_was_last_used(self):
        self.assertEqual(self.api("get", self.url).status_code, 200)
        self.token.refresh_from_db()
        self.assertIsNotNone(self.token.last_used)

    def test_a_read_only_token_may_not_make_changes(self):
        self.assertEqual(self.api("get", self.url, secret=self.reader_secret).status_code, 200)
        r = self.api("post", self.url, {"title": "New"}, secret=self.reader_secret)
        self.assertEqual(r.status_code, 403)
        self.assertIn("only read", r.json()["detail"])

    @override_settings(CALLHIRE_API_RATE="2/min")
    def test_it_limits_the_requests_of_each_token(self):
        self.assertEqual(self.api("get", self.url).status_code, 200)
        self.assertEqual(self.api("get", self.url).status_code, 200)
        r = self.api("get", self.url)
        self.assertEqual(r.status_code, 429)
        self.assertIn("Retry-After", r)
        # Another token counts on its own.
        self.assertEqual(self.api("get", self.url, secret=self.reader_secret).status_code, 200)
