import datetime
import json

from django.core.cache import cache
from django.utils import timezone
from django.utils.text import slugify

from callhire.base import services
from callhire.base.models import Posting
from callhire.test import BaseTestCase, demo_document


class BoardTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.home = Posting.objects.create(employer=cls.other, title="Home Support Agent", status="open")
        services.profile_save(cls.home, demo_document("home-contractor.yaml"))
        cls.draft = Posting.objects.create(employer=cls.acme, title="Draft Job", status="draft")
        services.profile_save(cls.draft, demo_document("inbound-office.yaml"))
        cls.expired = Posting.objects.create(
            employer=cls.acme, title="Expired Job", status="open", closing_date=datetime.date(2020, 1, 1)
        )
        services.profile_save(cls.expired, demo_document("inbound-office.yaml"))

    def setUp(self):
        cache.clear()

    def test_it_lists_open_postings_only(self):
        r = self.client.get("/en/jobs/")
        self.assertContains(r, "Inbound Customer Service Agent")
        self.assertContains(r, "Home Support Agent")
        self.assertNotContains(r, "Draft Job")
        self.assertNotContains(r, "Expired Job")

    def test_it_filters_by_arrangement_employment_and_pay(self):
        r = self.client.get("/en/jobs/?arrangement=remote")
        self.assertContains(r, "Home Support Agent")
        self.assertNotContains(r, "Inbound Customer Service Agent")
        r = self.client.get("/en/jobs/?employment=employee")
        self.assertNotContains(r, "Home Support Agent")
        r = self.client.get("/en/jobs/?pay_min=15&pay_period=hour")
        self.assertContains(r, "Inbound Customer Service Agent")
        self.assertNotContains(r, "Home Support Agent")

    def test_it_searches_titles_and_employers(self):
        r = self.client.get("/en/jobs/?q=other+bpo")
        self.assertContains(r, "Home Support Agent")
        self.assertNotContains(r, "Inbound Customer Service Agent")

    def test_it_sorts_by_pay(self):
        r = self.client.get("/en/jobs/?sort=pay&pay_period=hour")
        body = r.content.decode()
        self.assertLess(body.index("Inbound Customer Service Agent"), body.index("Home Support Agent"))

    def test_a_bad_pay_filter_says_so(self):
        r = self.client.get("/en/jobs/?pay_min=lots")
        self.assertContains(r, "Minimum pay must be a number.")

    def test_each_employer_has_a_careers_page(self):
        r = self.client.get("/en/jobs/other/")
        self.assertContains(r, "Jobs at Other BPO")
        self.assertContains(r, "Home Support Agent")
        self.assertNotContains(r, "Inbound Customer Service Agent")
        self.assertEqual(self.client.get("/en/jobs/nobody/").status_code, 404)

    def test_a_change_to_a_posting_shows_at_once(self):
        self.assertNotContains(self.client.get("/en/jobs/"), "Night Agent")
        Posting.objects.filter(pk=self.posting.pk).update(title="x")  # bypasses signals: still cached
        self.assertContains(self.client.get("/en/jobs/"), "Inbound Customer Service Agent")
        self.posting.title = "Night Agent"
        self.posting.save()
        self.assertContains(self.client.get("/en/jobs/"), "Night Agent")

    def test_made_up_query_strings_share_one_cached_page(self):
        from callhire.presale import cache as page_cache

        self.client.get("/en/jobs/")
        before = len(page_cache._local)
        for junk in ("a=1", "b=2", "utm_source=x"):
            self.client.get(f"/en/jobs/?{junk}")
        self.assertEqual(len(page_cache._local), before)

    def test_the_feed_lists_open_postings(self):
        r = self.client.get("/en/jobs/feed/")
        self.assertEqual(r["Content-Type"], "application/atom+xml; charset=utf-8")
        self.assertContains(r, "Home Support Agent")
        self.assertNotContains(r, "Draft Job")

    def test_the_root_goes_to_the_board(self):
        r = self.client.get("/")
        self.assertEqual(r.status_code, 302)
        self.assertTrue(r["Location"].endswith("/jobs/"))


class PostingPageTestCase(BaseTestCase):
    def url(self, posting=None, suffix=""):
        posting = posting or self.posting
        return f"/en/jobs/{posting.employer.slug}/{posting.pk}-{slugify(posting.title)}/{suffix}"

    def test_any_other_slug_redirects_to_the_one_address(self):
        r = self.client.get(f"/en/jobs/acme/{self.posting.pk}-whatever/")
        self.assertRedirects(r, self.url(), status_code=301)

    def setUp(self):
        cache.clear()

    def test_it_shows_the_description_and_both_buttons(self):
        r = self.client.get(self.url())
        self.assertContains(r, "Do I qualify?")
        self.assertContains(r, "Apply")
        self.assertContains(r, "Basic requirements")
        self.assertContains(r, "USD 14.00")

    def test_it_carries_schema_org_job_posting_data(self):
        r = self.client.get(self.url())
        body = r.content.decode()
        start = body.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
        data = json.loads(body[start : body.index("</script>", start)])
        self.assertEqual(data["@type"], "JobPosting")
        self.assertEqual(data["hiringOrganization"]["name"], "Acme Contact")
        self.assertEqual(data["baseSalary"]["value"]["unitText"], "HOUR")
        self.assertEqual(data["employmentType"], ["FULL_TIME"])

    def test_the_structured_data_cannot_break_out_of_its_script(self):
        self.posting.title = "Agent </script><!--<script>alert(1)</script>"
        self.posting.save()
        r = self.client.get(self.url())
        body = r.content.decode()
        start = body.index('<script type="application/ld+json">')
        block = body[start + len('<script type="application/ld+json">') : body.index("</script>", start)]
        self.assertNotIn("<", block)
        self.assertEqual(json.loads(block)["title"], self.posting.title)

    def test_a_closed_posting_cannot_be_seen_or_applied_to(self):
        self.posting.status = "closed"
        self.posting.save()
        self.assertEqual(self.client.get(self.url()).status_code, 410)
        self.assertEqual(self.client.get(self.url(suffix="apply/")).status_code, 410)
        self.assertEqual(self.client.post(self.url(suffix="apply/"), {"name": "x"}).status_code, 410)
        self.assertEqual(self.client.get(self.url(suffix="check/")).status_code, 410)

    def test_a_posting_past_its_closing_date_is_closed(self):
        self.posting.closing_date = timezone.localdate() - datetime.timedelta(days=1)
        self.posting.save()
        self.assertEqual(self.client.get(self.url(suffix="apply/")).status_code, 410)

    def test_a_draft_is_not_found(self):
        self.posting.status = "draft"
        self.posting.save()
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_the_employer_in_the_url_must_match(self):
        r = self.client.get(f"/en/jobs/other/{self.posting.pk}-{slugify(self.posting.title)}/")
        self.assertEqual(r.status_code, 404)

    def test_the_page_speaks_malay_under_ms(self):
        r = self.client.get(self.url().replace("/en/", "/ms/"))
        self.assertContains(r, '<html lang="ms">')
        self.assertContains(r, "Kelayakan")
        self.assertContains(r, 'hreflang="en"')
