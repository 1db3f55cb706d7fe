"""Reporting from any region, in a real browser: a Brussels commune's page leads to the
Brussels form, where a French address is placed and the category's questions swap in
(htmx); without JavaScript the questions come with the form shown again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import Report
from loket.tenancy.models import Region
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations


def _region(slug: str, name_nl: str, name_fr: str, nis_codes: dict[str, str]) -> Region:
    region = region_create(slug=slug, name_nl=name_nl, name_fr=name_fr, name_en=name_nl)
    for nis_code, municipality_slug in nis_codes.items():
        municipality = municipality_create_from_nis(
            region=region, nis_code=nis_code, slug=municipality_slug
        )
        for code in ("public-works", "cleanliness"):
            department_create(
                municipality=municipality, region=region, code=code, name_nl=code, name_fr=code
            )
    _mappings_load(region, category_tree_load(region=region))
    return region


@pytest.fixture
def regions(transactional_db: None, settings: Any, tmp_path: Path) -> Region:
    settings.MEDIA_ROOT = tmp_path / "media"
    # The Flemish region comes first: a link without a region would open its form.
    _region("zuid-west-vlaanderen", "Zuid-West-Vlaanderen", "Flandre SO", {"34022": "kortrijk"})
    return _region(
        "brussel",
        "Brussels Hoofdstedelijk Gewest",
        "Région de Bruxelles-Capitale",
        {"21009": "elsene"},
    )


def test_a_brussels_commune_page_leads_to_the_brussels_form(page: Any, regions: Region) -> None:
    page.goto("/elsene/")
    page.get_by_role("main").get_by_role("link", name="Een probleem melden").click()
    page.wait_for_url("**/meldingen/nieuw/?municipality=elsene")
    assert page.locator("input[name=region]").get_attribute("value") == "brussel"
    assert "Brussels Hoofdstedelijk Gewest" in page.locator(".lead").first.inner_text()

    page.get_by_label("Wat is er mis?").select_option("illegal-dumping")
    question = page.get_by_label("Wat voor afval?")
    question.wait_for()  # swapped in by htmx
    question.select_option("bulky")
    page.get_by_label("Adres", exact=True).fill("Place Flagey 1, 1050 Ixelles")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Melding versturen").click()
    page.wait_for_url("**/meldingen/ontvangen/**")

    report = Report.objects.get()
    assert (report.municipality.slug, report.region, report.address, report.attributes) == (
        "elsene",
        regions,
        "Place Flagey 1, 1050 Ixelles",
        {"waste_type": "bulky"},
    )


def test_the_questions_are_asked_without_javascript(
    browser: Any, live_server: Any, regions: Region
) -> None:
    context = browser.new_context(
        locale="nl-BE", base_url=live_server.url, java_script_enabled=False
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(live_server.url) else route.abort()
        ),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/kortrijk/")
        page.get_by_role("main").get_by_role("link", name="Een probleem melden").click()
        page.get_by_label("Wat is er mis?").select_option("illegal-dumping")
        page.get_by_label("Beschrijf het probleem").fill("Matras naast de glasbol")
        page.get_by_role("button", name="Toon de vragen bij deze categorie").click()
        assert page.locator("#questions-notice").is_visible()
        assert page.get_by_label("Beschrijf het probleem").input_value() == (
            "Matras naast de glasbol"
        )
        page.get_by_label("Wat voor afval?").select_option("bulky")
        page.get_by_label("Adres", exact=True).fill("Doorniksestraat 12 8500 Kortrijk")
        page.get_by_role("button", name="Melding versturen").click()
        page.wait_for_url("**/meldingen/ontvangen/**")
    finally:
        context.close()
    report = Report.objects.get()
    assert (report.municipality.slug, report.address, report.attributes) == (
        "kortrijk",
        "Doorniksestraat 12, 8500 Kortrijk",
        {"waste_type": "bulky"},
    )
