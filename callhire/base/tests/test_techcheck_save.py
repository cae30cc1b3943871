import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from callhire.base import techcheck
from callhire.base.models import TechCheck
from callhire.base.tests.techcheck import CHROME_WINDOWS, figures, home_application, home_posting, served
from callhire.test import BaseTestCase


class TechCheckSaveTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = home_posting(cls.acme)

    def setUp(self):
        cache.clear()
        self.application = home_application(self.home)
        self.run = served(techcheck.run_start(self.application, CHROME_WINDOWS))

    def save(self, **extra):
        return techcheck.techcheck_save(self.run, figures(**extra))

    def test_it_works_out_the_figures_from_the_raw_timings(self):
        run = self.save(pings={"sent": 40, "rtts": [40.0, 44.0] * 19 + [41.0]})
        self.assertEqual(run.state, "complete")
        self.assertEqual(run.download_mbps, 32.0)
        self.assertEqual(run.upload_mbps, 8.0)
        self.assertEqual(run.latency_ms, 41.0)  # the median
        # 38 differences of 4 ms and the last one of 3 ms, over 38 pairs: RFC 3550's mean difference
        self.assertAlmostEqual(run.jitter_ms, round((37 * 4 + 3) / 38, 1))
        self.assertEqual(run.packet_loss_pct, 2.5)  # one of 40 probes never came back
        self.assertEqual((run.pings_sent, run.pings_lost), (40, 1))
        self.assertEqual((run.browser, run.os, run.mobile), ("Chrome 131", "windows", False))

    def test_it_sets_measured_facts_that_win_over_declared_ones(self):
        self.save()
        app = self.application
        app.refresh_from_db()
        self.assertEqual(app.facts["internet_download_mbps"], 32.0)  # the declared 50 is replaced
        self.assertEqual(app.fact_sources["internet_download_mbps"], "measured")
        self.assertEqual(app.fact_origins["internet_download_mbps"], "techcheck")
        self.assertEqual(app.facts["internet_latency_ms"], 41)
        self.assertEqual(app.facts["internet_jitter_ms"], 2)
        self.assertEqual(app.facts["internet_packet_loss_pct"], 0.0)
        self.assertEqual((app.facts["computer_os"], app.fact_sources["computer_os"]), ("windows", "measured"))
        self.assertEqual((app.facts["wired_connection"], app.fact_sources["wired_connection"]), (True, "declared"))
        self.assertEqual((app.facts["has_headset"], app.fact_sources["has_headset"]), (True, "measured"))

    def test_it_screens_the_application_again(self):
        statuses = {f["key"]: f["status"] for f in self.application.findings}
        self.assertEqual(statuses["internet_latency_ms"], "unknown")
        self.save()
        self.application.refresh_from_db()
        findings = {f["key"]: f for f in self.application.findings}
        for key in techcheck.NETWORK_KEYS + ("wired_connection", "quiet_workspace", "computer_os", "headset"):
            self.assertEqual(findings[key]["status"], "met", key)
        self.assertEqual(findings["internet_jitter_ms"]["origin"], "techcheck")

    def test_a_slow_line_fails_its_thresholds_and_says_what_to_fix(self):
        run = self.save(
            download=[{"bytes": 1_000_000, "ms": 2000}],
            pings={"sent": 40, "rtts": [100.0, 180.0] * 19},
            wired=False,
            echo_db=30.0,
        )
        self.assertFalse(run.passed["internet_download_mbps"])  # 4 Mbps < 10
        self.assertFalse(run.passed["internet_jitter_ms"])  # 80 ms > 20
        self.assertFalse(run.passed["internet_packet_loss_pct"])  # 5 % > 2
        self.assertFalse(run.passed["wired_connection"])
        self.assertFalse(run.passed["headset"])
        self.assertTrue(run.passed["internet_upload_mbps"])
        cards = {c["key"]: c for c in techcheck.result_cards(run, "en")}
        self.assertIn("plug in a cable", cards["internet_download_mbps"]["advice"])
        self.assertIn("headset", cards["headset"]["advice"])
        self.assertEqual(cards["internet_download_mbps"]["value"], "4 Mbps")
        self.assertEqual(cards["internet_download_mbps"]["threshold"], "at least 10 Mbps")
        self.assertEqual(cards["internet_upload_mbps"]["advice"], "")
        self.application.refresh_from_db()
        self.assertEqual(self.application.verdict, "not_qualified")
        self.assertNotIn("has_headset", self.application.fact_sources)  # speakers heard: no headset fact

    def test_it_uses_the_catalog_defaults_for_thresholds_the_profile_does_not_set(self):
        posting = home_posting(self.acme)
        document = posting.current_version().document
        del document["requirements"]["internet_jitter_ms"]
        del document["requirements"]["internet_latency_ms"]
        posting.profile_versions.update(document=document)
        app = home_application(posting, email="ida@example.com")
        run = techcheck.techcheck_save(served(techcheck.run_start(app, CHROME_WINDOWS)), figures())
        self.assertEqual(run.thresholds["internet_latency_ms"], 120)
        self.assertEqual(run.thresholds["internet_jitter_ms"], 20)

    def test_it_rejects_a_download_larger_than_the_server_sent(self):
        with pytest.raises(techcheck.RunRejected) as caught:
            self.save(download=[{"bytes": 9_000_000, "ms": 1000}])
        self.assertEqual(caught.value.code, "impossible")
        self.run.refresh_from_db()
        self.assertEqual((self.run.state, self.run.reason), ("rejected", "impossible"))
        self.application.refresh_from_db()
        self.assertNotEqual(self.application.fact_sources.get("internet_download_mbps"), "measured")

    def test_it_rejects_a_download_faster_than_the_server_sent_it(self):
        # The server took 1 s to send 8 MB (64 Mbps); the page claims it arrived in 0.1 s (640 Mbps).
        with pytest.raises(techcheck.RunRejected):
            self.save(download=[{"bytes": 8_000_000, "ms": 100}])

    def test_it_rejects_an_upload_faster_than_the_server_read_it(self):
        with pytest.raises(techcheck.RunRejected):
            self.save(upload=[{"bytes": 2_000_000, "ms": 50}])

    def test_it_rejects_more_answered_pings_than_the_server_answered(self):
        self.run = served(self.run, pings=10)
        with pytest.raises(techcheck.RunRejected):
            self.save()

    def test_it_rejects_malformed_figures(self):
        for bad in (
            {"download": "fast"},
            {"download": [{"bytes": -1, "ms": 10}]},
            {"upload": [{"bytes": 1000, "ms": float("nan")}]},
            {"pings": {"sent": 5, "rtts": [1.0]}},  # too few probes to judge
            {"pings": {"sent": 40, "rtts": [1.0] * 41}},  # more answers than probes
            {"pings": {"sent": 40, "rtts": [5000.0] * 40}},  # longer than the probe's timeout
            {"mic": {"level": 7}},
        ):
            run = served(techcheck.run_start(self.application, CHROME_WINDOWS))
            with pytest.raises(techcheck.RunRejected) as caught:
                techcheck.techcheck_save(run, figures(**bad))
            self.assertEqual(caught.value.code, "malformed", bad)

    def test_a_run_saved_twice_is_saved_once(self):
        first = self.save()
        second = techcheck.techcheck_save(self.run, figures(download=[{"bytes": 1000, "ms": 1000}]))
        self.assertEqual(second.pk, first.pk)
        self.assertEqual(second.download_mbps, 32.0)
        self.assertEqual(TechCheck.objects.filter(state="complete").count(), 1)

    def test_a_stale_run_is_refused(self):
        TechCheck.objects.filter(pk=self.run.pk).update(created=timezone.now() - datetime.timedelta(hours=1))
        with pytest.raises(techcheck.RunRejected) as caught:
            self.save()
        self.assertEqual(caught.value.code, "expired")

    def test_the_latest_complete_run_counts_and_every_run_is_kept(self):
        self.save()
        slower = served(techcheck.run_start(self.application, CHROME_WINDOWS))
        techcheck.techcheck_save(slower, figures(download=[{"bytes": 1_000_000, "ms": 1000}]))
        self.application.refresh_from_db()
        self.assertEqual(self.application.facts["internet_download_mbps"], 8.0)
        self.assertEqual(self.application.techchecks.count(), 2)

    def test_a_run_on_a_phone_is_kept_but_sets_no_facts(self):
        phone = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
        run = techcheck.techcheck_save(served(techcheck.run_start(self.application, phone)), figures())
        self.assertTrue(run.mobile)
        self.application.refresh_from_db()
        self.assertEqual(self.application.fact_sources["internet_download_mbps"], "declared")

    def test_an_assessment_rescreen_keeps_the_measured_facts(self):
        from callhire.base import assessing

        self.save()
        self.application.refresh_from_db()
        assessing.facts_update(self.application)
        self.application.refresh_from_db()
        self.assertEqual(self.application.fact_sources["internet_jitter_ms"], "measured")

    def test_deleting_the_application_deletes_its_runs(self):
        self.save()
        self.application.delete()
        self.assertFalse(TechCheck.objects.exists())


@pytest.mark.parametrize(
    ("agent", "browser", "os", "mobile"),
    [
        (CHROME_WINDOWS, "Chrome 131", "windows", False),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/18.1 Safari/605.1.15",
            "Safari 18",
            "macos",
            False,
        ),
        (
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
            "Firefox 132",
            "linux",
            False,
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
            "Safari/537.36 Edg/131.0.0.0",
            "Edge 131",
            "windows",
            False,
        ),
        (
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 "
            "Safari/537.36",
            "Chrome 131",
            "chromeos",
            False,
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/18.1 Mobile/15E148 Safari/604.1",
            "Safari 18",
            "",
            True,
        ),
        ("", "", "", False),
    ],
)
def test_it_reads_the_browser_and_system_from_the_user_agent(agent, browser, os, mobile):
    platform = techcheck.platform_of(agent)
    assert (platform.browser, platform.os, platform.mobile) == (browser, os, mobile)


def test_jitter_is_the_mean_difference_of_consecutive_round_trips():
    assert techcheck.jitter_of([10, 20, 10, 40]) == pytest.approx((10 + 10 + 30) / 3)
    assert techcheck.jitter_of([10]) == 0
