import json

from django.core.cache import cache
from django.test import override_settings

from callhire.base import techcheck
from callhire.base.models import TechCheck
from callhire.base.tests.techcheck import CHROME_WINDOWS, figures, home_application, home_posting
from callhire.test import BaseTestCase


class EndpointTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = home_posting(cls.acme)

    def setUp(self):
        cache.clear()
        self.application = home_application(self.home)
        self.token = self.application.token
        self.base = f"/en/status/{self.token}/techcheck/"
        r = self.client.post(self.base + "start/", HTTP_USER_AGENT=CHROME_WINDOWS)
        self.assertEqual(r.status_code, 201)
        self.run = TechCheck.objects.get(pk=r.json()["run"])
        self.urls = r.json()["urls"]

    def download(self, size, **extra):
        return self.client.get(self.urls["down"], {"bytes": size}, **extra)

    def upload(self, body: bytes, **extra):
        return self.client.generic("POST", self.urls["up"], body, content_type="application/octet-stream", **extra)

    def test_start_answers_with_the_urls_under_the_candidate_link(self):
        self.assertEqual(self.urls["ping"], f"/en/status/{self.token}/techcheck/{self.run.pk}/ping/")
        self.assertEqual(self.run.os, "windows")
        self.assertEqual(self.run.application, self.application)

    def test_download_sends_the_size_asked_for_random_and_never_cached(self):
        r = self.download(300_000)
        self.assertEqual(r.status_code, 200)
        body = b"".join(r.streaming_content)
        self.assertEqual(len(body), 300_000)
        self.assertEqual(r["Content-Length"], "300000")
        self.assertEqual(r["Content-Type"], "application/octet-stream")
        self.assertIn("no-store", r["Cache-Control"])
        self.assertIn("no-transform", r["Cache-Control"])
        self.assertGreater(len(set(body[:4096])), 200)  # random, not a run of one byte
        self.run.refresh_from_db()
        self.assertEqual(self.run.served_down_bytes, 300_000)
        self.assertGreater(self.run.served_down_seconds, 0)

    def test_download_payloads_do_not_compress(self):
        import zlib

        body = b"".join(self.download(1_000_000).streaming_content)
        self.assertGreater(len(zlib.compress(body, 9)), 0.99 * len(body))

    def test_download_refuses_sizes_over_the_cap_or_unreadable(self):
        for size in (techcheck.MAX_DOWNLOAD_BYTES + 1, 0, -5, "lots"):
            r = self.download(size)
            self.assertEqual(r.status_code, 400, size)
            self.assertIn("no-store", r["Cache-Control"])
        self.assertEqual(self.client.get(self.urls["down"]).status_code, 400)

    def test_download_at_the_cap_is_served(self):
        r = self.download(techcheck.MAX_DOWNLOAD_BYTES)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(sum(len(chunk) for chunk in r.streaming_content), techcheck.MAX_DOWNLOAD_BYTES)

    def test_upload_reads_and_counts_the_body(self):
        r = self.upload(b"x" * 200_000)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.json(), {"received": 200_000})
        self.run.refresh_from_db()
        self.assertEqual(self.run.received_up_bytes, 200_000)

    def test_upload_over_the_cap_is_refused_with_413_before_it_is_read(self):
        r = self.upload(b"", CONTENT_LENGTH=str(techcheck.MAX_UPLOAD_BYTES + 1))
        self.assertEqual(r.status_code, 413)
        self.run.refresh_from_db()
        self.assertEqual(self.run.received_up_bytes, 0)

    def test_upload_without_a_length_is_refused(self):
        self.assertEqual(self.upload(b"").status_code, 411)

    def test_upload_needs_a_post(self):
        self.assertEqual(self.client.get(self.urls["up"]).status_code, 405)

    def test_ping_answers_empty_and_is_counted(self):
        for _ in range(3):
            r = self.client.get(self.urls["ping"])
            self.assertEqual(r.status_code, 204)
            self.assertEqual(r.content, b"")
            self.assertIn("no-store", r["Cache-Control"])
        self.assertEqual(techcheck.pings_answered(self.run), 3)

    def test_a_wrong_token_or_run_is_not_found(self):
        other = home_application(self.home, email="other@example.com")
        for url in (
            self.urls["ping"].replace(self.token, other.token),
            self.urls["ping"].replace(self.token, "nope"),
            self.urls["down"].replace(self.token, other.token) + "?bytes=10",
            self.urls["ping"].replace(f"/{self.run.pk}/", f"/{self.run.pk + 100}/"),
            "/en/status/nope/techcheck/",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        self.assertEqual(self.client.post("/en/status/nope/techcheck/start/").status_code, 404)
        r = self.client.generic("POST", self.urls["up"].replace(self.token, other.token), b"x" * 10)
        self.assertEqual(r.status_code, 404)
        self.run.refresh_from_db()
        self.assertEqual((techcheck.pings_answered(self.run), self.run.received_up_bytes), (None, 0))

    def test_a_finished_run_takes_no_more_measurements(self):
        TechCheck.objects.filter(pk=self.run.pk).update(state="complete")
        self.assertEqual(self.client.get(self.urls["ping"]).status_code, 404)
        self.assertEqual(self.download(10).status_code, 404)

    @override_settings(CALLHIRE_TECHCHECK_RATE=(5, 600))
    def test_requests_per_link_are_rate_limited(self):
        codes = [self.client.get(self.urls["ping"]).status_code for _ in range(6)]
        self.assertEqual(codes, [204, 204, 204, 204, 429, 429])  # start counted as the first
        r = self.client.get(self.urls["ping"])
        self.assertIn("wait a few minutes", r.json()["message"])

    @override_settings(CALLHIRE_TECHCHECK_IP_RATE=(3, 600))
    def test_requests_per_address_are_rate_limited(self):
        other = home_application(self.home, email="other@example.com")
        run = techcheck.run_start(other, CHROME_WINDOWS)
        url = f"/en/status/{other.token}/techcheck/{run.pk}/ping/"
        self.assertEqual(self.client.get(self.urls["ping"]).status_code, 204)
        self.assertEqual(self.client.get(url).status_code, 204)
        self.assertEqual(self.client.get(url).status_code, 429)  # same address, another link

    @override_settings(CALLHIRE_TECHCHECK_BYTES_PER_HOUR=1_000_000)
    def test_bytes_per_link_per_hour_are_capped(self):
        self.assertEqual(self.download(600_000).status_code, 200)
        self.assertEqual(self.upload(b"x" * 300_000).status_code, 200)
        self.assertEqual(self.download(200_000).status_code, 429)  # 1.1 MB would pass the cap
        self.assertEqual(self.upload(b"x" * 200_000).status_code, 429)
        # a new run under the same link shares the budget
        run = self.client.post(self.base + "start/").json()
        self.assertEqual(self.client.get(run["urls"]["down"], {"bytes": 200_000}).status_code, 429)

    def test_save_returns_the_result_cards(self):
        TechCheck.objects.filter(pk=self.run.pk).update(
            served_down_bytes=8_000_000,
            served_down_seconds=1,
            received_up_bytes=2_000_000,
            received_up_seconds=1,
        )
        cache.set(techcheck.ping_key(self.run.pk), 41)
        r = self.client.post(self.urls["save"], json.dumps(figures()), content_type="application/json")
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.json()["passed"])
        self.assertIn("Download speed", r.json()["html"])
        self.assertIn("32 Mbps", r.json()["html"])
        self.run.refresh_from_db()
        self.assertEqual(self.run.state, "complete")

    def test_save_refuses_figures_the_server_did_not_see(self):
        r = self.client.post(self.urls["save"], json.dumps(figures()), content_type="application/json")
        self.assertEqual(r.status_code, 400)
        self.assertEqual(r.json()["error"], "impossible")
        self.assertIn("run the check again", r.json()["message"])

    def test_save_refuses_malformed_and_oversized_bodies(self):
        r = self.client.post(self.urls["save"], "{not json", content_type="application/json")
        self.assertEqual(r.status_code, 400)
        run = self.client.post(self.base + "start/").json()
        r = self.client.post(run["urls"]["save"], json.dumps({"x": "y" * 70_000}), content_type="application/json")
        self.assertEqual(r.status_code, 413)
