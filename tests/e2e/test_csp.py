"""The browser enforces the Content-Security-Policy: an injected inline script does not run."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_inline_script_is_refused_and_reported(browser: Any, live_server: Any) -> None:
    context = browser.new_context(locale="nl-BE", base_url=live_server.url)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto("/aanmelden/")

    ran = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation",
              (event) => resolve(`blocked ${event.violatedDirective}`));
            const script = document.createElement("script");
            script.textContent = "window.injected = true;";
            document.body.appendChild(script);
            setTimeout(() => resolve(window.injected === true ? "ran" : "silent"), 2000);
        })"""
    )
    context.close()

    assert ran == "blocked script-src-elem"
    assert any("Content Security Policy" in text for text in messages)
