from callhire.presale.tests.browser import browser  # noqa: F401  (the browser tests' shared Chromium)
