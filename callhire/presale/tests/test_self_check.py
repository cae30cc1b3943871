from django.core.cache import cache

from callhire.base.models import Application
from callhire.test import BaseTestCase


class SelfCheckTestCase(BaseTestCase):
    def url(self, suffix="check/"):
        return f"/en/jobs/acme/{self.posting.pk}-x/{suffix}"

    def setUp(self):
        cache.clear()

    def test_it_asks_only_what_the_profile_needs(self):
        r = self.client.get(self.url())
        self.assertContains(r, "Are you 18 years old or older?")
        self.assertContains(r, "highest education")
        self.assertContains(r, "months of customer-service experience")
        self.assertContains(r, "Can you work weekends?")
        self.assertNotContains(r, "birth")
        self.assertNotContains(r, "Mbps")  # an office job asks nothing of home internet
        self.assertNotContains(r, "typing speed")  # measured by a test, never asked

    def test_it_says_what_is_met_and_what_an_assessment_will_show(self):
        data = {
            "q_age_years": "yes",
            "q_education": "high_school",
            "q_work_authorization": "yes",
            "q_computer_skills": ["email"],
            "q_availability_weekends": "no",
        }
        r = self.client.post(self.url(), data)
        self.assertContains(r, "You meet this.")
        self.assertContains(r, "You do not meet this yet.")
        self.assertContains(r, "To be measured by an assessment after you apply.")
        self.assertContains(r, "Checked by the employer later in the process.")
        self.assertContains(r, "Retail, hospitality and other work serving people count")
        self.assertEqual(Application.objects.count(), 0)

    def test_answers_carry_over_to_the_application(self):
        data = {"q_age_years": "yes", "q_education": "associate", "q_customer_service_experience_months": "14"}
        r = self.client.post(self.url(), data)
        answers = r.context["answers"]
        r = self.client.post(self.url("apply/"), {"from_check": "1", "answers": answers})
        self.assertContains(r, 'value="14"')
        self.assertContains(r, '<option value="associate" selected>')
        self.assertEqual(Application.objects.count(), 0)

    def test_an_unticked_group_is_unanswered_not_unmet(self):
        r = self.client.post(self.url(), {"q_age_years": "yes"})
        rows = {row["label"]: row["outcome"] for row in r.context["rows"]}
        self.assertEqual(rows["Computer skills"], "unanswered")
        self.assertNotContains(r, "True")
