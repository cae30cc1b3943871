"""The voice test in Debian's Chromium with a fake microphone that plays a WAV made by espeak-ng.

Chromium's fake-device flags stand in for the microphone: `--use-fake-device-for-media-stream`
with `--use-file-for-fake-audio-capture=FILE.wav` feeds the file (looped) to getUserMedia, and
`--use-fake-ui-for-media-stream` answers the permission prompt with "allow". Without that flag
the prompt is refused, which is how the test of a candidate who says no works.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain
# synchronous reads and writes of the live server's database (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

from callhire.base import services  # noqa: E402
from callhire.base.models import Application, Attempt, Employer, Invitation, Posting, Recording  # noqa: E402
from callhire.presale.privacy import NOTICE_VERSION  # noqa: E402
from callhire.presale.tests.browser import CHROMIUM, CHROMIUM_ARGS, check_a11y, guarded_contexts  # noqa: E402
from callhire.test import demo_document  # noqa: E402
from callhire.testaudio import speak_wav  # noqa: E402

pytestmark = pytest.mark.django_db(transaction=True)

SPOKEN = "Thank you for calling customer care. I am sorry about the extra charge on your bill."
FAKE_MIC = ["--use-fake-device-for-media-stream"]


@pytest.fixture(scope="module")
def voice_wav(tmp_path_factory) -> Path:
    return speak_wav(SPOKEN, tmp_path_factory.mktemp("voice") / "speech.wav")


@pytest.fixture(scope="module")
def chromium(voice_wav) -> Iterator:
    """Launch Debian's Chromium with a fake microphone; `allow` answers the permission prompt."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (make browser); no browser is downloaded.")
    browsers: list[Browser] = []
    with sync_playwright() as playwright:

        def launch(allow: bool) -> Browser:
            args = [*CHROMIUM_ARGS, *FAKE_MIC, f"--use-file-for-fake-audio-capture={voice_wav}"]
            if allow:
                args.append("--use-fake-ui-for-media-stream")
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
            browsers.append(browser)
            return browser

        yield launch
        for browser in browsers:
            browser.close()


@pytest.fixture
def invitation(transactional_db) -> Invitation:
    cache.clear()
    employer = Employer.objects.create(name="Acme Contact", slug="acme")
    posting = Posting.objects.create(employer=employer, title="Inbound Agent", location="Tomball, TX", status="open")
    services.profile_save(posting, demo_document("inbound-office.yaml"))
    posting.assessment_config = {"sections": ["voice"]}
    posting.save(update_fields=["assessment_config"])
    application, _ = services.application_submit(
        posting,
        name="Dee Lim",
        email="dee@example.com",
        phone="",
        language="en",
        facts={"age_years": True, "education": "high_school", "work_authorization": True},
        consent_version=NOTICE_VERSION,
        submission_key=uuid.uuid4(),
    )
    return application.invitations.get()


def link(invitation: Invitation, *parts: str) -> str:
    return "/en/assess/" + "/".join((invitation.token, *parts)) + "/"


def wait_until(page: Page, check, seconds: float = 60.0) -> None:
    """Wait for `check()` while Playwright keeps serving the page (its routes run only when we call it)."""
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "timed out"
        page.wait_for_timeout(200)


def test_a_candidate_checks_the_microphone_records_and_submits_a_voice_item(chromium, live_server, invitation):
    with guarded_contexts(chromium(allow=True), live_server.url) as open_context:
        page: Page = open_context().new_page()
        page.goto(link(invitation))
        page.goto(link(invitation, "voice"))
        expect(page.locator(".accent-note")).to_contain_text("Your accent is not scored")

        # The microphone check: the live meter moves and the test recording is heard clearly.
        page.get_by_role("button", name="Start the microphone check").click()
        page.wait_for_function("document.getElementById('mic-level').value > 0.05", timeout=10_000)
        page.get_by_role("button", name="Record a test (5 seconds)").click()
        expect(page.locator("#mic-result")).to_have_text("Your microphone works: we heard you clearly.", timeout=15_000)
        expect(page.locator("#mic-playback")).to_be_visible()
        assert check_a11y(page, "the voice test's microphone check") == []

        page.get_by_role("button", name="Start the timed part").click()
        expect(page).to_have_url(re.compile(re.escape(link(invitation, "voice", "take")) + "$"))
        attempt = Attempt.objects.get(invitation=invitation, section="voice")
        first = page.locator(".voice-step").first
        first.get_by_role("button", name="Record").click()
        expect(first.locator(".rec-state")).to_have_text(re.compile("Recording"))
        # Chunks are uploaded while the candidate is still speaking.
        wait_until(page, lambda: Recording.objects.filter(attempt=attempt, chunks__gte=2).exists(), 15)
        page.wait_for_timeout(4000)
        first.get_by_role("button", name="Stop").click()
        expect(first.locator(".rec-state")).to_have_text("Saved.", timeout=30_000)
        assert check_a11y(page, "the voice test's recording page") == []

        page.get_by_role("button", name="I have finished").click()
        expect(page).to_have_url(re.compile(re.escape(link(invitation, "voice", "done")) + "$"))

        recording = Recording.objects.get(attempt=attempt)
        assert recording.chunks >= 4 and recording.content_type in ("webm", "ogg")
        assert recording.audio_check["problem"] == ""
        wait_until(page, lambda: Recording.objects.get(pk=recording.pk).state in ("scored", "failed"), 120)
        recording.refresh_from_db()
        assert recording.state == "scored", recording.error
        assert "charge" in recording.result["transcript"].lower()
        # One script of three was recorded: the others count as nothing, and the fact is set.
        wait_until(page, lambda: "speaking_score" in Application.objects.get(pk=invitation.application_id).facts, 30)


def test_a_candidate_who_refuses_the_microphone_is_told_what_to_do(chromium, live_server, invitation):
    # No "--use-fake-ui-for-media-stream": the permission prompt is refused.
    with guarded_contexts(chromium(allow=False), live_server.url) as open_context:
        page = open_context().new_page()
        page.goto(link(invitation, "voice"))
        page.get_by_role("button", name="Start the microphone check").click()
        expect(page.locator("#mic-problem")).to_contain_text("may not use your microphone")
        expect(page.get_by_role("button", name="Record a test (5 seconds)")).to_be_disabled()


def test_a_malay_reader_on_a_phone_is_told_the_voice_test_is_in_english(chromium, live_server, invitation):
    with guarded_contexts(chromium(allow=True), live_server.url) as open_context:
        page: Page = open_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(link(invitation).replace("/en/", "/ms/", 1))
        page.goto(link(invitation, "voice").replace("/en/", "/ms/", 1))
        note = page.locator(".voice-language")
        expect(note).to_be_visible()
        expect(note).to_contain_text("Inggeris")  # the language, named in Malay
        expect(page.locator(".mic-check .script")).to_have_attribute("lang", "en")
        assert check_a11y(page, "the voice test's intro in Malay") == []
        if os.environ.get("CALLHIRE_SCREENSHOTS"):
            page.screenshot(path=os.path.join(os.environ["CALLHIRE_SCREENSHOTS"], "voice-intro-ms.png"), full_page=True)
