from django.core.cache import cache

from callhire.base.pipeline import note_add
from callhire.control import applications
from callhire.control.tests.pipeline_helpers import PipelineTestCase, make_application


class ApplicationListTestCase(PipelineTestCase):
    def setUp(self):
        cache.clear()
        self.dee = make_application(
            self.posting,
            "Dee Lim",
            score=80,
            verdict="qualified",
            source="board",
            facts={
                "typing_wpm": 35,
                "residence": {"country": "Malaysia", "region": "Selangor"},
                "languages": ["en", "ms"],
            },
            cv_text="Five years of retail banking calls",
        )
        self.eli = make_application(
            self.posting,
            "Eli Tan",
            score=40,
            verdict="needs_review",
            source="referral",
            stage="interview",
            language="ms",
            facts={"typing_wpm": 55, "residence": {"country": "Malaysia", "region": "Johor"}},
        )
        self.fay = make_application(self.posting, "Fay Ong", score=None, verdict="not_qualified", source="api")
        self.url = f"/control/postings/{self.posting.pk}/applications/"
        self.client.force_login(self.bob)

    def names(self, query=""):
        r = self.client.get(self.url + query)
        self.assertEqual(r.status_code, 200)
        return [a.name for a in r.context["rows"]]

    def test_it_sorts_by_score_verdict_typing_speed_and_date(self):
        self.assertEqual(self.names("?sort=score"), ["Dee Lim", "Eli Tan", "Fay Ong"])
        self.assertEqual(self.names("?sort=verdict"), ["Dee Lim", "Eli Tan", "Fay Ong"])
        self.assertEqual(self.names("?sort=typing"), ["Eli Tan", "Dee Lim", "Fay Ong"])
        self.assertEqual(self.names("?sort=date"), ["Fay Ong", "Eli Tan", "Dee Lim"])
        self.assertEqual(self.names("?sort=nonsense"), ["Fay Ong", "Eli Tan", "Dee Lim"])

    def test_it_filters_by_verdict_stage_source_language_and_location(self):
        self.assertEqual(self.names("?verdict=needs_review"), ["Eli Tan"])
        self.assertEqual(self.names("?stage=interview"), ["Eli Tan"])
        self.assertEqual(self.names("?source=api"), ["Fay Ong"])
        # Speaks Malay: Dee declared it, Eli applied in it.
        self.assertEqual(self.names("?language=ms&sort=name"), ["Dee Lim", "Eli Tan"])
        self.assertEqual(self.names("?location=johor"), ["Eli Tan"])
        self.assertEqual(self.names("?location=malaysia&verdict=qualified"), ["Dee Lim"])

    def test_it_searches_names_notes_and_cv_text(self):
        note_add(self.fay, self.bob, "Strong Cantonese speaker")
        self.assertEqual(self.names("?q=banking"), ["Dee Lim"])
        self.assertEqual(self.names("?q=cantonese"), ["Fay Ong"])
        self.assertEqual(self.names("?q=eli"), ["Eli Tan"])
        r = self.client.get(self.url + "?q=nobody+here")
        self.assertContains(r, "No application matches these filters.")

    def test_it_pages_and_keeps_the_filters_in_the_page_links(self):
        old = applications.PAGE_SIZE
        applications.PAGE_SIZE = 2
        try:
            r = self.client.get(self.url + "?sort=score&page=2")
        finally:
            applications.PAGE_SIZE = old
        self.assertEqual([a.name for a in r.context["rows"]], ["Fay Ong"])
        self.assertContains(r, "Page 2 of 2")
        self.assertContains(r, "?sort=score&amp;page=1")

    def test_it_shows_the_assessment_result_and_offers_the_sources_seen(self):
        r = self.client.get(self.url)
        self.assertContains(r, "55 wpm")
        self.assertEqual(r.context["sources"], ["api", "board", "referral"])

    def test_a_hiring_manager_sees_only_the_shortlist(self):
        self.client.force_login(self.dana)
        self.assertEqual(self.names(), ["Eli Tan"])
        self.assertNotContains(self.client.get(self.url), "Invite the selected")

    def test_an_outsider_gets_404(self):
        self.client.force_login(self.charlie)
        self.assertEqual(self.client.get(self.url + "?q=dee").status_code, 404)

    def test_a_huge_list_says_it_shows_the_first_rows_only(self):
        old = applications.COUNT_CAP, applications.PAGE_SIZE
        applications.COUNT_CAP, applications.PAGE_SIZE = 2, 1
        try:
            r = self.client.get(self.url + "?sort=score&page=3")
        finally:
            applications.COUNT_CAP, applications.PAGE_SIZE = old
        self.assertContains(r, "More than 2 applications: the first 2 are shown.")
        self.assertEqual([a.name for a in r.context["rows"]], ["Fay Ong"])
        self.assertContains(r, "Page 3<")
