"""A municipal administrator in a real browser opens her municipality's dashboard and the
regional comparison: every chart is drawn (the SVG loads inside the page's strict policy),
its table holds the figures, and axe-core finds no WCAG 2.1 AA violation on either page."""

from __future__ import annotations

from typing import Any

import pytest

from loket.insights.figures import figures_refresh
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import MunicipalityFactory, PersonFactory, staff_member
from tests.insights.conftest import activity_make

PASSWORD = "correct-horse-battery"
PERIOD = "van=2026-01&tot=2026-06"


@pytest.fixture
def world(transactional_db: None) -> dict[str, Any]:
    municipality: Municipality = MunicipalityFactory(name_nl="Kortrijk")
    neighbour: Municipality = MunicipalityFactory(region=municipality.region, name_nl="Menen")
    resident = PersonFactory(municipality=municipality)
    activity_make(municipality, actor_for_resident(resident.pk), resident)
    figures_refresh()
    admin = staff_member(municipality, Role.MUNICIPAL_ADMIN)
    return {"municipality": municipality, "neighbour": neighbour, "admin": admin}


def _svg_drawn(page: Any, slug: str) -> bool:
    image = page.locator(f"#grafiek-{slug} img")
    image.scroll_into_view_if_needed()
    width: int = image.evaluate("img => img.complete ? img.naturalWidth : 0")
    return width > 0


def test_the_dashboard_and_the_comparison_show_charts_and_their_tables(
    page: Any, world: dict[str, Any]
) -> None:
    municipality = world["municipality"]
    page.goto("/backoffice/")
    page.locator("input[name=username]").fill(world["admin"].username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form[action='/backoffice/aanmelden/'] button[type=submit]").click()
    staff_second_step(page, world["admin"].username)

    page.goto(f"/backoffice/inzichten/{municipality.pk}/?{PERIOD}")
    for slug in ("kanalen", "wachttijd", "geluk"):
        page.wait_for_function(
            f"() => {{ const i = document.querySelector('#grafiek-{slug} img');"
            " return i && i.complete && i.naturalWidth > 0; }"
        )
        assert _svg_drawn(page, slug)
    waits = page.locator("#grafiek-wachttijd")
    waits.locator("summary").click()
    assert waits.locator("tbody tr").first.locator("td").all_inner_texts() == ["12", "2,0", "83,3"]
    assert_no_axe_violations(page)

    page.locator("a", has_text="Vergelijken met de andere gemeenten").click()
    page.wait_for_url("**/backoffice/inzichten/regio/**")
    assert "Menen" in page.locator("main").inner_text()
    page.wait_for_function(
        "() => { const i = document.querySelector('#grafiek-binnen-5 img');"
        " return i && i.complete && i.naturalWidth > 0; }"
    )
    within = page.locator("#grafiek-binnen-5")
    within.locator("summary").click()
    assert within.locator("tbody th").all_inner_texts() == ["Kortrijk"]
    assert_no_axe_violations(page)
