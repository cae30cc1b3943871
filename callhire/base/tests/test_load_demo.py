from django.contrib.auth.models import User
from django.test import TestCase

from callhire.base.demodata import load_demo
from callhire.base.models import Application, Employer, Membership, Posting


class LoadDemoTestCase(TestCase):
    def test_it_loads_the_four_seed_postings_with_screened_applicants(self):
        load_demo()
        self.assertEqual(Employer.objects.count(), 3)
        self.assertEqual(Posting.objects.count(), 4)
        for posting in Posting.objects.all():
            self.assertIsNotNone(posting.current_version())
            self.assertTrue(posting.is_accepting())
        verdicts = set(Application.objects.values_list("screening__verdict", flat=True))
        self.assertIn("not_qualified", verdicts)
        self.assertFalse(Application.objects.filter(screening__verdict="").exists())

    def test_it_can_run_twice(self):
        load_demo()
        load_demo()
        self.assertEqual(Posting.objects.count(), 4)
        self.assertEqual(Application.objects.count(), 4 * (3 + 60))
        self.assertTrue(User.objects.get(username="recruiter@kl-bpo.test").check_password("callhire-demo"))

    def test_the_kl_posting_is_malay_and_needs_english(self):
        load_demo()
        posting = Posting.objects.get(employer__slug="kl-bpo")
        self.assertEqual(posting.language, "ms")
        profile = posting.current_version().profile()
        self.assertEqual(profile.rule("languages").value, ["en"])

    def test_every_applicant_has_a_history_that_ends_in_their_stage(self):
        load_demo()
        stages = set()
        for application in Application.objects.prefetch_related("stage_moves"):
            moves = list(application.stage_moves.all())
            self.assertEqual(moves[0].from_stage, "")
            self.assertEqual(moves[-1].to_stage, application.stage)
            stages.add(application.stage)
        self.assertTrue({"applied", "interview", "hired", "rejected"} <= stages)

    def test_each_role_has_a_demo_login(self):
        load_demo()
        roles = set(Membership.objects.filter(employer__slug="sunrise").values_list("role", flat=True))
        self.assertEqual(roles, {"admin", "recruiter", "hiring_manager"})
