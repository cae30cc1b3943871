"""End-to-end tests of the public job board, driving Debian's Chromium through Playwright.

They browse, filter, self-check, apply with a CV and reach the status page, in English and
Malay, on a phone, with the keyboard alone and without JavaScript; axe-core checks each page
for accessibility problems. No browser is downloaded: /usr/bin/chromium must be installed
(`make browser`), and the tests fail, not skip, without it.

Screenshots of the main pages go to docs/screenshots/ when UPDATE_SCREENSHOTS=1:

    UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest callhire/presale/tests/test_browser.py
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls here are plain
# synchronous reads of the live server's database (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.utils import translation  # noqa: E402
from playwright.sync_api import Browser, Page, expect  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402

from callhire.base.demodata import load_demo  # noqa: E402
from callhire.base.models import Application, Posting  # noqa: E402
from callhire.presale.tests.browser import DESKTOP, check_a11y, guarded_contexts  # noqa: E402
from callhire.presale.views import posting_url  # noqa: E402
from callhire.test import make_pdf  # noqa: E402

PHONE = {"width": 390, "height": 844}
SCREENSHOT_DIR = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
UPDATE_SCREENSHOTS = os.environ.get("UPDATE_SCREENSHOTS") == "1"

pytestmark = pytest.mark.django_db(transaction=True)


# Fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def demo(transactional_db) -> dict[str, Posting]:
    """Load the demo data, with an empty cache: no stale page and no rate limit from earlier tests."""
    cache.clear()
    load_demo()
    postings = Posting.objects.select_related("employer")
    return {
        "office": postings.get(employer__slug="sunrise", arrangement="onsite"),
        "home": postings.get(employer__slug="sunrise", arrangement="remote"),
        "health": postings.get(employer__slug="desert-health"),
        "kl": postings.get(employer__slug="kl-bpo"),
    }


@pytest.fixture
def new_page(browser: Browser, live_server, demo) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh browser context; any request off the live server is refused and reported."""
    with guarded_contexts(browser, live_server.url) as open_context:
        yield lambda viewport=DESKTOP, **options: open_context(viewport, **options).new_page()


# Helpers ------------------------------------------------------------------------------------


def url(posting: Posting, lang: str, name: str = "posting") -> str:
    """Return a posting's page in a language; posting_url() gives it in the active one."""
    with translation.override(lang):
        return posting_url(posting, name)


def shot(page: Page, name: str, tmp_path: Path) -> None:
    """Screenshot the whole page into docs/screenshots/ (UPDATE_SCREENSHOTS=1) or a temporary folder."""
    folder = SCREENSHOT_DIR if UPDATE_SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    assert target.read_bytes().startswith(b"\x89PNG") and target.stat().st_size > 5_000, f"{name}.png is blank"


def no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths[0]}px wide in a {widths[1]}px window"


def cv_file(text: str) -> dict:
    return {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": make_pdf(text)}


def fill_office(page: Page, email: str, cv_text: str | None = None) -> None:
    """Fill in the application form of the Sunrise office job."""
    page.fill("#id_name", "Dee Lim")
    page.fill("#id_email", email)
    page.fill("#id_phone", "+1 555 0100")
    page.check("#id_q_age_years_0")
    page.select_option("#id_q_education", "high_school")
    page.check("#id_q_work_authorization_0")
    page.check("input[name=q_computer_skills][value=email]")
    page.check("#id_q_availability_weekends_0")
    if cv_text is not None:
        page.set_input_files("#id_cv", cv_file(cv_text))
    page.check("#id_consent")


def fill_kl(page: Page, email: str) -> None:
    """Fill in the application form of the Kuala Lumpur job (contact details and what the self-check left)."""
    page.fill("#id_name", "Nurul Aina")
    page.fill("#id_email", email)
    page.set_input_files("#id_cv", cv_file("Nurul Aina khidmat pelanggan Maxis dua tahun"))
    page.check("#id_consent")


def submit(page: Page) -> None:
    page.locator("main form button[type=submit]").last.click()


def expect_status_page(page: Page, lang: str, email: str) -> Application:
    expect(page).to_have_url(re.compile(rf"/{lang}/status/[^/]+/\?submitted=1$"))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("[role=status]")).to_contain_text(email)
    application = Application.objects.get(email=email)
    assert urlsplit(page.url).path == f"/{lang}/status/{application.token}/"
    assert application.language == lang
    return application


# Tests --------------------------------------------------------------------------------------


