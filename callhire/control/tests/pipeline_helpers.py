"""What the pipeline tests share: applications made directly, and a hiring manager at Acme."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.utils import timezone

from callhire.base.models import Application, Membership
from callhire.base.pipeline import stage_record_start
from callhire.test import BaseTestCase


def make_application(posting, name: str = "Dee Lim", email: str = "", **fields) -> Application:
    """Create an application as if the candidate had applied, with its first stage recorded."""
    email = email or f"{name.split()[0].lower()}@example.com"
    fields.setdefault("verdict", Application.Verdict.QUALIFIED)
    fields.setdefault("stage_changed", timezone.now())
    application = Application.objects.create(posting=posting, name=name, email=email, **fields)
    stage_record_start(application)
    return application


class PipelineTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.dana = User.objects.create_user("dana@acme.test", "dana@acme.test", "password")
        Membership.objects.create(user=cls.dana, employer=cls.acme, role=Membership.Role.HIRING_MANAGER)
