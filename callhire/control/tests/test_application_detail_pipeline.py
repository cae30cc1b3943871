"""The candidate page's pipeline side: contact, stage form, notes, history, CV viewer, duplicates."""

from django.core import mail
from django.core.files.base import ContentFile

from callhire.base.emails import email_send
from callhire.base.models import Application, Note, Posting
from callhire.base.pipeline import note_add, stage_move
from callhire.control.tests.pipeline_helpers import PipelineTestCase, make_application
from callhire.test import make_docx, make_pdf


class CandidatePageTestCase(PipelineTestCase):
    def setUp(self):
        self.dee = make_application(self.posting, "Dee Lim", phone="+60 12-345 6789", source="referral")
        self.url = f"/control/applications/{self.dee.pk}/"

    def test_it_shows_contact_details_and_the_move_form(self):
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, 'href="mailto:dee@example.com"')
        self.assertContains(r, 'href="tel:+60 12-345 6789"')
        self.assertContains(r, "referral")
        self.assertContains(r, "Move to another stage")
        self.assertContains(r, "Does not meet the requirements")

    def test_the_history_shows_moves_notes_emails_and_invitations_newest_first(self):
        stage_move(self.dee, "screened", user=self.bob, note="Called her")
        stage_move(self.dee, "rejected", user=self.alice, reason="position_filled")
        note_add(self.dee, self.alice, "Ask @bob about the shift")
        email_send(self.dee, "Your application", "Dear Dee", kind="rejection", user=self.alice)
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        timeline = r.context["timeline"]
        self.assertEqual([e["kind"] for e in timeline], ["email", "note", "move", "move", "move"])
        self.assertContains(r, "Moved from Applied to Screened")
        self.assertContains(r, "Called her")
        self.assertContains(r, "Position filled")
        self.assertContains(r, 'Ask <mark class="mention">@bob</mark> about the shift')
        # The body is shown once, on the email's own page, linked from the history and the email log.
        email = self.dee.emails.get()
        link = f'href="/control/applications/{self.dee.pk}/emails/{email.pk}/"'
        self.assertContains(r, link, count=2)
        self.assertContains(r, "What was sent to dee@example.com")
        self.assertNotContains(r, "Dear Dee")
        self.assertContains(r, "Applied: entered Applied")

    def test_a_note_cannot_inject_markup(self):
        note_add(self.dee, self.alice, "<script>alert(1)</script> @bob")
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertNotContains(r, "<script>alert(1)")
        self.assertContains(r, "&lt;script&gt;alert(1)&lt;/script&gt; <mark")

    def test_a_note_with_a_mention_emails_the_teammate(self):
        self.client.force_login(self.bob)
        with self.captureOnCommitCallbacks(execute=True):
            r = self.client.post(f"{self.url}notes/", {"text": "@alice please call her"}, follow=True)
        self.assertContains(r, "will be told by email")
        note = Note.objects.get()
        self.assertEqual(list(note.mentions.all()), [self.alice])
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["alice@acme.test"])
        self.assertIn(f"/control/applications/{self.dee.pk}/", mail.outbox[0].body)

    def test_an_empty_or_huge_note_is_refused(self):
        self.client.force_login(self.bob)
        r = self.client.post(f"{self.url}notes/", {"text": "   "}, follow=True)
        self.assertContains(r, "Write something first.")
        r = self.client.post(f"{self.url}notes/", {"text": "x" * 10_001}, follow=True)
        self.assertContains(r, "at most 10,000 characters")
        self.assertFalse(Note.objects.exists())

    def test_a_pdf_cv_is_shown_inline_safely(self):
        self.dee.cv.save("cv.pdf", ContentFile(make_pdf("Dee retail")), save=True)
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, f'src="/control/applications/{self.dee.pk}/cv/view/"')
        r = self.client.get(f"{self.url}cv/view/")
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertTrue(r["Content-Disposition"].startswith("inline"))
        self.assertEqual(r["X-Content-Type-Options"], "nosniff")
        self.assertEqual(r["X-Frame-Options"], "SAMEORIGIN")
        self.assertEqual(b"".join(r.streaming_content)[:5], b"%PDF-")
        r = self.client.get(f"{self.url}cv/")
        self.assertTrue(r["Content-Disposition"].startswith("attachment"))

    def test_a_word_cv_shows_its_text_and_is_not_served_inline(self):
        self.dee.cv.save("cv.docx", ContentFile(make_docx("Dee docx")), save=False)
        self.dee.cv_text = "Dee worked in a call centre"
        self.dee.save()
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertNotContains(r, "<iframe")
        self.assertContains(r, "Dee worked in a call centre")
        self.assertEqual(self.client.get(f"{self.url}cv/view/").status_code, 404)

    def test_a_file_that_is_not_a_pdf_is_never_served_inline(self):
        self.dee.cv.save("cv.pdf", ContentFile(b"<html><script>alert(1)</script>"), save=True)
        self.client.force_login(self.bob)
        self.assertEqual(self.client.get(f"{self.url}cv/view/").status_code, 404)

    def test_duplicates_across_postings_are_listed_but_not_mergeable(self):
        other_posting = Posting.objects.create(employer=self.acme, title="Outbound Sales", status="open")
        twin = make_application(other_posting, "Dee L.", email="dee.lim@work.example", phone="012 345 6789")
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, "The same person elsewhere")
        self.assertContains(r, f'href="/control/applications/{twin.pk}/"')
        self.assertContains(r, "Outbound Sales")
        self.assertNotContains(r, "Merge into this application")

    def test_a_duplicate_to_the_same_posting_can_be_merged(self):
        twin = make_application(self.posting, "Dee L.", email="dee.lim@work.example", phone="0123456789")
        note_add(twin, self.bob, "Applied twice")
        self.client.force_login(self.bob)
        r = self.client.get(self.url)
        self.assertContains(r, "Merge into this application")
        r = self.client.post(f"{self.url}merge/", {"other": twin.pk}, follow=True)
        self.assertContains(r, "Tick the box to confirm")
        self.assertTrue(Application.objects.filter(pk=twin.pk).exists())
        r = self.client.post(f"{self.url}merge/", {"other": twin.pk, "confirm": "on"}, follow=True)
        self.assertContains(r, "The two applications are merged into this one.")
        self.assertFalse(Application.objects.filter(pk=twin.pk).exists())
        self.assertContains(r, "Applied twice")

    def test_a_hiring_manager_sees_a_shortlisted_candidate_and_may_write_notes_but_not_move(self):
        self.client.force_login(self.dana)
        self.assertEqual(self.client.get(self.url).status_code, 404)  # not shortlisted
        stage_move(self.dee, "interview", user=self.bob)
        r = self.client.get(self.url)
        self.assertNotContains(r, "Move to another stage")
        self.client.post(f"{self.url}notes/", {"text": "Good interview"})
        self.assertEqual(self.dee.notes.get().author, self.dana)
        self.assertEqual(self.client.post(f"{self.url}move/", {"stage": "offer"}).status_code, 403)
        twin = make_application(self.posting, "Dee L.", email="dee2@example.com", phone="0123456789")
        self.assertEqual(self.client.post(f"{self.url}merge/", {"other": twin.pk, "confirm": "on"}).status_code, 403)

    def test_an_outsider_gets_404_everywhere(self):
        self.dee.cv.save("cv.pdf", ContentFile(make_pdf("Dee retail")), save=True)
        twin = make_application(self.posting, "Dee L.", email="dee2@example.com", phone="0123456789")
        self.client.force_login(self.charlie)
        for url in [self.url, f"{self.url}cv/view/"]:
            self.assertEqual(self.client.get(url).status_code, 404, url)
        for url, data in [
            (f"{self.url}notes/", {"text": "hi"}),
            (f"{self.url}move/", {"stage": "screened"}),
            (f"{self.url}merge/", {"other": twin.pk, "confirm": "on"}),
        ]:
            self.assertEqual(self.client.post(url, data).status_code, 404, url)
        self.assertTrue(Application.objects.filter(pk=twin.pk).exists())
        self.assertFalse(Note.objects.exists())

    def test_merging_an_application_of_another_employer_is_404(self):
        other_posting = Posting.objects.create(employer=self.other, title="Theirs", status="open")
        theirs = make_application(other_posting, "Dee Lim")
        self.client.force_login(self.bob)
        r = self.client.post(f"{self.url}merge/", {"other": theirs.pk, "confirm": "on"})
        self.assertEqual(r.status_code, 404)
        self.assertTrue(Application.objects.filter(pk=theirs.pk).exists())
