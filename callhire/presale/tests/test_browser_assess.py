"""End-to-end tests of the online assessments, driving Debian's Chromium through Playwright.

A candidate applies, opens the invitation link and takes the timed sections: the typing test is
typed key by key at a known rate and the speed shown is checked against the clock; paste is
blocked, tab leaves are counted, a dropped connection keeps the time left, the link works in one
browser only and the page never carries an answer key. axe-core checks the pages.

Like test_browser.py, no browser is downloaded: /usr/bin/chromium must be installed (`make browser`).
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain
# synchronous reads and writes of the live server's database (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import datetime  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from decimal import ROUND_HALF_UP, Decimal  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect  # noqa: E402

from callhire.assessments import load_bank  # noqa: E402
from callhire.base import assessing, services  # noqa: E402
from callhire.base.models import Application, Attempt, Employer, Invitation, Posting  # noqa: E402
from callhire.presale.privacy import NOTICE_VERSION  # noqa: E402
from callhire.presale.tests.browser import check_a11y, guarded_contexts  # noqa: E402
from callhire.presale.views import posting_url  # noqa: E402
from callhire.test import demo_document  # noqa: E402

SECTIONS = ["typing", "skills", "judgement", "work_style"]
KEY_FIELDS = ("answer", "best", "worst", "rubric", "reverse", "trait", "tolerance", "points", "correct")
SAVE_WAIT_MS = assessing.HEARTBEAT * 1000 + 4_000  # the next autosave, with room to spare

pytestmark = pytest.mark.django_db(transaction=True)


# Fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def candidate(transactional_db) -> Application:
    """An application to an open posting with all four sections and a one-minute typing test.

    Applying invites the candidate (services.application_submit calls assessing.invitation_send).
    """
    cache.clear()
    employer = Employer.objects.create(name="Acme Contact", slug="acme", website="https://acme.example/jobs")
    posting = Posting.objects.create(
        employer=employer, title="Inbound Customer Service Agent", location="Tomball, TX", status="open"
    )
    services.profile_save(posting, demo_document("inbound-office.yaml"))
    posting.assessment_config = {"sections": SECTIONS, "typing_minutes": 1}
    posting.save(update_fields=["assessment_config"])
    application, outcome = services.application_submit(
        posting,
        name="Dee Lim",
        email="dee@example.com",
        phone="+1 555 0100",
        language="en",
        facts={
            "age_years": True,
            "education": "high_school",
            "work_authorization": True,
            "computer_skills": ["email", "data_entry"],
            "availability": {"weekends": True},
        },
        consent_version=NOTICE_VERSION,
        submission_key=uuid.uuid4(),
    )
    assert outcome == "created"
    return application


@pytest.fixture
def invitation(candidate) -> Invitation:
    invitation = candidate.invitations.get()
    assert invitation.sections == SECTIONS
    return invitation


@pytest.fixture
def new_context(browser: Browser, live_server, candidate) -> Iterator[Callable[..., BrowserContext]]:
    """Open a fresh browser context (its own cookies); any request off the live server is refused and reported."""
    with guarded_contexts(browser, live_server.url) as open_context:
        yield open_context


# Helpers ------------------------------------------------------------------------------------


def link(invitation: Invitation, section: str = "", step: str = "") -> str:
    return "/en/assess/" + "/".join(part for part in (invitation.token, section, step) if part) + "/"


def start(page: Page, invitation: Invitation, section: str) -> Attempt:
    """Open the overview (claiming the link), then the section's intro, and start the timed part."""
    page.goto(link(invitation))
    expect(page.locator("h1")).to_have_text("Your assessments")
    page.goto(link(invitation, section))
    page.get_by_role("button", name="Start the timed part").click()
    expect(page).to_have_url(re.compile(re.escape(link(invitation, section, "take")) + "$"))
    page.wait_for_load_state("load")  # assess.js has run: a key pressed now is not lost
    if section == "typing":
        expect(page.locator("#typing")).to_be_focused()
    return Attempt.objects.get(invitation=invitation, section=section)


def passage_of(attempt: Attempt) -> str:
    return load_bank("typing").get(attempt.item_ids[0]).data["text"]


def saves(page: Page) -> list[dict[str, Any]]:
    """Record the payload of every autosave the page gets an answer to (the list fills as they arrive)."""
    seen: list[dict[str, Any]] = []

    def record(response: Response) -> None:
        request = response.request
        if request.method == "POST" and request.url.endswith("/save/") and response.ok:
            seen.append(json.loads(request.post_data or "{}"))

    page.on("response", record)
    return seen


