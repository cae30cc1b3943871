"""Shared personas for tests: alice and bob recruit for Acme, charlie for another employer."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.test import TestCase

from callhire.base import services
from callhire.base.models import Employer, Membership, Posting
from callhire.screening.profile import load_profile
from callhire.testfiles import make_docx, make_pdf  # noqa: F401  (shared with the Django-free tests)

DEMO_DIR = Path(__file__).parent / "base" / "demo"


def demo_document(name: str) -> dict:
    """Return a demo profile document by file name, e.g. "inbound-office.yaml"."""
    return load_profile((DEMO_DIR / name).read_text(encoding="utf-8"), name).to_document()


class BaseTestCase(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.acme = Employer.objects.create(name="Acme Contact", slug="acme", website="https://acme.example/jobs")
        cls.alice = User.objects.create_user("alice@acme.test", "alice@acme.test", "password")
        cls.bob = User.objects.create_user("bob@acme.test", "bob@acme.test", "password")
        Membership.objects.create(user=cls.alice, employer=cls.acme, role=Membership.Role.ADMIN)
        Membership.objects.create(user=cls.bob, employer=cls.acme, role=Membership.Role.RECRUITER)

        cls.other = Employer.objects.create(name="Other BPO", slug="other")
        cls.charlie = User.objects.create_user("charlie@other.test", "charlie@other.test", "password")
        Membership.objects.create(user=cls.charlie, employer=cls.other, role=Membership.Role.ADMIN)

        cls.posting = Posting.objects.create(
            employer=cls.acme, title="Inbound Customer Service Agent", location="Tomball, TX", status="open"
        )
        services.profile_save(cls.posting, demo_document("inbound-office.yaml"))


def application_data(**extra) -> dict:
    """Return a valid application form for the inbound-office demo profile, with `extra` on top."""
    import uuid

    data = {
        "name": "Dee Lim",
        "email": "dee@example.com",
        "q_age_years": "yes",
        "q_education": "high_school",
        "q_work_authorization": "yes",
        "q_computer_skills": ["email", "data_entry"],
        "q_availability_weekends": "yes",
        "consent": "on",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(extra)
    return data
