from __future__ import annotations

from django.db import connection

from callhire.base.models import Application, Note
from callhire.base.pipeline import note_add
from callhire.base.search import parse_terms, search_applications, search_refresh
from callhire.test import BaseTestCase


class SearchApplicationsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()

        def make(name, email, cv_text="", **extra):
            return Application.objects.create(posting=cls.posting, name=name, email=email, cv_text=cv_text, **extra)

        cls.nurul = make("Nurul Aisyah binti Rahman", "nurul@example.com", "Khidmat pelanggan di pusat panggilan.")
        cls.tan = make(
            "Tan Wei Ming", "wei@example.com", "Inbound customer service, billing queries, Nurul's team lead."
        )
        cls.priya = make("Priya Raj", "priya@example.com", "Outbound sales calls and customer retention.")
        cls.other_posting_app = Application.objects.create(
            posting=cls.posting.__class__.objects.create(employer=cls.other, title="Elsewhere"),
            name="Nurul Elsewhere",
            email="ne@example.com",
        )

    def search(self, query, queryset=None):
        return list(search_applications(queryset or Application.objects.filter(posting=self.posting), query))

    def test_it_finds_a_candidate_by_name(self):
        self.assertEqual(self.search("tan wei"), [self.tan])

    def test_it_finds_by_email(self):
        self.assertEqual(self.search("priya@example.com"), [self.priya])

    def test_it_needs_every_word(self):
        self.assertEqual(self.search("customer billing"), [self.tan])

    def test_it_ranks_a_name_match_above_a_cv_match(self):
        self.assertEqual(self.search("nurul"), [self.nurul, self.tan])

    def test_it_keeps_malay_words_unstemmed(self):
        self.assertEqual(self.search("pelanggan"), [self.nurul])
        if connection.vendor == "postgresql":  # whole words there; SQLite matches parts of words
            self.assertEqual(self.search("pelangga"), [])

    def test_it_finds_words_in_notes(self):
        note_add(self.priya, self.bob, "Strong Cantonese speaker, call back Monday")
        self.assertEqual(self.search("cantonese"), [self.priya])

    def test_it_forgets_a_deleted_note(self):
        note = note_add(self.priya, self.bob, "Speaks Tamil")
        Note.objects.filter(pk=note.pk).get().delete()
        self.assertEqual(self.search("tamil"), [])

    def test_it_follows_a_changed_cv(self):
        self.priya.cv_text = "Team leader for a telco helpdesk"
        self.priya.save()
        self.assertEqual(self.search("telco"), [self.priya])
        self.assertEqual(self.search("retention"), [])

    def test_it_excludes_words_with_a_minus(self):
        self.assertEqual(self.search("customer -billing"), [self.priya])

    def test_a_query_of_exclusions_only_finds_nothing(self):
        self.assertEqual(self.search("-billing"), [])

    def test_it_matches_a_quoted_phrase(self):
        self.assertEqual(self.search('"customer service"'), [self.tan])

    def test_it_stays_inside_the_queryset_it_was_given(self):
        self.assertEqual(
            self.search("nurul", Application.objects.filter(posting__employer=self.other)), [self.other_posting_app]
        )

    def test_it_returns_the_queryset_for_a_query_without_words(self):
        qs = Application.objects.filter(posting=self.posting)
        self.assertEqual(search_applications(qs, "  ?! "), qs)

    def test_it_annotates_a_rank(self):
        (row,) = search_applications(Application.objects.filter(posting=self.posting), "priya")
        self.assertGreater(row.rank, 0)

    def test_it_ignores_case(self):
        self.assertEqual(self.search("TAN"), [self.tan])

    def test_the_result_can_be_filtered_and_counted_further(self):
        found = search_applications(Application.objects.filter(posting=self.posting), "customer")
        self.assertEqual(found.count(), 2)
        self.assertEqual(list(found.filter(name__startswith="Priya")), [self.priya])

    def test_search_refresh_rebuilds_documents_after_a_bulk_update(self):
        Application.objects.filter(pk=self.tan.pk).update(name="Tan Ah Kow")
        if connection.vendor == "postgresql":
            self.assertEqual(self.search("kow"), [])  # no signal for a queryset update
        search_refresh([self.tan.pk])
        self.assertEqual(self.search("kow"), [self.tan])


def test_parse_terms_keeps_phrases_and_exclusions():
    assert parse_terms('night shift "customer service" -sales or') == (
        ["night", "shift", "customer service"],
        ["sales"],
    )
