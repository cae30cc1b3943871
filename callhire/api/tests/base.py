"""Shared set-up for the API tests: a token for Acme (alice's employer) and one for the outsider."""

from __future__ import annotations

from django.core.cache import cache

from callhire.base.models import ApiToken, Application, Posting
from callhire.base.pipeline import stage_record_start
from callhire.test import BaseTestCase


def make_application(posting: Posting, name: str, email: str, **fields) -> Application:
    version = posting.current_version()
    application = Application.objects.create(posting=posting, name=name, email=email, profile_version=version, **fields)
    stage_record_start(application)
    return application


class ApiTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.token, cls.secret = ApiToken.issue(cls.acme, "sync", user=cls.alice, can_write=True)
        cls.reader, cls.reader_secret = ApiToken.issue(cls.acme, "reports", user=cls.alice)
        cls.other_token, cls.other_secret = ApiToken.issue(cls.other, "theirs", user=cls.charlie, can_write=True)
        cls.other_posting = Posting.objects.create(employer=cls.other, title="Their agent", status="draft")
        cls.dee = make_application(cls.posting, "Dee Lim", "dee@example.com", verdict="qualified", score=80)
        cls.eve = make_application(cls.posting, "Eve Tan", "eve@example.com", verdict="not_qualified", score=20)
        cls.theirs = make_application(cls.other_posting, "Zed Other", "zed@example.com", verdict="qualified")

    def setUp(self) -> None:
        cache.clear()  # the per-token request counts

    def api(self, method: str, url: str, data=None, secret: str | None = None, **extra):
        headers = {"authorization": f"Bearer {secret or self.secret}"}
        call = getattr(self.client, method)
        if data is not None and method != "get":
            return call(url, data, content_type="application/json", headers=headers, **extra)
        return call(url, data, headers=headers, **extra)
