"""End to end: a candidate runs the whole tech check in Chromium against the live test server.

Chromium's fake microphone (a beeping test signal) stands in for a real one, and the fake UI
grants it without a prompt. Like the other browser tests, Debian's /usr/bin/chromium is used and
no browser is downloaded.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain
# synchronous reads of the live server's database (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402
from playwright.sync_api import Browser, expect, sync_playwright  # noqa: E402

from callhire.base.models import Application, Employer, TechCheck  # noqa: E402
from callhire.base.tests.techcheck import CHROME_WINDOWS, home_application, home_posting  # noqa: E402
from callhire.presale.tests.browser import CHROMIUM, CHROMIUM_ARGS, check_a11y, guarded_contexts  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)
FAKE_MEDIA = [
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture(scope="module")
def media_browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (make browser); no browser is downloaded.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS + FAKE_MEDIA
        )
        yield browser
        browser.close()


@pytest.fixture
def application(transactional_db) -> Application:
    cache.clear()
    employer = Employer.objects.create(name="Sunrise Contact", slug="sunrise")
    return home_application(home_posting(employer))


def test_a_candidate_runs_the_whole_check_and_sees_the_result_cards(media_browser, live_server, application):
    with guarded_contexts(media_browser, live_server.url) as open_context:
        context = open_context(user_agent=CHROME_WINDOWS, permissions=["microphone"])
        page = context.new_page()
        page.goto(f"/en/status/{application.token}/")
        page.get_by_role("link", name="Run the tech check").click()
        expect(page.locator("h1")).to_have_text("Home-office tech check")
        page.get_by_label("My computer is connected to the router with an Ethernet cable", exact=False).check()
        page.get_by_label("I am in a quiet room", exact=False).check()
        page.get_by_role("button", name="Start the check").click()

        cards = page.locator("#results .card")
        expect(cards.first).to_be_visible(timeout=90_000)
        expect(page.locator("#step")).to_have_text("Done. Your results are below.")
        expect(page.locator("#results")).to_contain_text("Download speed")
        expect(page.locator("#results")).to_contain_text("Packet loss")
        expect(page.locator("#results .card.pass", has_text="Wired connection")).to_be_visible()
        problems = check_a11y(page, "tech check with results")

    run = TechCheck.objects.get(application=application)
    assert run.state == "complete", run.reason
    assert run.download_mbps > 10 and run.upload_mbps > 3  # the live server is on this machine
    assert run.pings_sent == 40 and run.latency_ms is not None and run.latency_ms < 2000
    assert run.served_down_bytes >= 256 * 1024 and run.received_up_bytes >= 128 * 1024
    assert run.mic_level is not None and run.echo_db is not None  # the fake microphone was heard
    assert (run.os, run.wired_attested, run.quiet_attested) == ("windows", True, True)
    application.refresh_from_db()
    assert application.fact_sources["internet_jitter_ms"] == "measured"
    assert application.fact_origins["internet_download_mbps"] == "techcheck"
    assert not problems, problems