def wait_for_save(page: Page, seen: list[dict[str, Any]], accept: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    """Wait for an autosave after this call whose payload passes `accept`, and the server's answer to it."""
    first = len(seen)
    deadline = time.monotonic() + SAVE_WAIT_MS / 1000
    while time.monotonic() < deadline:
        for body in seen[first:]:
            if accept(body):
                return body
        page.wait_for_timeout(100)
    raise AssertionError(f"no autosave in {SAVE_WAIT_MS} ms passed the check; saves since: {seen[first:]}")


def half_up(value: float, places: str = "1") -> Decimal:
    """Round like Django's floatformat (half up), not like round() (half to even)."""
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def shown_wpm(page: Page) -> int:
    text = page.locator("#net-wpm").inner_text()
    match = re.fullmatch(r"(\d+) words per minute", text.strip())
    assert match, f"unexpected speed text {text!r}"
    return int(match.group(1))


def shown_accuracy(page: Page) -> Decimal:
    text = page.locator("#accuracy").inner_text()
    match = re.fullmatch(r"(\d+\.\d)%", text.strip())
    assert match, f"unexpected accuracy text {text!r}"
    return Decimal(match.group(1))


def hide_and_show(page: Page) -> None:
    """Make the page hidden then visible again, as switching to another tab and back does."""
    page.evaluate(
        """() => {
            for (const state of ["hidden", "visible"]) {
                Object.defineProperty(document, "visibilityState", {value: state, configurable: true});
                Object.defineProperty(document, "hidden", {value: state === "hidden", configurable: true});
                document.dispatchEvent(new Event("visibilitychange"));
            }
        }"""
    )


def all_attributes(page: Page) -> list[tuple[str, str, str]]:
    """Every attribute of every element: (tag, name, value)."""
    return [
        tuple(row)
        for row in page.evaluate(
            """() => Array.from(document.querySelectorAll("*")).flatMap(
                el => Array.from(el.attributes).map(a => [el.tagName.toLowerCase(), a.name, a.value]))"""
        )
    ]


def json_keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in json_keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in json_keys(v)}
    return set()


# Typing -------------------------------------------------------------------------------------

TYPED_CHARS = 100  # typed at...
KEY_DELAY_MS = 150  # ...one key every ~150 ms plus Playwright's own overhead: ~15 s, about 75 WPM
TOLERANCE = 0.15