def test_browse_filter_by_arrangement_and_open_a_posting(new_page, demo):
    page = new_page()
    page.goto("/en/jobs/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Contact-center jobs")
    expect(page.locator(".job")).to_have_count(4)

    page.get_by_label("Work arrangement").select_option("remote")
    page.get_by_role("button", name="Show jobs").click()
    expect(page).to_have_url(re.compile(r"[?&]arrangement=remote(&|$)"))
    expect(page.locator(".job")).to_have_count(1)
    expect(page.locator(".job h3")).to_have_text(demo["home"].title)
    expect(page.get_by_label("Work arrangement")).to_have_value("remote")  # the filter stays set

    page.get_by_role("link", name=demo["home"].title).click()
    expect(page).to_have_url(re.compile(re.escape(url(demo["home"], "en")) + "$"))
    expect(page.locator("h1")).to_have_text(demo["home"].title)
    expect(page.get_by_role("link", name="Apply", exact=True).first).to_be_visible()

    # An employer's careers page lists only its jobs.
    page.goto("/en/jobs/sunrise/")
    expect(page.locator(".job")).to_have_count(2)
    expect(page.locator(".job", has_text=demo["health"].title)).to_have_count(0)


def test_self_check_shows_met_and_not_met_and_carries_the_answers_to_the_form(new_page, demo):
    page = new_page()
    page.goto(url(demo["home"], "en"))
    page.get_by_role("link", name="Do I qualify?").first.click()
    expect(page.locator("h1")).to_have_text("Do I qualify?")
    page.check("#id_q_age_years_0")
    page.select_option("#id_q_education", "high_school")
    page.fill("#id_q_customer_service_experience_months", "24")  # 12 required
    page.fill("#id_q_internet_download_mbps", "5")  # 10 required
    page.fill("#id_q_internet_upload_mbps", "4")
    page.check("#id_q_quiet_workspace_0")
    page.get_by_role("button", name="See my result").click()

    expect(page.locator("h1")).to_have_text("Your result")
    expect(page.locator(".notice.warn")).to_contain_text("You do not yet meet every requirement")
    experience = page.locator("tr", has_text="customer-service experience")
    expect(experience).to_have_class(re.compile(r"\boutcome-met\b"))
    expect(experience).to_contain_text("You meet this.")
    download = page.locator("tr", has_text="download")
    expect(download).to_have_class(re.compile(r"\boutcome-not_met\b"))
    expect(download).to_contain_text("You do not meet this yet.")
    expect(page.locator("tr.outcome-assessment").first).to_contain_text("assessment")

    page.get_by_role("button", name="Apply with these answers").click()
    expect(page).to_have_url(re.compile(re.escape(url(demo["home"], "en", "apply")) + "$"))
    expect(page.locator("h1")).to_contain_text("Apply for")
    expect(page.locator("#id_q_age_years_0")).to_be_checked()
    expect(page.locator("#id_q_education")).to_have_value("high_school")
    expect(page.locator("#id_q_customer_service_experience_months")).to_have_value("24")
    expect(page.locator("#id_q_internet_download_mbps")).to_have_value(re.compile(r"^5(\.0)?$"))
    expect(page.locator("#id_q_quiet_workspace_0")).to_be_checked()
    expect(page.locator("#id_q_wired_connection_0")).not_to_be_checked()  # not answered, not invented
    expect(page.locator("#id_name")).to_have_value("")


def test_apply_with_a_cv_lands_on_the_status_page(new_page, demo):
    page = new_page()
    page.goto(url(demo["office"], "en", "apply"))
    fill_office(page, "dee.lim@example.com", cv_text="Dee Lim five years retail cashier")
    submit(page)
    application = expect_status_page(page, "en", "dee.lim@example.com")
    expect(page.locator("[role=status]")).to_contain_text("Thank you. Your application has been received")
    expect(page.locator(".facts")).to_contain_text(demo["office"].title)
    assert Application.objects.filter(posting=demo["office"], email="dee.lim@example.com").count() == 1
    assert "five years retail cashier" in application.cv_text
    assert application.facts["age_years"] is True
    assert application.name == "Dee Lim"


def test_a_double_click_on_submit_makes_one_application(new_page, demo):
    page = new_page()
    page.goto(url(demo["office"], "en", "apply"))
    fill_office(page, "double@example.com", cv_text="Double clicker")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.locator("main form button[type=submit]").dblclick()
    first = expect_status_page(page, "en", "double@example.com")
    page.wait_for_load_state("networkidle")
    assert posts, "the form was never sent"
    assert Application.objects.filter(email="double@example.com").count() == 1

    # Back to the form and send it again, as someone unsure it went: still one application. The
    # browser may show the same form again (the same submission: its status page) or a fresh one
    # (the email already applied: nothing changes, and the link is emailed to its owner).
    page.go_back()
    expect(page.locator("#id_name")).to_be_visible()
    fill_office(page, "double@example.com")
    submit(page)
    page.wait_for_load_state("networkidle")
    if "/status/" in page.url:
        assert expect_status_page(page, "en", "double@example.com").pk == first.pk
    else:
        expect(page.locator("h1")).to_have_text("You have already applied")
    assert len(posts) >= 2
    assert Application.objects.filter(email="double@example.com").count() == 1
    assert Application.objects.get(email="double@example.com").pk == first.pk


