from __future__ import annotations

import datetime as dt

from callhire.base import analytics
from callhire.base.models import Application, Posting, StageMove
from callhire.base.pipeline import posting_stages
from callhire.test import BaseTestCase

T0 = dt.datetime(2026, 10, 1, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def finding(key: str, status: str, level: str = "required") -> dict:
    return {"key": key, "level": level, "status": status}


class AnalyticsTestCase(BaseTestCase):
    """Four candidates with a known history (days after T0 in brackets)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def make(name, path, *, created=T0, source="board", verdict="qualified", findings=(), reason=""):
            app = Application.objects.create(
                posting=cls.posting,
                name=name,
                email=f"{name.lower()}@example.com",
                created=created,
                source=source,
                verdict=verdict,
                findings=list(findings),
                stage=path[-1][0],
                rejection_reason=reason,
            )
            previous = ""
            for stage, day in path:
                StageMove.objects.create(application=app, from_stage=previous, to_stage=stage, created=T0 + day * DAY)
                previous = stage
            return app

        # Hired: applied (0), screened (1), assessment (3), interview (4), offer (10), hired (12).
        cls.hired = make(
            "Aina",
            [("applied", 0), ("screened", 1), ("assessment", 3), ("interview", 4), ("offer", 10), ("hired", 12)],
        )
        # Rejected after screening: applied (0), screened (1), rejected (2).
        cls.rejected = make(
            "Badrul",
            [("applied", 0), ("screened", 1), ("rejected", 2)],
            verdict="not_qualified",
            findings=[finding("min_age", "not_met"), finding("education", "not_met"), finding("typing", "met")],
            reason="not_qualified",
            source="referral",
        )
        # Still applied, arrived a day later.
        cls.waiting = make(
            "Chong",
            [("applied", 1)],
            created=T0 + DAY,
            verdict="not_qualified",
            findings=[finding("min_age", "not_met"), finding("weekends", "not_met", level="preferred")],
        )
        # Skipped straight to interview (2), then withdrew (5).
        cls.withdrawn = make("Devi", [("applied", 0), ("interview", 2), ("withdrawn", 5)], source="referral")
        cls.stages = posting_stages(cls.posting)
        cls.apps = Application.objects.filter(posting=cls.posting)

    def test_funnel_counts_everyone_who_reached_a_stage_or_went_past_it(self):
        steps = {s.key: s for s in analytics.funnel(self.apps, self.stages)}
        reached = {key: step.reached for key, step in steps.items()}
        self.assertEqual(
            reached,
            {
                "applied": 4,
                "screened": 3,
                "assessment": 2,
                "interview": 2,
                "background_check": 1,
                "offer": 1,
                "hired": 1,
            },
        )

    def test_funnel_gives_conversion_from_the_stage_before_and_from_the_start(self):
        steps = {s.key: s for s in analytics.funnel(self.apps, self.stages)}
        self.assertIsNone(steps["applied"].step_rate)
        self.assertAlmostEqual(steps["screened"].step_rate, 3 / 4)
        self.assertAlmostEqual(steps["assessment"].step_rate, 2 / 3)
        self.assertAlmostEqual(steps["background_check"].step_rate, 1 / 2)
        self.assertAlmostEqual(steps["hired"].overall_rate, 1 / 4)

    def test_funnel_shows_who_is_in_each_stage_now(self):
        steps = {s.key: s for s in analytics.funnel(self.apps, self.stages)}
        self.assertEqual(steps["applied"].current, 1)
        self.assertEqual(steps["hired"].current, 1)
        self.assertEqual(steps["screened"].current, 0)

    def test_funnel_follows_a_postings_own_stages(self):
        self.posting.stages = [{"key": "applied"}, {"key": "call", "label": "Phone call"}, {"key": "hired"}]
        stages = posting_stages(self.posting)
        StageMove.objects.create(application=self.waiting, from_stage="applied", to_stage="call", created=T0 + 3 * DAY)
        steps = analytics.funnel(self.apps, stages)
        self.assertEqual(
            [(s.key, s.label, s.reached) for s in steps],
            [
                ("applied", "Applied", 4),
                ("call", "Phone call", 2),  # the hired candidate passed it too
                ("hired", "Hired", 1),
            ],
        )

    def test_closed_counts_give_rejected_and_withdrawn(self):
        tallies = {t.key: t.count for t in analytics.closed_counts(self.apps, self.stages)}
        self.assertEqual(tallies, {"rejected": 1, "withdrawn": 1})

    def test_time_in_stage_counts_finished_stays_only(self):
        times = {d.key: d for d in analytics.time_in_stage(self.apps, self.stages)}
        applied = times["applied"]  # Aina 1 day, Badrul 1 day, Devi 2 days; Chong is still there
        self.assertEqual(applied.count, 3)
        self.assertAlmostEqual(applied.median, 86400, delta=1)
        self.assertAlmostEqual(applied.mean, 4 / 3 * 86400, delta=1)
        interview = times["interview"]  # Aina 6 days, Devi 3 days
        self.assertEqual(interview.count, 2)
        self.assertAlmostEqual(interview.median, 4.5 * 86400, delta=1)
        self.assertEqual(times["background_check"].count, 0)
        self.assertIsNone(times["background_check"].median)
        self.assertNotIn("hired", times)

    def test_time_to_hire_runs_from_application_to_hire(self):
        duration = analytics.time_to_hire(self.apps)
        self.assertEqual(duration.count, 1)
        self.assertAlmostEqual(duration.median, 12 * 86400, delta=1)
        self.assertAlmostEqual(duration.mean, 12 * 86400, delta=1)

    def test_by_source_counts_the_commonest_first(self):
        self.assertEqual(
            [(t.key, t.count, t.share) for t in analytics.by_source(self.apps)],
            [("board", 2, 0.5), ("referral", 2, 0.5)],
        )

    def test_by_day_fills_days_without_applications(self):
        period = analytics.Period(dt.date(2026, 9, 30), dt.date(2026, 10, 3))
        self.assertEqual(
            analytics.by_day(period.applications(self.apps), period),
            [
                (dt.date(2026, 9, 30), 0),
                (dt.date(2026, 10, 1), 3),
                (dt.date(2026, 10, 2), 1),
                (dt.date(2026, 10, 3), 0),
            ],
        )

    def test_period_keeps_the_applications_that_arrived_in_it(self):
        period = analytics.Period(dt.date(2026, 10, 2), dt.date(2026, 10, 2))
        self.assertEqual(list(period.applications(self.apps)), [self.waiting])
        self.assertEqual(analytics.funnel(period.applications(self.apps), self.stages)[0].reached, 1)

    def test_knockouts_count_failed_required_criteria_of_the_not_qualified(self):
        tallies = analytics.knockouts(self.apps)
        self.assertEqual([(t.key, t.count, t.share) for t in tallies], [("min_age", 2, 1.0), ("education", 1, 0.5)])
        self.assertEqual(tallies[0].label, "Minimum age")

    def test_knockouts_use_the_content_language_for_labels(self):
        tallies = analytics.knockouts(self.apps, "ms")
        self.assertEqual(tallies[0].label, "Umur minimum")

    def test_rejection_reasons_are_counted(self):
        self.assertEqual(
            [(t.key, str(t.label), t.count) for t in analytics.rejection_reasons(self.apps)],
            [("not_qualified", "Does not meet the requirements", 1)],
        )

    def test_nothing_to_count_gives_empty_figures(self):
        empty = Application.objects.filter(posting=Posting.objects.create(employer=self.acme, title="New"))
        self.assertEqual(analytics.funnel(empty, self.stages)[0].reached, 0)
        self.assertIsNone(analytics.funnel(empty, self.stages)[1].step_rate)
        self.assertEqual(analytics.knockouts(empty), [])
        self.assertEqual(analytics.time_to_hire(empty).count, 0)
        self.assertEqual(analytics.by_day(empty, analytics.Period()), [])