def test_typing_at_a_known_rate_shows_that_speed(new_context, candidate, invitation):
    page = new_context().new_page()
    # The candidate's way in: the status page links to the assessments.
    page.goto(f"/en/status/{candidate.token}/")
    page.get_by_role("link", name="Take your assessments").click()
    expect(page).to_have_url(re.compile(re.escape(link(invitation)) + "$"))
    row = page.locator("tr", has_text="Typing test")
    expect(row).to_contain_text("Not started")
    row.get_by_role("link", name="Begin").click()
    expect(page.locator("h1")).to_have_text("Typing test")
    expect(page.locator("main")).to_contain_text("The timed part lasts 1 minute.")

    clicked_start = time.monotonic()
    page.get_by_role("button", name="Start the timed part").click()
    expect(page).to_have_url(re.compile(re.escape(link(invitation, "typing", "take")) + "$"))
    attempt = Attempt.objects.get(invitation=invitation, section="typing")
    assert attempt.limit_seconds == 60
    passage = passage_of(attempt)
    expect(page.locator("#passage")).to_have_text(passage)
    expect(page.locator("#typing")).to_be_focused()  # ready to type, no click needed
    text = passage[:TYPED_CHARS]

    began = time.monotonic()
    page.keyboard.type(text, delay=KEY_DELAY_MS)
    typed_for = time.monotonic() - began
    expect(page.locator("#typing")).to_have_value(text)
    page.get_by_role("button", name="I have finished").click()
    expect(page).to_have_url(re.compile(re.escape(link(invitation, "typing", "done")) + "$"))
    elapsed_total = time.monotonic() - clicked_start

    attempt.refresh_from_db()
    result = attempt.result
    assert attempt.state == Attempt.State.FINISHED
    assert attempt.answers["text"] == text
    assert result["characters_typed"] == TYPED_CHARS
    assert result["uncorrected_errors"] == 0 and result["accuracy"] == 100.0
    assert result["keystrokes"] == TYPED_CHARS and result["log_matches"] is True
    assert result["seconds"] == round(attempt.used_seconds, 1)
    # The server's clock ran from the start button to the finish button: no less than the typing, no more
    # than what this test saw from outside.
    assert typed_for <= attempt.used_seconds <= elapsed_total + 0.5, (typed_for, attempt.used_seconds, elapsed_total)

    # What the server should have worked out from its own clock.
    server_gross = TYPED_CHARS / 5 / (attempt.used_seconds / 60)
    assert abs(result["gross_wpm"] - server_gross) <= 0.06
    assert result["net_wpm"] == result["gross_wpm"]  # no errors

    # What the page shows is the stored result...
    wpm = shown_wpm(page)
    assert wpm == int(half_up(result["net_wpm"], "1"))
    assert shown_accuracy(page) == Decimal("100.0")
    # ...and it matches the rate the keys were sent at, by this test's own clock.
    measured = TYPED_CHARS / 5 / (typed_for / 60)
    print(
        f"\ntyping: {TYPED_CHARS} chars in {typed_for:.2f} s by the test's clock ({measured:.1f} WPM); "
        f"server {attempt.used_seconds:.2f} s ({server_gross:.1f} WPM); stored net {result['net_wpm']}; shown {wpm}"
    )
    assert abs(wpm - measured) <= TOLERANCE * measured, (wpm, measured)

    # The overview now says the section is done and links to the result.
    page.get_by_role("link", name="Back to your assessments").click()
    expect(page.locator("tr", has_text="Typing test")).to_contain_text("Finished")
    candidate.refresh_from_db()
    assert candidate.facts["typing_wpm"] == round(result["net_wpm"])
    assert candidate.fact_sources["typing_wpm"] == "measured"


def test_typing_with_mistakes_lowers_accuracy_and_net_speed(new_context, invitation):
    page = new_context().new_page()
    attempt = start(page, invitation, "typing")
    passage = passage_of(attempt)
    wrong_at = (8, 21, 34, 47)
    text = "".join(("q" if ch != "q" else "z") if i in wrong_at else ch for i, ch in enumerate(passage[:60]))
    assert sum(a != b for a, b in zip(text, passage, strict=False)) == len(wrong_at)

    began = time.monotonic()
    page.keyboard.type(text, delay=60)
    typed_for = time.monotonic() - began
    page.get_by_role("button", name="I have finished").click()
    expect(page).to_have_url(re.compile(re.escape(link(invitation, "typing", "done")) + "$"))

    attempt.refresh_from_db()
    result = attempt.result
    minutes = attempt.used_seconds / 60
    assert attempt.answers["text"] == text
    assert result["characters_typed"] == 60
    assert result["uncorrected_errors"] == len(wrong_at)
    assert result["accuracy"] == float(half_up(100 * 56 / 60, "0.1"))
    assert result["accuracy"] < 100
    gross = 60 / 5 / minutes
    assert abs(result["gross_wpm"] - gross) <= 0.06
    assert abs(result["net_wpm"] - (gross - len(wrong_at) / minutes)) <= 0.06
    assert result["net_wpm"] < result["gross_wpm"]
    assert shown_accuracy(page) == half_up(result["accuracy"], "0.1")
    assert shown_wpm(page) == int(half_up(result["net_wpm"], "1"))
    measured_gross = 60 / 5 / (typed_for / 60)
    print(
        f"\ntyping with {len(wrong_at)} errors: 60 chars in {typed_for:.2f} s ({measured_gross:.1f} WPM gross); "
        f"server {attempt.used_seconds:.2f} s, stored gross {result['gross_wpm']} net {result['net_wpm']} "
        f"accuracy {result['accuracy']}"
    )


