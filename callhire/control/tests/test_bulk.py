import csv
import io
import uuid
from unittest import mock

from django.core import mail

from callhire.base import services
from callhire.base.models import Application, EmailLog, Job, Membership, Posting, StageMove
from callhire.test import BaseTestCase, demo_document


def make_applications(posting, count, **fields):
    apps = []
    for n in range(count):
        app = Application.objects.create(
            posting=posting,
            name=fields.get("name", f"Person {n}"),
            email=f"{fields.get('name', 'p')}{n}-{posting.pk}@example.com".lower(),
            facts={"age_years": 17 if n % 2 else 30},
        )
        services.application_screen(app)
        apps.append(app)
    return apps


class BulkActionTestCase(BaseTestCase):
    def setUp(self):
        self.apps = make_applications(self.posting, 4)
        self.url = f"/control/postings/{self.posting.pk}/applications/bulk/"
        self.client.force_login(self.bob)

    def post(self, action, ids=None, query="", **fields):
        data = {"action": action, "key": str(uuid.uuid4()), **fields}
        if ids is not None:
            data["selected"] = ids
        return self.client.post(self.url + query, data)

    def test_it_moves_the_selected_applications_and_records_who_moved_them(self):
        r = self.post("move", [self.apps[0].pk, self.apps[1].pk], stage="screened", note="Phone screen booked")
        job = Job.objects.get()
        self.assertRedirects(r, f"/control/jobs/{job.pk}/")
        self.assertEqual((job.state, job.done, job.total), ("done", 2, 2))
        self.assertEqual(job.result["counts"], {"moved": 2})
        moves = StageMove.objects.filter(cause="bulk")
        self.assertEqual({m.application_id for m in moves}, {self.apps[0].pk, self.apps[1].pk})
        self.assertEqual({(m.user, m.to_stage, m.note) for m in moves}, {(self.bob, "screened", "Phone screen booked")})
        self.assertEqual(Application.objects.get(pk=self.apps[2].pk).stage, "applied")
        r = self.client.get(f"/control/jobs/{job.pk}/")
        self.assertContains(r, "Moved")
        self.assertContains(r, '<progress id="job-bar" max="2" value="2">')

    def test_it_rejects_with_a_reason_and_the_templated_email(self):
        self.post("reject", [self.apps[0].pk, self.apps[1].pk], reason="position_filled", email="on")
        for app in Application.objects.filter(pk__in=[self.apps[0].pk, self.apps[1].pk]):
            self.assertEqual((app.stage, app.rejection_reason), ("rejected", "position_filled"))
        logs = EmailLog.objects.filter(kind="rejection")
        self.assertEqual(logs.count(), 2)
        self.assertEqual({log.sent_by for log in logs}, {self.bob})
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("Inbound Customer Service Agent", mail.outbox[0].subject)

    def test_a_rejection_needs_a_reason_and_changes_nothing_without_one(self):
        r = self.post("reject", [self.apps[0].pk], reason="")
        self.assertRedirects(r, f"/control/postings/{self.posting.pk}/applications/", fetch_redirect_response=False)
        self.assertFalse(Job.objects.exists())
        self.assertEqual(Application.objects.get(pk=self.apps[0].pk).stage, "applied")
        r = self.client.get(r.url)
        self.assertContains(r, "Say why the candidates are rejected.")

    def test_nothing_selected_is_refused(self):
        r = self.post("move", [], stage="screened")
        self.assertFalse(Job.objects.exists())
        self.assertContains(self.client.get(r.url), "Select the applications first.")

    def test_a_double_submit_runs_the_job_once(self):
        data = {"action": "reject", "key": str(uuid.uuid4()), "selected": [self.apps[0].pk], "reason": "other"}
        data["email"] = "on"
        first = self.client.post(self.url, data)
        second = self.client.post(self.url, data, follow=True)
        self.assertEqual(Job.objects.count(), 1)
        self.assertRedirects(second, first.url)
        self.assertContains(second, "This form was already sent")
        self.assertEqual(EmailLog.objects.filter(kind="rejection").count(), 1)

    def test_rejecting_again_sends_no_second_email(self):
        self.post("reject", [self.apps[0].pk], reason="other", email="on")
        self.post("reject", [self.apps[0].pk, self.apps[1].pk], reason="other", email="on")
        self.assertEqual(EmailLog.objects.filter(application=self.apps[0]).count(), 1)
        self.assertEqual(Job.objects.first().result["counts"], {"skipped": 1, "rejected": 1})

    def test_select_all_takes_every_application_matching_the_filter(self):
        r = self.post("move", ["junk"], query="?verdict=not_qualified", all_matching="on", stage="screened")
        job = Job.objects.get()
        self.assertRedirects(r, f"/control/jobs/{job.pk}/")
        not_qualified = {a.pk for a in self.apps if a.facts["age_years"] == 17}
        self.assertEqual(set(job.params["ids"]), not_qualified)
        self.assertEqual(set(Application.objects.filter(stage="screened").values_list("pk", flat=True)), not_qualified)

    def test_a_large_selection_runs_in_the_background_with_progress(self):
        more = make_applications(self.posting, 60, name="Bulk")
        ids = [a.pk for a in more]
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            r = self.post("move", ids, stage="screened")
        job = Job.objects.get()
        self.assertEqual(job.state, "queued")
        progress = self.client.get(f"/control/jobs/{job.pk}/progress/").json()
        self.assertEqual((progress["state"], progress["done"], progress["total"]), ("queued", 0, 60))
        self.assertContains(self.client.get(r.url), "Refresh to see how far it got")
        for callback in callbacks:
            callback()
        progress = self.client.get(f"/control/jobs/{job.pk}/progress/").json()
        self.assertEqual((progress["state"], progress["done"], progress["percent"]), ("done", 60, 100))
        self.assertTrue(progress["finished"])
        self.assertEqual(Application.objects.filter(stage="screened").count(), 60)

    def test_a_failing_row_is_named_and_the_others_go_on(self):
        real = services.email_send
        bad = self.apps[1]

        def send(application, *args, **kwargs):
            if application.pk == bad.pk:
                raise RuntimeError("template broken")
            return real(application, *args, **kwargs)

        ids = [a.pk for a in self.apps[:3]]
        with mock.patch("callhire.base.emails.email_send", side_effect=send):
            self.post("reject", ids, reason="other", email="on")
        job = Job.objects.get()
        self.assertEqual(job.state, "done")
        self.assertEqual(job.result["counts"], {"rejected": 2, "failed": 1})
        self.assertEqual(job.result["errors"], [{"id": bad.pk, "name": bad.name, "error": "template broken"}])
        # The failed row's move was undone with it: it can simply be tried again.
        self.assertEqual(Application.objects.get(pk=bad.pk).stage, "applied")
        self.assertContains(self.client.get(f"/control/jobs/{job.pk}/"), "template broken")

    def test_it_invites_to_the_assessments_and_refuses_without_any(self):
        before = self.apps[0].invitations.count()
        self.post("invite", [self.apps[0].pk])
        self.assertEqual(self.apps[0].invitations.count(), before + 1)
        self.posting.assessment_config = {"sections": []}
        self.posting.save()
        r = self.post("invite", [self.apps[0].pk])
        self.assertContains(self.client.get(r.url), "This posting uses no assessments.")
        self.assertEqual(Job.objects.count(), 1)

    def test_another_employers_applications_are_left_out(self):
        elsewhere = Posting.objects.create(employer=self.other, title="Theirs", status="open")
        services.profile_save(elsewhere, demo_document("inbound-office.yaml"))
        theirs = make_applications(elsewhere, 1)[0]
        r = self.post("move", [theirs.pk], stage="screened")
        self.assertFalse(Job.objects.exists())
        self.assertContains(self.client.get(r.url), "None of the selected applications")
        self.assertEqual(Application.objects.get(pk=theirs.pk).stage, "applied")

    def test_an_outsider_gets_404_and_a_hiring_manager_403(self):
        self.post("move", [self.apps[0].pk], stage="screened")
        job = Job.objects.get()
        self.client.force_login(self.charlie)
        self.assertEqual(self.post("move", [self.apps[1].pk], stage="screened").status_code, 404)
        for url in (
            f"/control/jobs/{job.pk}/",
            f"/control/jobs/{job.pk}/progress/",
            f"/control/jobs/{job.pk}/download/",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)
        Membership.objects.filter(user=self.bob).update(role=Membership.Role.HIRING_MANAGER)
        self.client.force_login(self.bob)
        self.assertEqual(self.post("move", [self.apps[1].pk], stage="screened").status_code, 403)
        self.assertEqual(self.client.get(f"/control/jobs/{job.pk}/").status_code, 403)
        self.assertEqual(Job.objects.count(), 1)


