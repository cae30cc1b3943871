"""What the browser tests share: Debian's Chromium, guarded contexts and the axe-core check.

No browser is downloaded: /usr/bin/chromium must be installed (`make browser`); the tests fail,
not skip, without it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking flags Chromium stalls on this closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
AXE = Axe()
# As long as the contexts' own waits: on a loaded machine a live preview can take over 5 s.
expect.set_options(timeout=10_000)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (make browser); no browser is downloaded.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def guarded_contexts(browser: Browser, origin: str) -> Iterator[Callable[..., BrowserContext]]:
    """Yield a maker of fresh browser contexts that refuse, and report, any request off `origin`."""
    contexts: list[BrowserContext] = []
    off_site: list[str] = []
    origin = origin.rstrip("/")

    def guard(route) -> None:
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            off_site.append(route.request.url)
            route.abort()

    def open_context(viewport: dict[str, int] = DESKTOP, **options) -> BrowserContext:
        context = browser.new_context(base_url=origin, viewport=viewport, **options)
        context.set_default_timeout(10_000)
        context.route("**/*", guard)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    assert not off_site, f"pages asked for something off the site: {off_site}"


def check_a11y(page, what: str) -> list[str]:
    """Run axe-core (bundled, injected from disk) and return its serious and critical findings."""
    results = AXE.run(page).response
    assert results["testEngine"]["name"] == "axe-core" and results["passes"], f"axe did not run on {what}"
    problems = []
    for violation in results["violations"]:
        if violation["impact"] in ("serious", "critical"):
            nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
            problems.append(f"{what}: {violation['id']} ({violation['impact']}) {violation['help']} at {nodes}")
    return problems