def test_a_slow_autosave_does_not_double_the_keystroke_log(new_context, invitation):
    """A save still on its way when the next one leaves must not make the page send its keys twice."""
    page = new_context().new_page()
    attempt = start(page, invitation, "typing")
    text = passage_of(attempt)[:40]
    held: list[tuple[Any, Any]] = []

    def slow_heartbeat(route) -> None:
        body = json.loads(route.request.post_data or "{}")
        if body.get("finish") or held:
            route.continue_()
        else:  # the server takes it, but its answer is slow to come back
            held.append((route, route.fetch()))

    page.route("**/typing/save/", slow_heartbeat)
    page.keyboard.type(text[:30], delay=60)
    for _ in range(40):
        if held:
            break
        page.wait_for_timeout(250)
    assert held, "no autosave was sent"
    page.keyboard.type(text[30:], delay=20)
    page.get_by_role("button", name="I have finished").click()
    page.wait_for_timeout(500)
    route, response = held[0]
    route.fulfill(response=response)
    expect(page).to_have_url(re.compile(re.escape(link(invitation, "typing", "done")) + "$"))

    attempt.refresh_from_db()
    assert attempt.answers["text"] == text
    assert len(attempt.keystrokes) == len(text), [key for _, key in attempt.keystrokes]
    assert attempt.result["log_matches"] is True


# Integrity ----------------------------------------------------------------------------------


def test_paste_is_blocked_and_counted(new_context, invitation):
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    seen = saves(page)
    attempt = start(page, invitation, "typing")
    passage = passage_of(attempt)
    page.evaluate("text => navigator.clipboard.writeText(text)", passage)

    # The clipboard does work in this browser: an ordinary text box takes the paste...
    page.evaluate("() => { const t = document.createElement('textarea'); t.id = 'scratch'; document.body.append(t); }")
    scratch = page.locator("#scratch")
    for _ in range(5):  # the first paste into a fresh headless page sometimes gives nothing
        scratch.fill("")
        scratch.focus()
        page.keyboard.press("Control+V")
        if scratch.input_value() == passage:
            break
        page.wait_for_timeout(100)
    expect(scratch).to_have_value(passage)
    page.evaluate("() => document.getElementById('scratch').remove()")

    # ...but the typing box does not: Ctrl+V, a paste event and a drop are all refused.
    area = page.locator("#typing")
    area.focus()
    page.keyboard.press("Control+V")
    page.evaluate(
        """() => {
            const area = document.getElementById("typing");
            const data = new DataTransfer();
            data.setData("text/plain", "pasted by a script");
            area.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
            area.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));
        }"""
    )
    expect(area).to_have_value("")
    body = wait_for_save(page, seen, lambda body: body.get("paste_attempts", 0) >= 3)
    assert body["answers"] == {"text": ""}
    attempt.refresh_from_db()
    assert attempt.paste_attempts == 3
    assert attempt.answers.get("text", "") == ""

    # Typing still works, and the shortcut pressed is not scored as a typed "v".
    page.keyboard.type(passage[:12], delay=20)
    page.get_by_role("button", name="I have finished").click()
    expect(page).to_have_url(re.compile(r"/typing/done/$"))
    attempt.refresh_from_db()
    assert attempt.answers["text"] == passage[:12]
    assert attempt.paste_attempts == 3
    assert attempt.result["uncorrected_errors"] == 0
    assert attempt.result["log_matches"] is True, [key for _, key in attempt.keystrokes]


def test_leaving_the_tab_is_recorded(new_context, invitation):
    page = new_context().new_page()
    seen = saves(page)
    attempt = start(page, invitation, "skills")
    hide_and_show(page)
    hide_and_show(page)
    wait_for_save(page, seen, lambda body: body.get("tab_leaves", 0) >= 2)
    attempt.refresh_from_db()
    assert attempt.tab_leaves == 2

    # After a reload the page goes on counting from what the server has, not from zero.
    page.reload()
    expect(page.locator("#finish")).to_be_visible()
    hide_and_show(page)
    wait_for_save(page, seen, lambda body: body.get("tab_leaves", 0) >= 1)
    attempt.refresh_from_db()
    assert attempt.tab_leaves == 3


# Resuming -----------------------------------------------------------------------------------


def answer_first_item(page: Page) -> tuple[str, str, str]:
    """Answer the first item on the page; return (item id, the field's selector, the answer)."""
    box = page.locator("fieldset.item").first
    item_id = box.get_attribute("data-item")
    radios = box.locator("input[type=radio]")
    if radios.count():
        value = radios.nth(1).get_attribute("value")
        radios.nth(1).check()
        return item_id, f"input[name='a__{item_id}'][value='{value}']", value
    field = box.locator("input[type=text], textarea").first
    value = "12.5" if field.get_attribute("type") == "text" else "Dear customer, thank you for your email."
    field.fill(value)
    return item_id, f"#a__{item_id}", value


