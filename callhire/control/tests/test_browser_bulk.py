"""In Debian's Chromium: a recruiter selects candidates, rejects them in bulk with a reason, and
watches the background job's progress bar finish; the rejection emails are logged.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain
# synchronous reads of the live server's database (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re  # noqa: E402

import pytest  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from callhire.base import services  # noqa: E402
from callhire.base.models import Application, EmailLog, Employer, Job, Membership, Posting  # noqa: E402
from callhire.presale.tests.browser import browser, check_a11y, guarded_contexts  # noqa: E402, F401
from callhire.test import demo_document  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)
COUNT = 60  # more than run while the recruiter waits: this one goes to the background


@pytest.fixture
def posting(transactional_db, settings) -> Posting:
    cache.clear()
    settings.CALLHIRE_TASKS = "thread"  # as in production: the page polls while a worker runs
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    acme = Employer.objects.create(name="Acme Contact", slug="acme")
    bob = User.objects.create_user("bob@acme.test", "bob@acme.test", "a long password 123")
    Membership.objects.create(user=bob, employer=acme, role=Membership.Role.RECRUITER)
    posting = Posting.objects.create(employer=acme, title="Inbound agent", status="open")
    services.profile_save(posting, demo_document("inbound-office.yaml"))
    for n in range(COUNT):
        app = Application.objects.create(
            posting=posting, name=f"Candidate {n:02}", email=f"c{n}@example.com", facts={"age_years": 17}
        )
        services.application_screen(app)
    Application.objects.create(posting=posting, name="Keeper", email="keep@example.com", facts={"age_years": 30})
    return posting


def test_a_recruiter_rejects_a_selection_in_bulk_and_watches_it_finish(browser, live_server, posting):  # noqa: F811
    with guarded_contexts(browser, live_server.url) as open_context:
        page = open_context().new_page()
        page.goto("/control/login/")
        page.get_by_label("Email").fill("bob@acme.test")
        page.get_by_label("Password").fill("a long password 123")
        page.get_by_role("button", name="Log in").click()
        page.goto(f"/control/postings/{posting.pk}/applications/?verdict=not_qualified")
        expect(page.get_by_role("heading", name="Applications")).to_be_visible()
        assert check_a11y(page, "applications list") == []

        page.get_by_label(f"Select all {COUNT} applications matching the filter").check()
        page.get_by_label("Action").select_option("reject")
        page.get_by_label("Reason for rejecting").select_option("position_filled")
        expect(page.get_by_label("Email the rejection")).to_be_checked()
        page.get_by_role("button", name="Apply to the selection").click()

        expect(page).to_have_url(re.compile(r"/control/jobs/\d+/$"))
        expect(page.get_by_role("heading", name="Reject")).to_be_visible()
        bar = page.locator("progress#job-bar")
        expect(bar).to_be_visible()
        # The polling script reloads the page once the job is over; no manual refresh.
        expect(page.get_by_role("status")).to_contain_text("Finished", timeout=60_000)
        expect(bar).to_have_attribute("value", str(COUNT))
        expect(page.get_by_role("row", name=re.compile("Rejected and emailed"))).to_contain_text(str(COUNT))
        assert check_a11y(page, "job page") == []

    job = Job.objects.get(kind="reject")
    assert (job.state, job.done, job.total) == ("done", COUNT, COUNT)
    rejected = Application.objects.filter(stage="rejected", rejection_reason="position_filled")
    assert rejected.count() == COUNT
    assert EmailLog.objects.filter(kind="rejection", error="").count() == COUNT
    assert Application.objects.get(name="Keeper").stage == "applied"
