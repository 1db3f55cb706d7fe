"""A list filtered by htmx with `hx-push-url`: going Back (with or without htmx's own copy
of the page) and reloading show the whole page, never the bare fragment htmx swapped in."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from loket.tenancy.services import municipality_create_from_nis, region_create
from tests.catalog.helpers import catalog_product


@pytest.fixture
def kortrijk(transactional_db: None) -> Any:
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    municipality = municipality_create_from_nis(region=region, nis_code="34022")
    catalog_product("resident-parking-card")
    catalog_product("residence-certificate")
    return municipality


def _assert_whole_page(page: Any) -> None:
    assert page.locator("header.site-header").count() == 1
    assert page.locator("footer.site-footer").count() == 1
    assert page.locator("main h1").inner_text() == "Producten en diensten van Kortrijk"
    assert page.locator("#catalog-q").count() == 1
    assert page.locator("#catalog-results").count() == 1


def _is_history_restore(response: Any) -> bool:
    return response.request.headers.get("hx-history-restore-request") == "true"


def test_back_and_reload_after_an_htmx_filter_show_the_whole_page(page: Any, kortrijk: Any) -> None:
    page.goto(reverse("catalog:portal", args=[kortrijk.slug]))
    # htmx keeps no copy of earlier pages, so Back makes it ask the server for the page.
    page.evaluate("htmx.config.historyCacheSize = 0")
    search = page.locator("#catalog-q")
    search.fill("parkeren")
    page.wait_for_url(re.compile(r"\?q=parkeren$"))
    page.wait_for_selector("#catalog-results a[href$='/producten/resident-parking-card/']")
    search.fill("attest")
    page.wait_for_url(re.compile(r"\?q=attest$"))

    with page.expect_response(_is_history_restore) as restore:
        page.go_back()
    assert "<html" in restore.value.text()
    page.wait_for_url(re.compile(r"\?q=parkeren$"))
    page.wait_for_selector("#catalog-results a[href$='/producten/resident-parking-card/']")
    _assert_whole_page(page)

    # Away to a whole other page and Back: the browser must not reuse the fragment it
    # fetched for the same address.
    page.locator("#catalog-results a[href$='/producten/resident-parking-card/']").click()
    page.wait_for_url(re.compile(r"/producten/resident-parking-card/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"\?q=parkeren$"))
    _assert_whole_page(page)

    page.reload()
    _assert_whole_page(page)
    assert "resident-parking-card" in page.locator("#catalog-results").inner_html()