def test_a_stopped_and_resumed_assessment_keeps_its_remaining_time(new_context, invitation):
    context = new_context()
    page = context.new_page()
    seen = saves(page)
    attempt = start(page, invitation, "skills")
    assert attempt.limit_seconds == load_bank("skills").minutes * 60
    item_id, selector, value = answer_first_item(page)
    page.wait_for_timeout(2_500)  # some time spent on the item
    page.locator("fieldset.item").nth(1).locator("input, textarea").first.focus()
    wait_for_save(page, seen, lambda body: body.get("answers", {}).get(item_id) == value)
    attempt.refresh_from_db()
    assert attempt.answers[item_id] == value
    spent = attempt.item_seconds[item_id]
    assert spent >= 2.0
    left = attempt.remaining_seconds()
    shown_before = int(page.locator("#time-left").inner_text())
    assert abs(shown_before - left) <= assessing.HEARTBEAT + 1
    page.close()

    # The connection is gone for ten minutes.
    Attempt.objects.filter(pk=attempt.pk).update(last_seen=timezone.now() - datetime.timedelta(minutes=10))

    page = context.new_page()  # the same browser, so the same cookie
    seen = saves(page)
    page.goto(link(invitation))
    row = page.locator("tr", has_text="Skills test")
    expect(row).to_contain_text("In progress")
    row.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(re.compile(re.escape(link(invitation, "skills", "take")) + "$"))
    if selector.startswith("input[name="):
        expect(page.locator(selector)).to_be_checked()
    else:
        expect(page.locator(selector)).to_have_value(value)
    shown_after = int(page.locator("#time-left").inner_text())
    # Only a heartbeat's worth is charged for the silence, not ten minutes.
    assert left - assessing.HEARTBEAT - 3 <= shown_after <= left + 1, (left, shown_after)
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.STARTED
    assert attempt.disconnects == 1
    assert attempt.remaining_seconds() >= left - assessing.HEARTBEAT - 1

    # Time on the item keeps adding up across the two visits.
    page.locator(selector).focus()
    page.wait_for_timeout(500)
    page.locator("fieldset.item").nth(1).locator("input, textarea").first.focus()
    wait_for_save(page, seen, lambda body: item_id in body.get("item_seconds", {}))
    attempt.refresh_from_db()
    assert attempt.item_seconds[item_id] >= spent + 0.4, (spent, attempt.item_seconds[item_id])
    assert attempt.answers[item_id] == value


# The link -----------------------------------------------------------------------------------


def test_nobody_but_the_invited_candidate_can_open_the_link(new_context, invitation):
    mine = new_context().new_page()
    assert mine.goto(link(invitation)).status == 200
    assert new_context().new_page().goto(link(invitation)).status == 200  # looking binds nothing (mail scanners)
    # Starting a timed part binds the link to this browser.
    mine.goto(link(invitation, "typing"))
    mine.get_by_role("button", name="Start the timed part").click()
    mine.wait_for_url("**/typing/take/")

    other = new_context().new_page()
    for url in (link(invitation), link(invitation, "typing"), link(invitation, "typing", "take")):
        response = other.goto(url)
        assert response.status == 403, url
        expect(other.locator("main")).to_contain_text("already opened in another browser")
    # Nor can it start or save a section by posting straight to the server, with a valid CSRF token.
    with translation.override("en"):
        other.goto(posting_url(invitation.application.posting, "apply"))
    token = next(c["value"] for c in other.context.cookies() if c["name"] == "csrftoken")
    response = other.request.post(link(invitation, "typing", "start"), form={"csrfmiddlewaretoken": token})
    assert response.status == 403
    assert "already opened in another browser" in response.text()
    response = other.request.post(
        link(invitation, "typing", "save"), data={"answers": {"text": "x"}}, headers={"X-CSRFToken": token}
    )
    assert response.status == 403 and response.json() == {"error": "refused"}
    assert Attempt.objects.count() == 1  # only the candidate's own

    assert mine.goto(link(invitation, "typing")).status == 200  # still fine where it was opened

    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = mine.goto(link(invitation))
    assert response.status == 410
    expect(mine.locator("main")).to_contain_text("The link has expired")


# Answer keys --------------------------------------------------------------------------------


