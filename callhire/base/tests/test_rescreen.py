import copy
import sys
from pathlib import Path
from unittest import mock

import pytest

from callhire.base import services
from callhire.base.analytics import knockouts
from callhire.base.jobs import job_run
from callhire.base.models import Application, Job, Membership, Screening, VerdictChange
from callhire.base.rescreen import application_findings, findings_fill_task
from callhire.screening.engine import statuses_code
from callhire.test import BaseTestCase

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "bench"))
from bench_screening import PROFILE, candidates  # noqa: E402

ODD = [
    # Answers with quotes, backslashes, tabs and non-ASCII text, a source given as null, none recorded.
    ({"residence": 'Kuala "Lumpur"\\\t', "age_years": 30}, {"residence": "declared"}),
    ({"residence": {"city": "Petaling Jaya – Selangor", "region": "Selangor"}}, {}),
    ({"typing_wpm": 50, "speaking_score": 70}, {"typing_wpm": None, "speaking_score": "measured"}),
    ({"typing_wpm": "fast", "education": 7, "languages": "en"}, {"typing_wpm": "measured"}),
]


def findings_pending(applications) -> int:
    """Count the applications whose findings explain another version than their verdict's."""
    rows = applications.values_list("profile_version", "screening__profile_version")
    return sum(findings != verdict for findings, verdict in rows if verdict is not None)


class RescreenTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        services.profile_save(cls.posting, copy.deepcopy(PROFILE))
        cls.version1 = cls.posting.current_version()
        people = list(candidates(80, seed=3)) + ODD
        for n, (facts, sources) in enumerate(people):
            app = Application.objects.create(
                posting=cls.posting, name=f"Person {n}", email=f"p{n}@example.com", facts=facts, fact_sources=sources
            )
            services.application_screen(app, cls.version1)
        cls.other_posting_app = Application.objects.create(
            posting=cls.posting.employer.postings.create(title="Other"), name="Elsewhere", email="e@example.com"
        )

    def change_profile(self):
        document = copy.deepcopy(PROFILE)
        document["requirements"]["typing_wpm"]["value"] = 45
        document["requirements"]["residency"]["weight"] = 3
        self.before = {a.pk: (a.verdict, a.score, a.stage) for a in self.posting.applications.all()}
        with self.captureOnCommitCallbacks(execute=True):
            version = services.profile_save(self.posting, document, user=self.alice)
        return version, Job.objects.get(kind=Job.Kind.RESCREEN)

    def test_it_gives_every_row_what_application_screen_gives(self):
        version, job = self.change_profile()
        self.assertEqual(job.state, Job.State.DONE, job.error)
        self.assertEqual(job.created_by, self.alice)
        changed_any = False
        for app in self.posting.applications.all():
            expected = Application.objects.get(pk=app.pk)
            services._set_verdict(expected, version)
            self.assertEqual((app.verdict, app.score), (expected.verdict, expected.score), app.name)
            self.assertEqual(application_findings(app), expected.findings, app.name)
            app.refresh_from_db()
            self.assertEqual(app.profile_version, version)
            changed_any |= self.before[app.pk][:2] != (app.verdict, app.score)
        self.assertTrue(changed_any)

    def test_the_rows_written_keep_each_rules_status_under_the_new_version(self):
        version, job = self.change_profile()
        rows = Screening.objects.filter(posting=self.posting, profile_version=version).select_related("application")
        self.assertEqual(rows.count(), job.result["written"])
        for row in rows:
            app = row.application
            self.assertEqual(
                row.statuses, statuses_code(version.screener().screen(app.facts, app.fact_sources).statuses)
            )

    def test_rows_screened_before_statuses_were_kept_are_screened_from_their_facts(self):
        Screening.objects.filter(posting=self.posting).update(statuses="")  # as the upgrade leaves them
        version, job = self.change_profile()
        self.assertEqual(job.state, Job.State.DONE, job.error)
        self.assertEqual(job.result["written"], self.posting.applications.count())  # each gets its statuses
        for app in self.posting.applications.select_related("screening"):
            expected = version.screener().screen(app.facts, app.fact_sources)
            self.assertEqual((app.verdict, app.score), (expected.verdict, expected.score), app.name)
            self.assertEqual(app.screening.statuses, statuses_code(expected.statuses))

    def test_a_change_of_weights_alone_gives_what_application_screen_gives(self):
        document = copy.deepcopy(PROFILE)
        for rule in document["requirements"].values():
            if rule.get("level") == "preferred":
                rule["weight"] = 5 - rule.get("weight", 1) % 5
        with self.captureOnCommitCallbacks(execute=True):
            version = services.profile_save(self.posting, document)
        for app in self.posting.applications.all():
            expected = Application.objects.get(pk=app.pk)
            services._set_verdict(expected, version)
            self.assertEqual((app.verdict, app.score), (expected.verdict, expected.score), app.name)

    def test_it_gives_the_same_in_small_chunks(self):
        with mock.patch("callhire.base.rescreen.CHUNK", 7):
            version, job = self.change_profile()
        self.assertEqual(job.state, Job.State.DONE, job.error)
        for app in self.posting.applications.all():
            expected = Application.objects.get(pk=app.pk)
            services._set_verdict(expected, version)
            self.assertEqual((app.verdict, app.score), (expected.verdict, expected.score), app.name)
        self.assertEqual(job.result["changed"], job.verdict_changes.count())

    def test_it_keeps_the_previous_verdict_and_lists_whose_verdict_changed(self):
        _version, job = self.change_profile()
        changed = {a.pk for a in self.posting.applications.all() if self.before[a.pk][0] != a.verdict}
        self.assertTrue(changed)
        self.assertEqual({c.application_id for c in job.verdict_changes.all()}, changed)
        self.assertEqual(job.result["changed"], len(changed))
        for app in self.posting.applications.all():
            if app.pk in changed:
                self.assertEqual(app.previous_verdict, self.before[app.pk][0])
                change = job.verdict_changes.get(application=app)
                self.assertEqual((change.before, change.after), (self.before[app.pk][0], app.verdict))
            else:
                self.assertEqual(app.previous_verdict, "")
            self.assertEqual(app.stage, self.before[app.pk][2])  # nobody is moved

    def test_the_pass_leaves_the_changed_rows_findings_to_a_background_task(self):
        with mock.patch("callhire.base.rescreen.enqueue") as enqueue:
            version, job = self.change_profile()
        enqueue.assert_called_once_with(findings_fill_task, self.posting.pk)
        rows = self.posting.applications.values_list("pk", "profile_version", "screening__profile_version")
        left = {pk for pk, findings_version, verdict_version in rows if findings_version != verdict_version}
        self.assertEqual(len(left), job.result["written"])
        self.assertTrue(left)
        self.assertEqual(findings_pending(self.posting.applications.all()), job.result["written"])
        self.assertEqual(findings_fill_task(self.posting.pk), len(left))
        self.assertEqual(findings_pending(self.posting.applications.all()), 0)
        for app in self.posting.applications.filter(pk__in=left):
            expected = Application.objects.get(pk=app.pk)
            services._set_verdict(expected, version)
            self.assertEqual(app.findings, expected.findings, app.name)
            self.assertEqual(app.profile_version, version)

    def test_knock_out_reasons_count_the_rows_whose_findings_are_not_filled_yet(self):
        with mock.patch("callhire.base.rescreen.enqueue"):
            version, _job = self.change_profile()
        not_qualified = self.posting.applications.filter(screening__verdict="not_qualified")
        self.assertTrue(findings_pending(not_qualified))
        counted = knockouts(self.posting.applications.all())  # from the statuses, nothing written out
        self.assertTrue(findings_pending(not_qualified))
        # The same as when every row is screened in full against the new version.
        for app in self.posting.applications.all():
            services.application_screen(app, version)
        self.assertEqual(counted, knockouts(self.posting.applications.all()))
        self.assertTrue(counted)

    def test_it_counts_the_verdicts_before_and_after(self):
        _version, job = self.change_profile()
        before, after = {}, {}
        for verdict, _score, _stage in self.before.values():
            before[verdict] = before.get(verdict, 0) + 1
        for app in self.posting.applications.all():
            after[app.verdict] = after.get(app.verdict, 0) + 1
        self.assertEqual(job.result["before"], before)
        self.assertEqual(job.result["after"], after)
        self.assertEqual((job.total, job.done), (len(self.before), len(self.before)))

    def test_running_it_again_changes_nothing_more(self):
        _version, job = self.change_profile()
        fields = ("pk", "screening__verdict", "screening__score", "screening__previous_verdict", "screening__statuses")
        rows = list(self.posting.applications.values_list(*fields))
        Job.objects.filter(pk=job.pk).update(state=Job.State.RUNNING)  # as if its worker had died
        job_run(job.pk)
        job.refresh_from_db()
        self.assertEqual(job.state, Job.State.DONE)
        self.assertEqual(rows, list(self.posting.applications.values_list(*fields)))
        self.assertEqual(VerdictChange.objects.count(), job.result["changed"])
        self.assertEqual(job.result["written"], 0)

    def test_a_profile_saved_before_anyone_applied_starts_no_job(self):
        posting = self.acme.postings.create(title="Fresh")
        with self.captureOnCommitCallbacks(execute=True):
            services.profile_save(posting, copy.deepcopy(PROFILE))
        self.assertFalse(posting.jobs.exists())

    def test_the_result_page_shows_counts_and_links_to_who_changed(self):
        _version, job = self.change_profile()
        change = job.verdict_changes.select_related("application").first()
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/jobs/{job.pk}/")
        self.assertContains(r, "Whose verdict changed")
        self.assertContains(r, f'href="/control/applications/{change.application_id}/"')
        self.assertContains(r, "Nobody was moved to another stage.")
        r = self.client.get(f"/control/postings/{self.posting.pk}/applications/")
        self.assertContains(r, f'href="/control/jobs/{job.pk}/"')
        r = self.client.get(f"/control/applications/{change.application_id}/")
        self.assertContains(r, "Before the profile changed, the verdict was")

    def test_an_outsider_gets_404_and_a_hiring_manager_403(self):
        _version, job = self.change_profile()
        self.client.force_login(self.charlie)
        for url in (f"/control/jobs/{job.pk}/", f"/control/jobs/{job.pk}/progress/"):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        Membership.objects.filter(user=self.bob).update(role=Membership.Role.HIRING_MANAGER)
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(f"/control/jobs/{job.pk}/").status_code, 403)


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_changes_are_written_alongside_the_reading():
    from callhire.base.models import Employer, Posting

    employer = Employer.objects.create(name="Acme", slug="acme")
    posting = Posting.objects.create(employer=employer, title="Agent", status="open")
    services.profile_save(posting, copy.deepcopy(PROFILE))
    for n, (facts, sources) in enumerate(candidates(60, seed=5)):
        app = Application.objects.create(
            posting=posting, name=f"P{n}", email=f"p{n}@example.com", facts=facts, fact_sources=sources
        )
        services.application_screen(app)
    before = dict(posting.applications.values_list("pk", "screening__verdict"))
    document = copy.deepcopy(PROFILE)
    document["requirements"]["typing_wpm"]["value"] = 45
    with mock.patch("callhire.base.rescreen.CHUNK", 9):
        version = services.profile_save(posting, document)
    job = Job.objects.get(kind=Job.Kind.RESCREEN)
    assert job.state == Job.State.DONE, job.error
    changed = set()
    for app in posting.applications.all():
        expected = Application.objects.get(pk=app.pk)
        services._set_verdict(expected, version)
        assert (app.verdict, app.score) == (expected.verdict, expected.score)
        if before[app.pk] != app.verdict:
            changed.add(app.pk)
            assert app.previous_verdict == before[app.pk]
    assert changed and set(job.verdict_changes.values_list("application_id", flat=True)) == changed