def test_the_form_errors_then_keeps_the_cv(new_page, demo):
    page = new_page()
    page.goto(url(demo["office"], "en", "apply"))
    page.set_input_files("#id_cv", cv_file("Kept between submits"))
    submit(page)
    expect(page.locator("main > .error[role=alert]")).to_be_visible()
    name = page.locator("#id_name")
    expect(name).to_have_attribute("aria-invalid", "true")
    # The message and the help text are tied to their fields, so a screen reader reads them out.
    expect(name).to_have_accessible_description(re.compile(r"\S"))
    expect(page.locator("#id_cv")).to_have_accessible_description(re.compile("PDF or Word"))
    expect(page.locator(".notice.ok")).to_contain_text("cv.pdf")
    fill_office(page, "kept@example.com")
    submit(page)
    application = expect_status_page(page, "en", "kept@example.com")
    assert "Kept between submits" in application.cv_text


def test_apply_with_the_keyboard_alone(new_page, demo):
    page = new_page()
    page.goto(url(demo["office"], "en", "apply"))
    keys = page.keyboard

    keys.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip", "the first Tab should reach the skip link"
    assert page.locator(".skip").bounding_box()["x"] >= 0, "the focused skip link should be on screen"

    def tab_to(selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            keys.press("Tab")
            if page.evaluate("s => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    tab_to("#id_name")
    keys.type("Kay Board")
    tab_to("#id_email")
    keys.type("kay@example.com")
    tab_to("#id_q_age_years_0")
    keys.press("Space")
    tab_to("#id_q_education")
    keys.press("ArrowDown")  # no formal qualification
    keys.press("ArrowDown")  # a high-school diploma
    tab_to("#id_q_work_authorization_0")
    keys.press("Space")
    tab_to("input[name=q_computer_skills][value=email]")
    keys.press("Space")
    tab_to("#id_q_availability_weekends_0")
    keys.press("Space")
    tab_to("#id_cv")
    # Space or Enter opens the file chooser; a busy headless Chromium sometimes drops the first
    # press, so try a few times before concluding the field cannot be used from the keyboard.
    for key in ("Space", "Enter", "Space"):
        try:
            with page.expect_file_chooser(timeout=5_000) as chooser:
                keys.press(key)
            break
        except PlaywrightTimeoutError:
            continue
    else:
        raise AssertionError("the CV field never opened a file chooser from the keyboard")
    chooser.value.set_files(cv_file("Kay Board typed everything"))
    tab_to("#id_consent")
    keys.press("Space")
    expect(page.locator("#id_q_education")).to_have_value("high_school")
    expect(page.locator("#id_consent")).to_be_checked()
    tab_to("main form button[type=submit]")
    keys.press("Enter")

    application = expect_status_page(page, "en", "kay@example.com")
    assert application.facts["education"] == "high_school"
    assert application.facts["computer_skills"] == ["email"]
    assert "Kay Board typed everything" in application.cv_text


def test_the_whole_flow_in_malay(new_page, demo):
    page = new_page()
    page.goto("/ms/jobs/")
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    page.get_by_role("link", name=demo["kl"].title).click()
    expect(page).to_have_url(re.compile(re.escape(url(demo["kl"], "ms")) + "$"))
    description = page.locator(".description")
    expect(description).to_contain_text("Kelayakan")
    expect(description).to_contain_text("Cara memohon")
    expect(description).to_contain_text("RM2,200 – RM2,800 sebulan")
    apply_link = page.locator(".cta .button.primary").first
    expect(apply_link).to_have_text("Mohon")

    page.locator(".cta .button:not(.primary)").first.click()  # the self-check
    expect(page).to_have_url(re.compile(re.escape(url(demo["kl"], "ms", "self_check")) + "$"))
    expect(page.locator("#id_q_education option[value=high_school]")).to_have_text("SPM atau yang setaraf")
    page.check("#id_q_age_years_0")
    page.select_option("#id_q_education", "high_school")
    page.check("#id_q_work_authorization_0")
    page.check("input[name=q_languages][value=en]")
    for skill in ("office", "email"):  # not chat: one requirement not met
        page.check(f"input[name=q_computer_skills][value={skill}]")
    page.fill("#id_q_residence_country", "Malaysia")
    page.fill("#id_q_residence_region", "Selangor")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("tr", has_text="Pendidikan")).to_have_class(re.compile(r"\boutcome-met\b"))
    # Live chat is missing (required), and SPM is short of the diploma the job prefers.
    expect(page.locator("tr", has_text="Kemahiran komputer")).to_have_class(re.compile(r"\boutcome-not_met\b"))
    expect(page.locator("tr", has_text="Pengajian kolej")).to_have_class(re.compile(r"\boutcome-not_met\b"))
    expect(page.locator("tr.outcome-not_met")).to_have_count(2)
    expect(page.locator(".notice.warn")).to_be_visible()

    page.locator("main form[action$='/apply/'] button").click()
    expect(page).to_have_url(re.compile(re.escape(url(demo["kl"], "ms", "apply")) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    expect(page.locator("#id_q_residence_region")).to_have_value("Selangor")
    expect(page.locator("input[name=q_computer_skills][value=chat]")).not_to_be_checked()
    fill_kl(page, "nurul@example.com")
    submit(page)
    application = expect_status_page(page, "ms", "nurul@example.com")
    assert application.facts["residence"] == {"country": "Malaysia", "region": "Selangor"}
    assert application.facts["computer_skills"] == ["office", "email"]
    assert "khidmat pelanggan Maxis" in application.cv_text


@pytest.mark.parametrize("lang", ["en", "ms"])
def test_pages_fit_a_phone(new_page, demo, lang, tmp_path):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    posting = demo["office"] if lang == "en" else demo["kl"]
    page.goto(f"/{lang}/jobs/")
    expect(page.locator(".job")).to_have_count(4)
    no_horizontal_scroll(page)
    shot(page, f"board-{lang}-phone", tmp_path)
    page.goto(url(posting, lang))
    no_horizontal_scroll(page)
    page.goto(url(posting, lang, "self_check"))
    no_horizontal_scroll(page)
    page.goto(url(posting, lang, "apply"))
    no_horizontal_scroll(page)
    shot(page, f"apply-{lang}-phone", tmp_path)
    submit(page)  # empty: the errors must fit too
    expect(page.locator("#id_name")).to_have_attribute("aria-invalid", "true")
    no_horizontal_scroll(page)


def test_apply_works_without_javascript(new_page, demo):
    page = new_page(java_script_enabled=False)
    # The self-check and its hand-over to the form are plain forms too.
    page.goto(url(demo["office"], "en", "self_check"))
    page.check("#id_q_age_years_0")
    page.get_by_role("button", name="See my result").click()
    page.get_by_role("button", name="Apply with these answers").click()
    expect(page.locator("#id_q_age_years_0")).to_be_checked()
    fill_office(page, "nojs@example.com", cv_text="No script needed")
    submit(page)
    application = expect_status_page(page, "en", "nojs@example.com")
    assert "No script needed" in application.cv_text


@pytest.mark.parametrize("lang", ["en", "ms"])
def test_public_pages_have_no_serious_accessibility_problems(new_page, demo, lang, tmp_path):
    """axe-core on each public page; the desktop screenshots are taken on the way."""
    page = new_page()
    posting = demo["office"] if lang == "en" else demo["kl"]
    problems: list[str] = []

    page.goto(f"/{lang}/jobs/")
    problems += check_a11y(page, "board")
    shot(page, f"board-{lang}-desktop", tmp_path)
    page.goto(f"/{lang}/jobs/?pay_min=lots")  # a filter error
    expect(page.locator("main > .error")).to_be_visible()
    problems += check_a11y(page, "board with an error")

    page.goto(url(posting, lang))
    problems += check_a11y(page, "posting")
    shot(page, f"posting-{lang}-desktop", tmp_path)

    page.goto(url(posting, lang, "self_check"))
    problems += check_a11y(page, "self-check")
    page.check("#id_q_age_years_0")
    page.select_option("#id_q_education", "high_school")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("table.result")).to_be_visible()
    problems += check_a11y(page, "self-check result")
    shot(page, f"self-check-result-{lang}-desktop", tmp_path)

    page.goto(url(posting, lang, "apply"))
    problems += check_a11y(page, "apply form")
    shot(page, f"apply-{lang}-desktop", tmp_path)
    submit(page)
    expect(page.locator("main > .error[role=alert]")).to_be_visible()
    problems += check_a11y(page, "apply form with errors")

    email = f"axe-{lang}@example.com"
    if lang == "en":
        fill_office(page, email, cv_text="Axe checked")
    else:
        page.check("#id_q_age_years_0")
        page.select_option("#id_q_education", "high_school")
        page.check("#id_q_work_authorization_0")
        fill_kl(page, email)
    submit(page)
    expect_status_page(page, lang, email)
    problems += check_a11y(page, "status page")
    shot(page, f"status-{lang}-desktop", tmp_path)

    assert not problems, "serious accessibility problems:\n" + "\n".join(problems)
