from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib.auth.models import User
from django.urls import reverse

from callhire.base.models import Application, Membership, StageMove
from callhire.test import BaseTestCase

T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)


class AnalyticsViewsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.dana = User.objects.create_user("dana@acme.test", "dana@acme.test", "password")
        Membership.objects.create(user=cls.dana, employer=cls.acme, role=Membership.Role.HIRING_MANAGER)
        for i, (stage, source) in enumerate([("applied", "board"), ("interview", "=HYPERLINK(1)"), ("hired", "board")]):
            app = Application.objects.create(
                posting=cls.posting,
                name=f"Candidate {i}",
                email=f"c{i}@example.com",
                stage=stage,
                source=source,
                created=T0 + dt.timedelta(days=i),
                verdict="not_qualified" if i == 0 else "qualified",
                findings=[{"key": "education", "level": "required", "status": "not_met"}] if i == 0 else [],
            )
            StageMove.objects.create(application=app, to_stage="applied", created=app.created)
            if stage != "applied":
                StageMove.objects.create(
                    application=app, from_stage="applied", to_stage=stage, created=app.created + dt.timedelta(days=2)
                )
        cls.url = reverse("control:posting_analytics", args=[cls.posting.pk])
        cls.employer_url = reverse("control:employer_analytics", args=["acme"])

    def csv_rows(self, url: str) -> list[list[str]]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    def test_it_shows_the_postings_funnel_with_chart_and_table(self):
        self.client.force_login(self.bob)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<svg class="chart"', count=5)  # no rejections yet: no chart of reasons
        self.assertContains(response, 'aria-describedby="t-funnel"')
        self.assertContains(response, '<table id="t-funnel">')
        self.assertContains(response, "66.7 %")  # two of three reached the interview
        self.assertContains(response, "Education")  # the knock-out

    def test_it_limits_the_figures_to_the_period(self):
        self.client.force_login(self.bob)
        response = self.client.get(self.url, {"start": "2026-10-02", "end": "2026-10-03"})
        self.assertContains(response, "2 applications arrived in this period")
        self.assertNotContains(response, "Education")

    def test_it_explains_a_period_that_ends_before_it_starts(self):
        self.client.force_login(self.bob)
        response = self.client.get(self.url, {"start": "2026-10-05", "end": "2026-10-01"})
        self.assertContains(response, "The first day must come before the last.")
        self.assertContains(response, "3 applications arrived in this period")

    def test_it_ignores_a_malformed_date(self):
        self.client.force_login(self.bob)
        response = self.client.get(self.url, {"start": "yesterday"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a valid date.")

    def test_funnel_csv_has_a_row_per_stage(self):
        self.client.force_login(self.bob)
        rows = self.csv_rows(reverse("control:posting_analytics_csv", args=[self.posting.pk, "funnel"]))
        self.assertEqual(rows[0][:2], ["Stage", "Reached"])
        self.assertEqual(rows[1][:2], ["Applied", "3"])
        self.assertEqual(rows[4], ["Interview", "2", "1", "100.0", "66.7"])
        self.assertEqual([r[0] for r in rows[-2:]], ["Rejected", "Withdrawn"])

    def test_csv_follows_the_period(self):
        self.client.force_login(self.bob)
        url = reverse("control:posting_analytics_csv", args=[self.posting.pk, "days"])
        response = self.client.get(url, {"start": "2026-10-01", "end": "2026-10-02"})
        self.assertIn("2026-10-01-2026-10-02", response["Content-Disposition"])
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows, [["Day", "Applications"], ["2026-10-01", "1"], ["2026-10-02", "1"]])

    def test_csv_defuses_formulas_in_free_text(self):
        self.client.force_login(self.bob)
        rows = self.csv_rows(reverse("control:posting_analytics_csv", args=[self.posting.pk, "sources"]))
        self.assertIn(["'=HYPERLINK(1)", "1", "33.3"], rows)

    def test_every_table_downloads(self):
        self.client.force_login(self.alice)
        for table in ("funnel", "time-in-stage", "time-to-hire", "sources", "days", "knockouts", "rejections"):
            rows = self.csv_rows(reverse("control:employer_analytics_csv", args=["acme", table]))
            self.assertTrue(rows[0], table)

    def test_time_to_hire_csv_gives_days(self):
        self.client.force_login(self.bob)
        rows = self.csv_rows(reverse("control:posting_analytics_csv", args=[self.posting.pk, "time-to-hire"]))
        self.assertEqual(rows[1], ["1", "2.00", "2.00"])

    def test_an_unknown_table_is_404(self):
        self.client.force_login(self.bob)
        response = self.client.get(reverse("control:posting_analytics_csv", args=[self.posting.pk, "salaries"]))
        self.assertEqual(response.status_code, 404)

    def test_the_employer_page_covers_every_posting(self):
        self.client.force_login(self.alice)
        response = self.client.get(self.employer_url)
        self.assertContains(response, "3 applications arrived in this period")
        self.assertContains(response, reverse("control:posting_analytics", args=[self.posting.pk]))

    def test_the_index_leads_to_the_users_employer(self):
        self.client.force_login(self.bob)
        self.assertRedirects(self.client.get(reverse("control:analytics")), self.employer_url)

    def test_an_outsider_gets_404_everywhere(self):
        self.client.force_login(self.charlie)
        for url in (
            self.url,
            reverse("control:posting_analytics_csv", args=[self.posting.pk, "funnel"]),
            self.employer_url,
            reverse("control:employer_analytics_csv", args=["acme", "funnel"]),
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_a_hiring_manager_gets_403(self):
        self.client.force_login(self.dana)
        for url in (
            self.url,
            reverse("control:posting_analytics_csv", args=[self.posting.pk, "funnel"]),
            self.employer_url,
            reverse("control:employer_analytics_csv", args=["acme", "funnel"]),
            reverse("control:analytics"),
        ):
            self.assertEqual(self.client.get(url).status_code, 403, url)

    def test_somebody_signed_out_is_sent_to_log_in(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("control:login"), response["Location"])

    def test_it_speaks_malay(self):
        self.client.force_login(self.bob)
        self.client.cookies["django_language"] = "ms"
        response = self.client.get(self.url, HTTP_ACCEPT_LANGUAGE="ms")
        self.assertContains(response, 'lang="ms"')
