"""The assistant's offered choices in a browser: buttons in the widget (htmx), links on the
page without JavaScript; picking one answers with that product. axe-core finds no WCAG 2.1
AA violation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

import loket.assistant.engine as engine_module
from loket.assistant.calibration import Calibration, Logistic
from loket.assistant.documents import shipped_phrasings
from loket.assistant.knowledge import knowledge_forget
from loket.assistant.teaching import shipped_phrasings_load
from loket.catalog.loading import catalog_load
from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations

ALWAYS_CHOICES = Calibration(
    answer=Logistic({}, -10.0),
    choice=Logistic({}, 10.0),
    answer_threshold=0.9,
    choice_threshold=0.5,
)


@pytest.fixture
def unsure(transactional_db: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The catalogue, and an assistant that offers choices for every question."""
    region = region_create(slug="zwvl", name_nl="Zuid-West-Vlaanderen", name_fr="Flandre")
    municipality_create_from_nis(region=region, nis_code="34022")
    catalog_load()
    shipped_phrasings_load(phrasings=shipped_phrasings())
    monkeypatch.setattr(engine_module, "calibration_current", lambda variant: ALWAYS_CHOICES)
    knowledge_forget()
    yield
    knowledge_forget()


@pytest.mark.usefixtures("unsure")
def test_the_widget_offers_choices_as_buttons_and_a_button_answers(page: Any) -> None:
    page.goto("/kortrijk/")
    page.fill("#assistant-widget-question", "identiteitskaart")
    page.click(".assistant-widget button[type=submit]")

    options = page.locator("#assistant-widget-answer .assistant-options button")
    options.first.wait_for(timeout=30_000)
    labels = options.all_inner_texts()
    assert labels[0] == "Identiteitskaart (eID)"
    assert labels[-1] == "Geen van deze: geef mijn vraag door"
    assert 3 <= len(labels) <= 4
    assert page.locator("#assistant-widget-answer").inner_text().startswith("Bedoelt u ")
    assert_no_axe_violations(page)

    options.first.click()
    answer = page.locator("#assistant-widget-answer")
    answer.get_by_text("Identiteitskaart (eID): ", exact=False).wait_for(timeout=30_000)
    assert page.url.endswith("/kortrijk/")
    assert answer.locator(".assistant-options").count() == 0


@pytest.mark.usefixtures("unsure")
def test_the_page_without_javascript_offers_choices_as_links(
    browser: Any, live_server: Any
) -> None:
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/assistent/?municipality=kortrijk")
    page.fill("#id_question", "identiteitskaart")
    page.get_by_role("button", name="Vraag stellen").click()
    page.wait_for_load_state("load")

    links = page.locator(".assistant-choices a")
    assert links.first.inner_text() == "Identiteitskaart (eID)"
    assert 2 <= links.count() <= 3
    links.first.click()
    page.wait_for_load_state("load")
    assert "Identiteitskaart (eID): " in page.locator("#assistant-answer").inner_text()
    context.close()


@pytest.mark.usefixtures("unsure")
def test_the_page_with_choices_is_accessible(page: Any) -> None:
    page.goto("/assistent/?municipality=kortrijk")
    page.fill("#id_question", "identiteitskaart")
    page.get_by_role("button", name="Vraag stellen").click()
    page.locator(".assistant-choices a").first.wait_for(timeout=30_000)

    assert_no_axe_violations(page)
