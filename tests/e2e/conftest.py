"""Browser tests: Playwright driving Debian's chromium against Django's live server.

When /usr/bin/chromium is missing these tests are skipped (and `make test` says so loudly).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("LOKET_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
# inside one unless told it is safe (the test, not the server, owns this thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM.exists():
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} is missing: browser tests skipped")
                )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One browser per test module. Playwright's sync API keeps an event loop running in
    this thread while it is open, so it must be closed before tests that run their own
    asyncio loop (workers, SMTP servers) in later modules."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


# Reports every Content-Security-Policy violation of every page as a console error.
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _is_csp_violation(text: str) -> bool:
    return text.startswith("CSP violation:") or "Content Security Policy" in text


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies) with a page; tiles and other hosts are blocked.
    A page that breaks the Content-Security-Policy fails the test."""
    context = browser.new_context(locale="nl-BE", base_url=live_server.url)
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    context.add_init_script(_CSP_LISTENER)
    violations: list[str] = []
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if message.type == "error" and _is_csp_violation(message.text)
            else None
        ),
    )
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert violations == [], "Content-Security-Policy violations:\n" + "\n".join(violations)


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """WCAG 2.1 A/AA violations that axe-core finds on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations: list[dict[str, Any]] = results.response["violations"]
    return violations


def assert_no_axe_violations(page: Any) -> None:
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert violations == [], "\n".join(summary)


_SECOND_STEP = re.compile(r"/backoffice/tweestapsverificatie/(instellen|controle)/")


def staff_second_step(page: Any, username: str) -> None:
    """After the password: the two-step verification a staff member's role requires. The
    first time the account sets up its authenticator (the enrolment page, then its recovery
    codes); later it types the app's code. Waits until the back office is reached."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.two_factor import totp_code

    page.wait_for_url(_SECOND_STEP)
    if "/instellen/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=False)
        page.locator("#id_code").fill(totp_code(device))
        page.locator("main form button[type=submit]").click()
        page.get_by_test_id("recovery-codes").wait_for()
        page.locator("main a.button").click()
    else:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.locator("#id_code").fill(totp_code(device))
        page.locator("main form").first.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: _SECOND_STEP.search(url) is None)