def number_forms(value: float | int) -> set[str]:
    forms = {str(value), f"{float(value):.2f}", f"{float(value):g}"}
    if float(value).is_integer():
        forms.add(str(int(value)))
    return forms


def test_no_one_can_read_the_answer_keys_from_the_page(new_context, invitation):
    context = new_context()
    page = context.new_page()
    for section in ("skills", "judgement", "work_style"):
        attempt = start(page, invitation, section)
        bank = load_bank(section)
        items = [bank.get(item_id) for item_id in attempt.item_ids]

        html = page.content()
        scripts = page.evaluate(
            "() => Array.from(document.scripts).map(s => ({src: s.src, type: s.type, text: s.textContent}))"
        )
        for script in scripts:
            if script["src"]:
                script["text"] = page.request.get(script["src"]).text()
        texts = [html] + [s["text"] for s in scripts]
        for text in texts:
            for field in KEY_FIELDS:
                assert not re.search(rf"""["']{field}["']\s*:""", text), f"{section}: a {field!r} field on the page"
                assert not re.search(rf"\sdata-{field}\b", text), f"{section}: a data-{field} attribute"
        for script in scripts:
            if script["type"] == "application/json":
                assert not json_keys(json.loads(script["text"])) & set(KEY_FIELDS), section

        attributes = all_attributes(page)
        for _tag, name, _value in attributes:
            assert not any(field in name for field in ("answer", "correct", "key", "rubric", "reverse", "trait")), name

        if section == "skills":
            private = {invitation.token, page.locator("input[name=csrfmiddlewaretoken]").input_value()}
            values = [v for _t, _n, v in attributes if not any(p in v for p in private)]
            for item in items:
                if item.data["kind"] != "number":
                    continue
                for form in number_forms(item.data["answer"]):
                    pattern = re.compile(rf"(?<![\w.]){re.escape(form)}(?![\w])")
                    leaks = [v for v in values if pattern.search(v)]
                    assert not leaks, f"the answer {form} of {item.id} is in an attribute: {leaks}"
            # Every option of a choice item looks alike: type, name and value, nothing more.
            for item in items:
                if item.data["kind"] == "choice":
                    radios = page.locator(f"input[name='a__{item.id}']")
                    ids = [o["id"] for o in item.data["options"]]
                    assert [radios.nth(i).get_attribute("value") for i in range(radios.count())] == ids
                    for i in range(radios.count()):
                        names = radios.nth(i).evaluate("el => el.getAttributeNames().sort()")
                        assert names == ["name", "type", "value"], (item.id, names)

        elif section == "judgement":
            for item in items:
                ids = [r["id"] for r in item.data["responses"]]
                for pick in ("best", "worst"):
                    radios = page.locator(f"input[name='{pick}__{item.id}']")
                    assert radios.count() == len(ids)
                    assert [radios.nth(i).get_attribute("value") for i in range(len(ids))] == ids
                    for i in range(len(ids)):
                        names = radios.nth(i).evaluate("el => el.getAttributeNames().sort()")
                        assert names == ["name", "type", "value"], (item.id, names)

        else:  # work style: the same five-point scale, in the same order, for reverse-keyed items too
            for item in items:
                radios = page.locator(f"input[name='a__{item.id}']")
                assert [radios.nth(i).get_attribute("value") for i in range(radios.count())] == list("12345")
            assert any(item.data["reverse"] for item in items)


# Accessibility ------------------------------------------------------------------------------


def test_assessment_pages_have_no_serious_accessibility_problems(new_context, invitation):
    page = new_context().new_page()
    problems: list[str] = []
    page.goto(link(invitation))
    problems += check_a11y(page, "overview")
    for section in SECTIONS:
        page.goto(link(invitation, section))
        expect(page.locator("h2").first).to_have_text("Practice item")
        problems += check_a11y(page, f"{section} intro")
    # The practice answer's feedback.
    page.goto(link(invitation, "skills"))
    page.locator("form.practice button[type=submit]").click()
    expect(page.locator("form.practice + p[role=status]")).to_be_visible()
    problems += check_a11y(page, "skills practice feedback")
    for section in SECTIONS:
        start(page, invitation, section)
        problems += check_a11y(page, f"{section} take page")
    page.get_by_role("button", name="I have finished").click()
    expect(page).to_have_url(re.compile(r"/work_style/done/$"))
    problems += check_a11y(page, "done page")
    assert not problems, "serious accessibility problems:\n" + "\n".join(problems)