class ExportTestCase(BaseTestCase):
    def setUp(self):
        self.apps = make_applications(self.posting, 2)
        Application.objects.filter(pk=self.apps[0].pk).update(name='=HYPERLINK("http://evil")', phone="+60123")
        self.client.force_login(self.bob)

    def export(self):
        data = {"action": "export", "key": str(uuid.uuid4()), "all_matching": "on"}
        self.client.post(f"/control/postings/{self.posting.pk}/applications/bulk/", data)
        return Job.objects.get()

    def test_it_exports_the_selection_as_csv_safe_from_formulas(self):
        job = self.export()
        r = self.client.get(f"/control/jobs/{job.pk}/")
        self.assertContains(r, f'href="/control/jobs/{job.pk}/download/"')
        r = self.client.get(f"/control/jobs/{job.pk}/download/")
        self.assertEqual(r["Content-Type"], "text/csv; charset=utf-8")
        self.assertIn("attachment", r["Content-Disposition"])
        text = b"".join(r.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        self.assertEqual(
            rows[0][:8], ["Name", "Email", "Phone", "Stage", "Verdict", "Preference score", "Source", "Applied"]
        )
        self.assertEqual(rows[0][8:10], ["Minimum age", "Education"])
        by_email = {row[1]: row for row in rows[1:]}
        evil = by_email[self.apps[0].email]
        self.assertEqual(evil[0], '\'=HYPERLINK("http://evil")')
        self.assertEqual(evil[2], "'+60123")
        self.assertEqual(evil[3], "Applied")
        self.assertEqual(len(rows), 3)

    def test_only_a_signed_in_teammate_downloads_it(self):
        job = self.export()
        url = f"/control/jobs/{job.pk}/download/"
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(url).status_code, 404)
