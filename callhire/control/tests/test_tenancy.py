"""Every recruiter-side URL, with every id of the other employer's rows, gives an outsider 404."""

import itertools

from django.apps import apps
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from callhire.base import pipeline
from callhire.base.models import Application, Employer, Membership
from callhire.control import access
from callhire.test import BaseTestCase, application_data

# Pages about the visitor themself, or for signing in: nothing of an employer's is on them.
PERSONAL = {
    "control:index",
    "control:login",
    "control:login_code",
    "control:logout",
    "control:account",
    "control:password_change",
    "control:password_reset",
    "control:password_reset_sent",
    "control:password_reset_confirm",
    "control:password_reset_complete",
    "control:two_factor_setup",
    "control:two_factor_disable",
}
WORDS = {"fmt": ["yaml", "json"], "section": ["typing", "skills", "judgement", "work_style", "voice", "sample_call"]}


def _patterns(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = ":".join(filter(None, [namespace, entry.namespace or ""]))
            yield from _patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}:{entry.name}" if namespace else entry.name, prefix + str(entry.pattern), entry


def recruiter_urls():
    for name, route, entry in _patterns(get_resolver()):
        if name.split(":")[0] in ("control", "api") and name not in PERSONAL:
            yield name, route, entry


class TenancyTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cache.clear()
        from django.test import Client

        Client().post(f"/en/jobs/acme/{cls.posting.pk}-x/apply/", application_data())
        cls.app = Application.objects.get()
        pipeline.note_add(cls.app, cls.bob, "Good call, @alice")
        pipeline.stage_move(cls.app, "interview", user=cls.bob)
        # One of every other kind of row an employer owns, so each URL is tried with a real id.
        from datetime import timedelta

        from django.utils import timezone

        from callhire.base import interviews
        from callhire.base.models import ApiToken, Webhook

        ApiToken.issue(cls.acme, "sync", user=cls.alice)
        Webhook.objects.create(
            employer=cls.acme, url="https://hooks.example/callhire", events=["application.submitted"]
        )
        slots = interviews.slots_offer(
            cls.posting, [timezone.now() + timedelta(days=2)], 30, time_zone="UTC", interviewers=[cls.bob]
        )
        interview = interviews.interview_invite(cls.app, user=cls.bob)
        interviews.interview_book(cls.app, slots[0])
        cls.interview = interview
        _token, cls.outsider_secret = ApiToken.issue(cls.other, "theirs", user=cls.charlie, can_write=True)

    def ids(self):
        """Every primary key of every row in the database, but the outsider's own."""
        mine = set(Membership.objects.filter(user=self.charlie).values_list("pk", flat=True))
        found = set()
        for model in apps.get_app_config("base").get_models():
            found.update(model.objects.values_list("pk", flat=True)[:200])
        found.update(Membership.objects.exclude(pk__in=mine).values_list("pk", flat=True))
        return sorted(v for v in found if isinstance(v, int))

    def values_for(self, key, converter):
        if key in WORDS:
            return WORDS[key]
        if key == "slug":
            return [e.slug for e in Employer.objects.exclude(pk=self.other.pk)]
        if key == "token":
            return [self.app.token]
        if type(converter).__name__ == "IntConverter" or (converter is None and key.endswith("pk")):
            return self.ids()
        return ["x"]

    def test_an_outsider_gets_404_on_every_recruiter_url(self):
        """Signed in to the recruiter side, or holding an API token, of another employer."""
        self.client.force_login(self.charlie)
        api_headers = {"authorization": f"Bearer {self.outsider_secret}"}
        checked = 0
        for name, _route, entry in recruiter_urls():
            converters = getattr(entry.pattern, "converters", {})
            keys = list(entry.pattern.regex.groupindex)
            if not keys or "rest" in keys:
                continue  # lists and documentation: scoped by the API's own tests, nothing to guess
            api = name.startswith("api:")
            methods = ("get", "post", "put", "patch", "delete") if api else ("get", "post")
            values = [self.values_for(k, converters.get(k)) for k in keys]
            for combo in itertools.islice(itertools.product(*values), 400):
                url = reverse(name, kwargs=dict(zip(keys, combo, strict=True)))
                for method in methods:
                    r = getattr(self.client, method)(url, headers=api_headers if api else None)
                    if r.status_code == 405:
                        continue
                    checked += 1
                    self.assertEqual(r.status_code, 404, f"{method.upper()} {url} ({name}) gave {r.status_code}")
        self.assertGreater(checked, 200)
        self.assertEqual(Application.objects.get().stage, "interview")


class RoleTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        from django.contrib.auth.models import User

        cache.clear()
        from django.test import Client

        Client().post(f"/en/jobs/acme/{cls.posting.pk}-x/apply/", application_data())
        cls.app = Application.objects.get()
        cls.hannah = User.objects.create_user("hannah@acme.test", "hannah@acme.test", "password")
        Membership.objects.create(user=cls.hannah, employer=cls.acme, role=Membership.Role.HIRING_MANAGER)

    def test_a_hiring_manager_sees_only_shortlisted_candidates(self):
        self.assertFalse(access.applications_for(self.hannah).exists())
        pipeline.stage_move(self.app, "interview", user=self.bob)
        self.assertEqual(list(access.applications_for(self.hannah)), [self.app])
        self.assertEqual(access.applications_for(self.hannah, access.Role.RECRUITER).count(), 0)
        self.assertEqual(access.applications_for(self.bob).count(), 1)

    def test_a_hiring_manager_cannot_change_a_profile(self):
        self.client.force_login(self.hannah)
        self.assertEqual(self.client.get(f"/control/postings/{self.posting.pk}/").status_code, 200)
        r = self.client.get(f"/control/postings/{self.posting.pk}/read/")
        self.assertEqual(r.status_code, 403)

    def test_a_hiring_manager_opens_a_shortlisted_candidate_only(self):
        self.client.force_login(self.hannah)
        self.assertEqual(self.client.get(f"/control/applications/{self.app.pk}/").status_code, 404)
        pipeline.stage_move(self.app, "interview", user=self.bob)
        self.assertEqual(self.client.get(f"/control/applications/{self.app.pk}/").status_code, 200)
