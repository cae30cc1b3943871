from django.core import mail

from callhire.base import emails
from callhire.base.models import Application, EmailTemplate
from callhire.test import BaseTestCase

LIST = "/control/employers/acme/emails/"
EDIT = "/control/employers/acme/emails/rejection/en/"


class EmailTemplatesTestCase(BaseTestCase):
    def test_the_list_shows_every_kind_with_default_or_own_wording(self):
        EmailTemplate.objects.create(employer=self.acme, kind="rejection", language="ms", subject="S", body="B")
        self.client.force_login(self.alice)
        r = self.client.get(LIST)
        self.assertContains(r, "Interview reminder")
        self.assertContains(r, "Your wording", count=1)
        self.assertContains(r, EDIT)

    def test_only_an_admin_manages_templates_and_outsiders_get_404(self):
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(LIST).status_code, 403)
        self.assertEqual(self.client.get(EDIT).status_code, 403)
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(LIST).status_code, 404)
        self.assertEqual(self.client.get(EDIT).status_code, 404)
        self.assertEqual(self.client.post(EDIT, {"action": "reset"}).status_code, 404)

    def test_an_unknown_kind_or_language_is_not_found(self):
        self.client.force_login(self.alice)
        self.assertEqual(self.client.get("/control/employers/acme/emails/nope/en/").status_code, 404)
        self.assertEqual(self.client.get("/control/employers/acme/emails/rejection/fr/").status_code, 404)

    def test_the_form_starts_with_the_default_wording_and_a_preview(self):
        self.client.force_login(self.alice)
        r = self.client.get("/control/employers/acme/emails/interview_confirmed/ms/")
        self.assertContains(r, "{interview_time}")
        self.assertContains(r, "Salam sejahtera Nur Aisyah")  # the Malay preview, with the made-up candidate
        self.assertContains(r, "Acme Contact")

    def test_preview_renders_without_saving(self):
        self.client.force_login(self.alice)
        data = {"action": "preview", "subject": "About {posting}", "body": "Hi {candidate_name}, from {employer}"}
        r = self.client.post(EDIT, data)
        self.assertContains(r, "About Inbound Customer Service Agent")
        self.assertContains(r, "Hi Dee Lim, from Acme Contact")
        self.assertFalse(EmailTemplate.objects.exists())

    def test_an_unknown_placeholder_is_refused_and_nothing_is_saved(self):
        self.client.force_login(self.alice)
        r = self.client.post(EDIT, {"action": "save", "subject": "Hi", "body": "On {interview_time} {nmae}"})
        self.assertContains(r, "Unknown placeholder: {interview_time}, {nmae}", status_code=400)
        self.assertFalse(EmailTemplate.objects.exists())
        r = self.client.post(EDIT, {"action": "save", "subject": "", "body": "x"})
        self.assertEqual(r.status_code, 400)

    def test_saving_is_used_for_the_next_email_and_reset_goes_back(self):
        self.client.force_login(self.alice)
        data = {"action": "save", "subject": "Sorry, {candidate_name}", "body": "Not this time. {link}"}
        r = self.client.post(EDIT, data)
        self.assertRedirects(r, LIST)
        own = EmailTemplate.objects.get()
        self.assertEqual((own.updated_by, own.subject), (self.alice, "Sorry, {candidate_name}"))
        application = Application.objects.create(posting=self.posting, name="Dee Lim", email="dee@example.com")
        emails.template_send(application, "rejection")
        self.assertEqual(mail.outbox[-1].subject, "Sorry, Dee Lim")
        self.client.post(EDIT, {"action": "reset"})
        self.assertFalse(EmailTemplate.objects.exists())
        emails.template_send(application, "rejection")
        self.assertEqual(mail.outbox[-1].subject, "Your application for Inbound Customer Service Agent")


class EmailLogTestCase(BaseTestCase):
    def setUp(self):
        self.application = Application.objects.create(posting=self.posting, name="Dee Lim", email="dee@example.com")
        self.entry = emails.email_send(
            self.application,
            "Your interview",
            "Dear Dee,\nsee you.",
            kind="interview_confirmed",
            user=self.bob,
            attachments=[("interview.ics", b"BEGIN:VCALENDAR", "text/calendar")],
        )

    def test_the_candidate_page_lists_the_emails_and_opens_one(self):
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/applications/{self.application.pk}/")
        self.assertContains(r, "Emails sent")
        self.assertContains(r, f"/control/applications/{self.application.pk}/emails/{self.entry.pk}/")
        self.assertContains(r, "interview.ics")
        r = self.client.get(f"/control/applications/{self.application.pk}/emails/{self.entry.pk}/")
        self.assertContains(r, "Dear Dee,\nsee you.")
        self.assertContains(r, "dee@example.com")

    def test_a_failed_email_is_logged_with_its_error(self):
        from unittest import mock

        with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("connection refused")):
            entry = emails.email_send(self.application, "S", "B", kind="rejection")
        self.assertEqual(entry.error, "connection refused")
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/applications/{self.application.pk}/emails/{entry.pk}/")
        self.assertContains(r, "connection refused")

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        r = self.client.get(f"/control/applications/{self.application.pk}/emails/{self.entry.pk}/")
        self.assertEqual(r.status_code, 404)

    def test_an_email_of_another_application_is_not_found(self):
        other = Application.objects.create(posting=self.posting, name="Eve", email="eve@example.com")
        self.client.force_login(self.bob)
        r = self.client.get(f"/control/applications/{other.pk}/emails/{self.entry.pk}/")
        self.assertEqual(r.status_code, 404)
