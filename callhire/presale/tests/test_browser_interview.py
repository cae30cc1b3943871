"""End-to-end test of interview scheduling in Debian's Chromium: the recruiter offers times and
invites, the candidate picks one on their status page (in their own time zone), the recruiter sees
the booking. No browser is downloaded: /usr/bin/chromium must be installed (`make browser`).
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain
# synchronous reads of the live server's database (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from datetime import timedelta  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

import pytest  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, expect  # noqa: E402

from callhire.base.models import Application, Employer, Interview, Membership, Posting  # noqa: E402
from callhire.presale.tests.browser import check_a11y, guarded_contexts  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)
KL = ZoneInfo("Asia/Kuala_Lumpur")


@pytest.fixture
def team(transactional_db) -> dict:
    cache.clear()
    acme = Employer.objects.create(name="Acme Contact", slug="acme")
    bob = User.objects.create_user("bob@acme.test", "bob@acme.test", "a-long-test-password", first_name="Bob")
    Membership.objects.create(user=bob, employer=acme, role=Membership.Role.RECRUITER)
    posting = Posting.objects.create(employer=acme, title="Inbound Customer Service Agent", status="open")
    application = Application.objects.create(posting=posting, name="Dee Lim", email="dee@example.com")
    return {"bob": bob, "posting": posting, "application": application}


@pytest.fixture
def new_context(browser: Browser, live_server, team) -> Iterator[Callable[..., BrowserContext]]:
    with guarded_contexts(browser, live_server.url) as open_context:
        yield open_context


def log_in(page: Page) -> None:
    page.goto("/control/login/")
    page.fill("#id_username", "bob@acme.test")
    page.fill("#id_password", "a-long-test-password")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Postings")


def test_the_recruiter_offers_times_and_the_candidate_books_one(new_context, team):
    posting, application = team["posting"], team["application"]
    day = (timezone.now() + timedelta(days=6)).astimezone(KL).date()

    recruiter = new_context().new_page()
    log_in(recruiter)
    recruiter.goto(f"/control/postings/{posting.pk}/interviews/")
    recruiter.get_by_label("Date").fill(day.isoformat())
    recruiter.get_by_label("Start times").fill("09:00, 10:00")
    recruiter.get_by_label("Length (minutes)").fill("30")
    recruiter.get_by_label("Time zone").select_option("Asia/Kuala_Lumpur")
    recruiter.get_by_label("Place or phone number").fill("Level 3, Menara Acme")
    recruiter.get_by_label("Bob").check()
    recruiter.get_by_role("button", name="Offer these times").click()
    expect(recruiter.locator(".messages")).to_contain_text("2 times offered.")
    expect(recruiter.locator("table.slots tbody tr")).to_have_count(2)
    assert check_a11y(recruiter, "posting interviews") == []

    recruiter.goto(f"/control/applications/{application.pk}/")
    recruiter.get_by_role("button", name="Invite to pick an interview time").click()
    expect(recruiter.locator(".messages")).to_contain_text("Dee Lim is invited to pick an interview time.")
    assert any(f"/en/status/{application.token}/" in m.body for m in mail.outbox)

    # The candidate's browser is in London: the page shows the times on their clock.
    candidate = new_context(timezone_id="Europe/London").new_page()
    candidate.goto(f"/en/status/{application.token}/")
    candidate.get_by_role("link", name="Pick an interview time").click()
    expect(candidate).to_have_url(re.compile(r"tz=Europe%2FLondon"))
    expect(candidate.locator("legend")).to_have_text("Times in Europe/London")
    london = {
        h: timezone.localtime(
            timezone.make_aware(timezone.datetime(day.year, day.month, day.day, h), KL), ZoneInfo("Europe/London")
        )
        for h in (9, 10)
    }
    label = f"{london[10]:%H:%M}–{london[10] + timedelta(minutes=30):%H:%M}"
    candidate.get_by_label(label).check()
    assert check_a11y(candidate, "candidate interview page") == []
    candidate.get_by_role("button", name="Book this time").click()
    expect(candidate.locator("[role=status]")).to_contain_text("Your interview is booked")
    expect(candidate.locator("#booking")).to_contain_text(f"{label} (Europe/London)")
    expect(candidate.get_by_role("link", name="Add to my calendar (.ics)")).to_be_visible()

    interview = Interview.objects.get(application=application)
    assert (interview.state, interview.candidate_time_zone) == ("booked", "Europe/London")
    application.refresh_from_db()
    assert application.stage == "interview"

    # The recruiter sees the booking on the posting's times and in the calendar.
    recruiter.goto(f"/control/postings/{posting.pk}/interviews/")
    booked_row = recruiter.locator("table.slots tbody tr", has_text="Dee Lim")
    expect(booked_row).to_contain_text("10:00–10:30")
    expect(booked_row).to_contain_text("Booked")
    recruiter.goto("/control/interviews/")
    expect(recruiter.locator("main")).to_contain_text("Dee Lim")
    recruiter.goto(f"/control/applications/{application.pk}/")
    expect(recruiter.locator("main")).to_contain_text("Your interview for Inbound Customer Service Agent")


def test_an_admin_sees_the_template_preview_while_typing(new_context, team):
    Membership.objects.filter(user=team["bob"]).update(role=Membership.Role.ADMIN)
    page = new_context().new_page()
    log_in(page)
    page.get_by_role("link", name="Email templates", exact=True).click()
    page.get_by_role("link", name="Edit Interview reminder in Malay").click()
    expect(page.locator("#preview")).to_contain_text("Nur Aisyah")
    page.get_by_label("Subject").fill("Jumpa {candidate_name} untuk {posting}")
    expect(page.locator("#preview")).to_contain_text("Jumpa Nur Aisyah untuk Inbound Customer Service Agent")
    page.get_by_label("Message").fill("Salam {nama}")
    expect(page.locator("#preview")).to_contain_text("Unknown placeholder: {nama}")
    assert check_a11y(page, "template editor") == []
    page.get_by_label("Message").fill("Salam {candidate_name}, {interview_time}")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages")).to_contain_text("Your wording is saved")
    expect(page.locator("tbody tr", has_text="Interview reminder")).to_contain_text("Your wording")
