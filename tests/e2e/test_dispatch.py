"""The regional reporting point in a real browser: the dispatcher opens a pinned report
and sees it on a map, with the postal code and municipality of the point (no address
register is configured), and routes it from a department list grouped by municipality.
axe-core finds no WCAG 2.1 AA violation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import CategoryMapping, Report, ReportSource
from loket.reports.services import ReportIntake, report_create
from loket.tenancy.access import ANONYMOUS
from loket.tenancy.models import Department
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.e2e.conftest import assert_no_axe_violations, staff_second_step
from tests.factories import MembershipFactory, UserFactory
from tests.reports.conftest import MENEN_POINT

PASSWORD = "correct-horse-battery"


@pytest.fixture
def waiting(transactional_db: None, settings: Any, tmp_path: Path) -> Report:
    settings.MEDIA_ROOT = tmp_path / "media"
    region = region_create(
        slug="zuid-west-vlaanderen",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre occidentale du Sud-Ouest",
    )
    for nis, slug in (("34027", "menen"), ("34022", "kortrijk")):
        municipality = municipality_create_from_nis(region=region, nis_code=nis, slug=slug)
        for code, name_nl, name_fr in (
            ("public-works", "Openbare werken", "Travaux publics"),
            ("cleanliness", "Netheid", "Propreté"),
        ):
            department_create(
                municipality=municipality,
                region=region,
                code=code,
                name_nl=name_nl,
                name_fr=name_fr,
            )
    leaves = category_tree_load(region=region)
    _mappings_load(region, leaves)
    other = next(leaf for leaf in leaves if leaf.code == "other")
    CategoryMapping.objects.filter(category=other).update(department=None)
    user = UserFactory(username="zwvl.dispatcher", preferred_language="nl")
    MembershipFactory(user=user, municipality=None, region=region, role=Role.DISPATCHER)
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=region,
            category=other,
            source=ReportSource.PORTAL,
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
        ),
    )


def test_the_dispatcher_sees_the_place_on_a_map_and_routes_by_municipality(
    page: Any, waiting: Report
) -> None:
    page.goto("/backoffice/aanmelden/")
    page.fill("#id_username", "zwvl.dispatcher")
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    staff_second_step(page, "zwvl.dispatcher")
    page.wait_for_url("**/backoffice/")
    page.goto("/backoffice/meldingen/meldpunt/")
    page.click(f"a[href='/backoffice/meldingen/{waiting.pk}/']")
    page.wait_for_url(f"**/backoffice/meldingen/{waiting.pk}/")

    page.wait_for_selector("#report-map .leaflet-overlay-pane path")  # Menen's boundary
    assert page.locator("#report-map path.leaflet-interactive").count() == 2  # and the point
    place = page.locator("[data-testid=report-place]").inner_text()
    assert place.startswith("8930 Menen (geen adres bekend op dit punt)")
    assert "50,796220" in place

    department = page.locator("#id_department")
    assert department.locator("option").first.inner_text() == "Kies een dienst"
    groups = department.locator("optgroup")
    assert groups.evaluate_all("groups => groups.map(group => group.label)") == [
        "Kortrijk",
        "Menen",
        "Regionale instantie",
    ]
    assert groups.nth(1).locator("option").all_inner_texts() == ["Netheid", "Openbare werken"]
    assert_no_axe_violations(page)

    cleanliness = Department.objects.get(municipality=waiting.municipality, code="cleanliness")
    department.select_option(str(cleanliness.pk))
    page.click(f"form[action='/backoffice/meldingen/{waiting.pk}/routeren/'] button")
    page.wait_for_url(f"**/backoffice/meldingen/{waiting.pk}/")
    assert page.locator("[data-testid=report-department]").inner_text() == "Netheid"
