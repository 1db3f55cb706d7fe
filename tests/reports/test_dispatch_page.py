"""The report page of the regional reporting point: a map of the point, the nearest known
address (or, when no locator knows addresses, the postal code and the municipality), and a
department list grouped by municipality with a named empty choice."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from loket.reports.locators import ADDRESS_LOCATORS, LocalAddressLocator
from loket.reports.models import CategoryMapping, Report, ReportSource
from loket.reports.services import ReportIntake, report_create
from loket.tenancy.access import ANONYMOUS
from loket.tenancy.permissions import Role
from tests.reports.conftest import KORTRIJK_POINT, MENEN_POINT, ReportsRegion, staff

pytestmark = pytest.mark.django_db


class _GroteMarktLocator(LocalAddressLocator):
    """A locator that knows one address, as an address register would."""

    code = "test-grote-markt"

    def nearest_address(self, *, latitude: float, longitude: float) -> str | None:
        if (round(latitude, 3), round(longitude, 3)) == (50.828, 3.265):
            return "Grote Markt 54, 8500 Kortrijk"
        return None


def _pinned(zwvl: ReportsRegion, point: tuple[float, float]) -> Report:
    CategoryMapping.objects.filter(category=zwvl.categories["other"]).update(department=None)
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["other"],
            source=ReportSource.PORTAL,
            latitude=point[0],
            longitude=point[1],
        ),
    )


def _dispatcher_page(client: Client, zwvl: ReportsRegion, report: Report) -> str:
    client.force_login(staff(None, Role.DISPATCHER, region=zwvl.region))  # speaks English
    response = client.get(f"/backoffice/meldingen/{report.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _place(html: str) -> list[str]:
    match = re.search(r'<dd data-testid="report-place">(.*?)</dd>', html, re.S)
    assert match is not None
    return re.sub(r"<[^>]+>", " ", match.group(1)).split()


def test_without_known_addresses_the_page_names_postal_code_and_municipality(
    client: Client, zwvl: ReportsRegion
) -> None:
    report = _pinned(zwvl, MENEN_POINT)
    html = _dispatcher_page(client, zwvl, report)
    assert " ".join(_place(html)) == (
        "8930 Menen (no known address at this point) Latitude 50.796220, longitude 3.122960"
    )
    assert 'id="report-map" data-report-map data-map-data="report-map-data"' in html
    data = json.loads(
        re.search(
            r'<script id="report-map-data" type="application/json">(.*?)</script>', html
        ).group(1)  # type: ignore[union-attr]
    )
    points = [f for f in data["features"] if f["properties"]["kind"] == "report"]
    assert [p["geometry"]["coordinates"] for p in points] == [[MENEN_POINT[1], MENEN_POINT[0]]]
    assert points[0]["properties"]["url"] == f"/backoffice/meldingen/{report.pk}/"
    assert '<script src="/static/vendor/leaflet/leaflet.js" defer></script>' in html
    assert '<script src="/static/reports/reports.js" defer></script>' in html


def test_a_municipality_with_several_postal_codes_lists_them(
    client: Client, zwvl: ReportsRegion
) -> None:
    html = _dispatcher_page(client, zwvl, _pinned(zwvl, KORTRIJK_POINT))
    assert " ".join(_place(html)).startswith(
        "8500, 8501, 8510, 8511 Kortrijk (no known address at this point)"
    )


@pytest.fixture
def grote_markt_locator() -> Iterator[None]:
    ADDRESS_LOCATORS.register(_GroteMarktLocator)
    yield
    ADDRESS_LOCATORS.unregister(_GroteMarktLocator)


@pytest.mark.usefixtures("grote_markt_locator")
def test_a_locator_that_knows_addresses_gives_the_nearest_one(
    client: Client, zwvl: ReportsRegion, settings: Any
) -> None:
    settings.LOKET_REPORTS_ADDRESS_LOCATOR = "test-grote-markt"
    html = _dispatcher_page(client, zwvl, _pinned(zwvl, KORTRIJK_POINT))
    assert " ".join(_place(html)).startswith("Near Grote Markt 54, 8500 Kortrijk Latitude")


def test_the_department_list_is_grouped_by_municipality_with_a_named_empty_choice(
    client: Client, zwvl: ReportsRegion
) -> None:
    html = _dispatcher_page(client, zwvl, _pinned(zwvl, MENEN_POINT))
    select = re.search(r'<select name="department".*?</select>', html, re.S)
    assert select is not None
    options = select.group(0)
    assert "---------" not in html
    assert re.findall(r'<option value=""(?: selected)?>([^<]*)</option>', options) == [
        "Choose a department"
    ]
    groups = re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', options, re.S)
    assert [
        (label, re.findall(r"<option [^>]*>([^<]*)</option>", body)) for label, body in groups
    ] == [
        ("Kortrijk", ["Cleanliness", "Public works"]),
        ("Menen", ["Cleanliness", "Public works"]),
        ("Wevelgem", ["Cleanliness", "Public works"]),
        ("Regional body", ["Roads and Traffic Agency", "De Lijn (Flemish public transport)"]),
    ]
    assert "Without a department the report stays at the regional reporting point." in html
    category = re.search(r'<select name="category".*?</select>', html, re.S)
    assert category is not None
    assert "<optgroup" in category.group(0)
    assert '<option value="">Choose a category</option>' in category.group(0)
