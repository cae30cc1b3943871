"""The pipeline board in Debian's Chromium: log in, drag a card, move one with the keyboard, reject by drag.

No browser is downloaded: /usr/bin/chromium must be installed (`make browser`).
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain
# synchronous reads of the live server's database (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from callhire.base import services  # noqa: E402
from callhire.base.models import Application, Employer, Membership, Posting  # noqa: E402
from callhire.control.tests.pipeline_helpers import make_application  # noqa: E402
from callhire.presale.tests.browser import browser, check_a11y, guarded_contexts  # noqa: E402, F401
from callhire.test import demo_document  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def posting(transactional_db) -> Posting:
    cache.clear()  # no login rate limit left over from other tests
    acme = Employer.objects.create(name="Acme Contact", slug="acme")
    bob = User.objects.create_user("bob@acme.test", "bob@acme.test", "password")
    Membership.objects.create(user=bob, employer=acme, role=Membership.Role.RECRUITER)
    posting = Posting.objects.create(employer=acme, title="Inbound Agent", status="open")
    services.profile_save(posting, demo_document("inbound-office.yaml"))
    make_application(posting, "Dee Lim", score=80)
    make_application(posting, "Eli Tan", score=70)
    make_application(posting, "Fay Ong", score=60)
    return posting


@pytest.fixture
def page(browser, live_server, posting):  # noqa: F811
    with guarded_contexts(browser, live_server.url) as open_context:
        page = open_context().new_page()
        page.goto(f"/control/login/?next=/control/postings/{posting.pk}/board/")
        page.get_by_label("Email").fill("bob@acme.test")
        page.get_by_label("Password").fill("password")
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("heading", name="Board")).to_be_visible()
        yield page


def column(page: Page, stage: str):
    return page.locator(f'.column[data-stage="{stage}"]')


def stage_of(name: str) -> str:
    return Application.objects.get(name=name).stage


def test_a_card_is_dragged_to_another_column(page: Page):
    assert check_a11y(page, "board") == []
    card = page.locator(".card", has_text="Dee Lim")
    card.drag_to(column(page, "interview"))
    expect(column(page, "interview").locator(".card", has_text="Dee Lim")).to_be_visible()
    expect(page.locator('[data-count="interview"]')).to_have_text("1")
    expect(page.locator('[data-count="applied"]')).to_have_text("2")
    expect(page.get_by_role("status")).to_contain_text("Dee Lim moved to Interview.")
    assert stage_of("Dee Lim") == "interview"
    page.reload()  # the move is saved, not only shown
    expect(column(page, "interview").locator(".card", has_text="Dee Lim")).to_be_visible()


def test_a_card_is_moved_with_the_keyboard_alone(page: Page):
    select = page.get_by_label("Move to").nth(1)  # Eli Tan's card
    expect(page.locator(".card").nth(1)).to_contain_text("Eli Tan")
    select.focus()
    for _ in range(6):  # a closed select steps through its options with the arrow keys
        if select.input_value() == "assessment":
            break
        page.keyboard.press("ArrowDown")
    assert select.input_value() == "assessment"
    page.keyboard.press("Tab")
    expect(page.locator(".card", has_text="Eli Tan").get_by_role("button", name="Move")).to_be_focused()
    page.keyboard.press("Enter")
    expect(column(page, "assessment").locator(".card", has_text="Eli Tan")).to_be_visible()
    assert stage_of("Eli Tan") == "assessment"


def test_dropping_on_rejected_asks_for_a_reason(page: Page):
    card = page.locator(".card", has_text="Fay Ong")
    card.drag_to(column(page, "rejected"))
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Reject").click()  # no reason: the browser refuses the form
    expect(dialog).to_be_visible()
    assert stage_of("Fay Ong") == "applied"
    dialog.get_by_label("Reason").select_option("no_response")
    dialog.get_by_role("button", name="Reject").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(".card", has_text="Fay Ong")).to_have_count(0)
    expect(page.locator('[data-count="rejected"]')).to_have_text("1")
    fay = Application.objects.get(name="Fay Ong")
    assert (fay.stage, fay.rejection_reason) == ("rejected", "no_response")


def test_the_board_works_without_javascript(browser, live_server, posting):  # noqa: F811
    with guarded_contexts(browser, live_server.url) as open_context:
        page = open_context(java_script_enabled=False).new_page()
        page.goto("/control/login/")
        page.get_by_label("Email").fill("bob@acme.test")
        page.get_by_label("Password").fill("password")
        page.get_by_role("button", name="Log in").click()
        page.goto(f"/control/postings/{posting.pk}/board/")
        card = page.locator(".card", has_text="Dee Lim")
        card.get_by_label("Move to").select_option("offer")
        card.get_by_role("button", name="Move").click()
        expect(page.get_by_role("status").first).to_contain_text("Dee Lim moved to Offer.")
        expect(column(page, "offer").locator(".card", has_text="Dee Lim")).to_be_visible()


def test_the_list_candidate_page_and_stage_settings_pass_the_accessibility_check(page: Page, posting):
    from callhire.base.pipeline import note_add

    dee = Application.objects.get(name="Dee Lim")
    note_add(dee, User.objects.get(username="bob@acme.test"), "Call back @bob")
    problems = []
    for url, what in [
        (f"/control/postings/{posting.pk}/applications/?sort=score", "list"),
        (f"/control/applications/{dee.pk}/", "candidate page"),
        (f"/control/postings/{posting.pk}/stages/", "stage settings"),
    ]:
        page.goto(url)
        problems += check_a11y(page, what)
    assert problems == []
    page.goto(f"/control/applications/{dee.pk}/")
    expect(page.locator("mark.mention")).to_have_text("@bob")
    page.get_by_label("Add a note").fill("Second call went well")
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".messages")).to_contain_text("Note saved.")
    expect(page.locator(".timeline li").first).to_contain_text("Second call went well")
