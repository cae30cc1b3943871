from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from callhire.base import assessing
from callhire.base.candidates import MergeError, application_merge, duplicates_of, phone_key
from callhire.base.emails import email_send
from callhire.base.models import Application, Attempt, Posting
from callhire.base.pipeline import note_add, stage_move
from callhire.base.signals import applications_merged
from callhire.control.tests.pipeline_helpers import make_application
from callhire.test import BaseTestCase, make_pdf


class DuplicatesTestCase(BaseTestCase):
    def setUp(self):
        self.dee = make_application(self.posting, "Dee Lim", phone="+60 12-345 6789")
        self.elsewhere = Posting.objects.create(employer=self.acme, title="Outbound", status="open")

    def test_phone_numbers_match_by_their_last_nine_digits(self):
        self.assertEqual(phone_key("+60 12-345 6789"), phone_key("012 345 6789"))
        self.assertEqual(phone_key("(012) 345.6789"), "123456789")
        self.assertEqual(phone_key("12 34"), "")  # too short to tell people apart

    def test_it_finds_the_same_email_or_phone_at_the_same_employer_only(self):
        by_email = make_application(self.elsewhere, "Dee", email="DEE@example.com")
        by_phone = make_application(self.elsewhere, "D. Lim", email="d@work.example", phone="012 345 6789")
        make_application(self.elsewhere, "Someone", email="x@example.com", phone="012 999 6789")
        theirs = Posting.objects.create(employer=self.other, title="Other", status="open")
        make_application(theirs, "Dee Lim", email="dee@example.com", phone="+60 12-345 6789")
        found = duplicates_of(self.dee, Application.objects.all())
        self.assertEqual(set(found), {by_email, by_phone})

    def test_it_finds_only_what_the_viewer_may_see(self):
        make_application(self.elsewhere, "Dee", email="dee@example.com")
        self.assertEqual(list(duplicates_of(self.dee, Application.objects.filter(stage="interview"))), [])

    def test_no_phone_matches_no_phone(self):
        plain = make_application(self.posting, "Eli", email="eli@example.com")
        make_application(self.elsewhere, "Fay", email="fay@example.com")
        self.assertEqual(list(duplicates_of(plain, Application.objects.all())), [])


class MergeTestCase(BaseTestCase):
    def setUp(self):
        self.keep = make_application(
            self.posting,
            "Dee Lim",
            phone="",
            facts={"typing_wpm": 30, "education": "high_school"},
            fact_sources={"typing_wpm": "declared", "education": "declared"},
        )
        self.other = make_application(
            self.posting,
            "Dee L.",
            email="dee.lim@work.example",
            phone="012 345 6789",
            facts={"typing_wpm": 45, "education": "bachelor", "residence": "Selangor"},
            fact_sources={"typing_wpm": "measured", "education": "declared", "residence": "declared"},
            fact_origins={"typing_wpm": "typing"},
            attempts_granted={"typing": 1},
        )

    def test_it_moves_the_record_and_deletes_the_other(self):
        stage_move(self.other, "screened", user=self.bob)
        note_add(self.other, self.bob, "Sounds good on the phone")
        email_send(self.other, "Hello", "Dear Dee", kind="submitted")
        seen = []
        applications_merged.connect(lambda **kw: seen.append(kw["merged_pk"]), weak=False, dispatch_uid="t")
        try:
            kept = application_merge(self.keep, self.other, self.alice)
        finally:
            applications_merged.disconnect(dispatch_uid="t")
        self.assertFalse(Application.objects.filter(pk=self.other.pk).exists())
        self.assertEqual(seen, [self.other.pk])
        self.assertEqual(kept.stage, "applied")  # the kept application stays where the team put it
        self.assertEqual(kept.stage_moves.count(), 3)  # both starts and the other's move
        self.assertEqual(kept.emails.count(), 1)
        texts = list(kept.notes.values_list("text", flat=True))
        self.assertIn("Sounds good on the phone", texts)
        record = kept.notes.get(author=self.alice)
        self.assertIn("Merged with the application of Dee L. <dee.lim@work.example>", record.text)
        self.assertIn("“Screened”", record.text)

    def test_facts_keep_the_better_source_and_contact_gaps_are_filled(self):
        kept = application_merge(self.keep, self.other, self.alice)
        self.assertEqual(kept.facts["typing_wpm"], 45)  # measured beats declared
        self.assertEqual(kept.fact_sources["typing_wpm"], "measured")
        self.assertEqual(kept.fact_origins["typing_wpm"], "typing")
        self.assertEqual(kept.facts["education"], "high_school")  # a tie keeps the kept application's
        self.assertEqual(kept.facts["residence"], "Selangor")  # what only the other knew is kept
        self.assertEqual(kept.phone, "012 345 6789")
        self.assertEqual(kept.attempts_granted, {"typing": 1})

    def test_it_takes_the_other_cv_when_it_has_none(self):
        self.other.cv.save("cv.pdf", ContentFile(make_pdf("Dee")), save=False)
        self.other.cv_text = "Dee's CV"
        self.other.save()
        kept = application_merge(self.keep, self.other)
        self.assertTrue(kept.cv.name.endswith(".pdf"))
        self.assertEqual(kept.cv_text, "Dee's CV")
        self.assertTrue(kept.cv.storage.exists(kept.cv.name))

    def test_it_numbers_both_applications_attempts_in_the_order_taken(self):
        for application, minutes in ((self.other, 30), (self.keep, 10)):
            invitation = assessing.invitation_send(application, notify=False, sections=["judgement"])
            attempt = assessing.attempt_start(invitation, "judgement", "en")
            Attempt.objects.filter(pk=attempt.pk).update(started_at=timezone.now() - timedelta(minutes=minutes))
            assessing.attempt_save(attempt, {"finish": True})
        kept = application_merge(self.keep, self.other)
        runs = list(kept.attempts.order_by("number").values_list("number", "started_at"))
        self.assertEqual([n for n, _ in runs], [1, 2])
        self.assertLess(runs[0][1], runs[1][1])
        self.assertEqual(kept.invitations.count(), 2)
        self.assertEqual(kept.fact_sources.get("service_judgement_score"), "measured")

    def test_it_refuses_applications_to_other_postings_or_itself(self):
        elsewhere = Posting.objects.create(employer=self.acme, title="Outbound", status="open")
        third = make_application(elsewhere, "Dee Lim")
        with self.assertRaisesMessage(MergeError, "same posting"):
            application_merge(self.keep, third)
        with self.assertRaises(MergeError):
            application_merge(self.keep, self.keep)
        self.assertTrue(Application.objects.filter(pk=third.pk).exists())

    def test_merging_twice_says_the_other_is_gone(self):
        stale = Application.objects.get(pk=self.other.pk)
        application_merge(self.keep, self.other)
        with self.assertRaisesMessage(MergeError, "no longer exists"):
            application_merge(self.keep, stale)
