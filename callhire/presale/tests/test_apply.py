import uuid

from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from callhire.base.models import Application
from callhire.test import BaseTestCase, application_data, make_docx, make_pdf


class ApplyTestCase(BaseTestCase):
    def url(self, lang="en"):
        return f"/{lang}/jobs/acme/{self.posting.pk}-x/apply/"

    def setUp(self):
        cache.clear()

    def data(self, **extra):
        return application_data(**{"email": "Dee@Example.com", "phone": "+60 12 345 6789", **extra})

    def test_the_form_asks_no_birth_date_and_shows_the_privacy_notice(self):
        r = self.client.get(self.url())
        self.assertContains(r, "Are you 18 years old or older?")
        self.assertNotContains(r, "birth date</label>")
        self.assertContains(r, "Privacy notice (version")
        self.assertContains(r, 'name="submission_key"')

    def test_it_records_screens_and_emails_the_candidate(self):
        cv = SimpleUploadedFile("cv.pdf", make_pdf("Dee Lim five years retail cashier"))
        r = self.client.post(self.url(), self.data(cv=cv))
        app = Application.objects.get()
        self.assertRedirects(r, f"/en/status/{app.token}/?submitted=1")
        self.assertEqual(app.email, "dee@example.com")
        self.assertEqual(app.verdict, "needs_review")  # voice test, typing and background check to come
        self.assertEqual(app.profile_version, self.posting.current_version())
        self.assertEqual(app.facts["age_years"], True)
        self.assertNotIn("birth_date", app.facts)
        self.assertTrue(app.consent_version)
        self.assertIn("five years retail", app.cv_text)
        (message,) = mail.outbox  # one email: the status link and the assessment invitation
        self.assertIn(f"/en/status/{app.token}/", message.body)
        self.assertEqual(message.to, ["dee@example.com"])
        self.assertIn(f"/en/assess/{app.invitations.get().token}/", message.body)

    def test_a_malay_candidate_gets_malay_mail(self):
        self.client.post(self.url("ms"), self.data())
        app = Application.objects.get()
        self.assertEqual(app.language, "ms")
        self.assertIn(f"/ms/status/{app.token}/", mail.outbox[0].body)
        self.assertIn("Terima kasih", mail.outbox[0].body)

    def test_a_double_submit_makes_one_application(self):
        data = self.data()
        first = self.client.post(self.url(), data)
        second = self.client.post(self.url(), data)
        self.assertEqual(Application.objects.count(), 1)
        self.assertEqual(first["Location"], second["Location"])
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(Application.objects.get().invitations.count(), 1)

    def test_the_candidate_updates_their_application_from_the_status_link(self):
        self.client.post(self.url(), self.data())
        app = Application.objects.get()
        r = self.client.get(self.url() + f"?update={app.token}")
        self.assertContains(r, 'value="Dee Lim"')
        self.assertContains(r, f'value="{app.token}"')
        self.client.post(self.url(), self.data(q_education="bachelor", update_token=app.token))
        app.refresh_from_db()
        self.assertEqual(app.facts["education"], "bachelor")
        self.assertEqual(len(mail.outbox), 2)  # the first confirmation, then the update (no second invitation)
        self.assertIn("updated", mail.outbox[1].subject)
        self.assertEqual(app.invitations.count(), 1)

    def test_someone_else_with_the_same_email_changes_nothing(self):
        self.client.post(self.url(), self.data())
        app = Application.objects.get()
        r = self.client.post(self.url(), self.data(name="Mallory", q_education="none"))
        self.assertContains(r, "You have already applied")
        app.refresh_from_db()
        self.assertEqual(app.name, "Dee Lim")
        self.assertEqual(app.facts["education"], "high_school")
        self.assertIn(f"/en/status/{app.token}/", mail.outbox[-1].body)  # the owner, not the visitor, gets the link
        self.assertIn("Nothing was changed", mail.outbox[-1].body)

    def test_a_huge_upload_is_refused_before_it_is_read(self):
        r = self.client.post(self.url(), self.data(), CONTENT_LENGTH=str(50 * 1024 * 1024))
        self.assertEqual(r.status_code, 413)
        self.assertEqual(Application.objects.count(), 0)

    def test_errors_show_by_the_field_and_keep_what_was_typed(self):
        r = self.client.post(self.url(), self.data(email="not-an-email", consent=""))
        self.assertEqual(r.status_code, 400)
        self.assertContains(r, 'id="id_email_error"', status_code=400)
        self.assertContains(r, 'id="id_consent_error"', status_code=400)
        self.assertContains(r, 'value="Dee Lim"', status_code=400)
        self.assertContains(r, 'value="+60 12 345 6789"', status_code=400)
        self.assertEqual(Application.objects.count(), 0)

    def test_errors_show_in_malay_under_ms(self):
        r = self.client.post(self.url("ms"), self.data(name=""))
        self.assertContains(r, "Medan ini diperlukan", status_code=400)

    def test_a_cv_survives_a_failed_submit(self):
        data = self.data(email="bad")
        data["cv"] = SimpleUploadedFile("cv.docx", make_docx("Kept CV text"))
        r = self.client.post(self.url(), data)
        self.assertContains(r, "We kept your CV (cv.docx)", status_code=400)
        data = self.data(submission_key=data["submission_key"])
        self.client.post(self.url(), data)
        self.assertIn("Kept CV text", Application.objects.get().cv_text)

    def test_a_cv_is_checked_by_content_not_name(self):
        fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 this is a program" * 10)
        r = self.client.post(self.url(), self.data(cv=fake))
        self.assertContains(r, "must be a PDF or a Word (.docx) file", status_code=400)
        self.assertEqual(Application.objects.count(), 0)

    def test_a_cv_over_5_mb_is_refused(self):
        big = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 1))
        r = self.client.post(self.url(), self.data(cv=big))
        self.assertContains(r, "larger than 5 MB", status_code=400)

    @override_settings(CALLHIRE_APPLY_RATE=(2, 600))
    def test_a_flood_from_one_address_is_stopped(self):
        for _ in range(2):
            self.client.post(self.url(), self.data(email=f"{uuid.uuid4().hex}@example.com"))
        r = self.client.post(self.url(), self.data(email="last@example.com"))
        self.assertEqual(r.status_code, 429)
        self.assertContains(r, 'value="last@example.com"', status_code=429)
        self.assertEqual(Application.objects.count(), 2)

    def test_the_form_is_protected_against_csrf(self):
        client = Client(enforce_csrf_checks=True)
        r = client.post(self.url(), self.data())
        self.assertEqual(r.status_code, 403)
        self.assertEqual(Application.objects.count(), 0)

    @override_settings(CALLHIRE_APPLY_RATE=(1, 600), CALLHIRE_TRUSTED_PROXIES=1)
    def test_behind_a_proxy_each_visitor_has_their_own_limit(self):
        r = self.client.post(self.url(), self.data(email="a@example.com"), HTTP_X_FORWARDED_FOR="203.0.113.1")
        self.assertEqual(r.status_code, 302)
        r = self.client.post(self.url(), self.data(email="b@example.com"), HTTP_X_FORWARDED_FOR="203.0.113.2")
        self.assertEqual(r.status_code, 302)
        r = self.client.post(self.url(), self.data(email="c@example.com"), HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.2")
        self.assertEqual(r.status_code, 429)  # a made-up entry on the left changes nothing
