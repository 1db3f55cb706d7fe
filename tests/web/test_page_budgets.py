"""What the main back-office pages may cost: a budget per page that holds on any machine.

- Queries: a list costs the same number of queries for a few rows as for many, and no
  more than its budget.
- Rendering: counted, not timed (the machine is shared, so wall-clock time is not a
  stable measure). A page's cost is the number of Python function calls made to answer
  it (view, selectors, templates), which is the same on every run of the same code; each
  extra row of a list may cost at most a budget of calls, and no row renders a template
  of its own (a per-row `{% include %}` multiplies the rendering cost). The trivial
  overview page is the baseline: a list of 50 rows stays within a factor of it.

`bench/pages.py` measures the same pages in milliseconds on region-scale data; see
BENCHMARKS.md ("Back-office pages").
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext

from loket.audit.models import AccessPurpose
from loket.cases.models import Case
from loket.people.models import Person
from loket.reports.models import Report, ReportSource
from loket.reports.services import ReportIntake, report_create
from loket.tenancy.access import ANONYMOUS, actor_for_resident
from loket.tenancy.permissions import Role
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory
from tests.reports.conftest import KORTRIJK_POINT, ReportsRegion, staff, zwvl  # noqa: F401

pytestmark = pytest.mark.slow

FEW, MANY = 3, 12
# Queries per page, whatever the number of rows (session, user, actor, the page's own).
QUERY_BUDGET = {
    "home": 3,
    "cases queue": 9,
    # One more per case-link source (loket.cases.case_links): the council's agenda items.
    "case": 15,
    "reports queue": 7,
    "report": 13,
    # The search in passes: the surnames listed, exact, first names, nearest surnames, then
    # the word-similarity pass in its savepoint (docs/crm.md).
    "residents search": 11,
    # One query per kind of the timeline (ten kinds).
    "resident 360° view": 22,
}
# Python function calls per extra row of a list (or entry of the timeline). Measured
# 2026-12-04 before the rows were written in one pass (loket.web.tables): 438, 366, 205 and
# 1,117; after: 255, 223, 223 and 1,019. The 360° view's timeline, read as plain values and
# written without `format_html` (docs/scaling.md): 234.
CALLS_PER_ROW_BUDGET = {
    "cases queue": 350,
    "reports queue": 300,
    "residents search": 300,
    "resident 360° view": 300,
}
# Templates rendered by a detail page with its forms (an open report: 43, was 141).
DETAIL_TEMPLATE_BUDGET = 60
# A page of 50 rows costs at most this many times the overview page (measured 2026-12-04:
# 5 before the rows were written in one pass, 2.9 to 3.5 after).
BASELINE_FACTOR = 5


@dataclass(frozen=True)
class Cost:
    queries: int
    calls: int
    templates: int


def _cost(client: Client, url: str) -> Cost:
    """Queries, Python function calls and templates rendered to answer `url` (after one
    warm-up request, so that caches filled on first use are not counted)."""
    assert client.get(url).status_code == 200
    calls = 0

    def count(frame: FrameType, event: str, argument: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    templates: list[str] = []

    def rendered(sender: Any, template: Any, **kwargs: Any) -> None:
        templates.append(str(template.name))

    template_rendered.connect(rendered)
    try:
        with CaptureQueriesContext(connection) as queries:
            sys.setprofile(count)
            try:
                response = client.get(url)
            finally:
                sys.setprofile(None)
    finally:
        template_rendered.disconnect(rendered)
    assert response.status_code == 200, url
    return Cost(queries=len(queries), calls=calls, templates=len(templates))


@pytest.fixture
def staff_client(zwvl: ReportsRegion) -> Client:  # noqa: F811
    client = Client()
    client.force_login(staff(zwvl.kortrijk, Role.MUNICIPAL_ADMIN))
    return client


@pytest.fixture
def applicant(zwvl: ReportsRegion) -> Person:  # noqa: F811
    return PersonFactory(municipality=zwvl.kortrijk, first_names="Sofie", last_name="Vandenbroucke")


def _cases(zwvl: ReportsRegion, applicant: Person, count: int) -> list[Case]:  # noqa: F811
    catalog_product("residence-certificate")
    return [
        certificate_request(
            actor=actor_for_resident(applicant.pk), municipality=zwvl.kortrijk, applicant=applicant
        )
        for _ in range(count)
    ]


def _reports(zwvl: ReportsRegion, count: int) -> list[Report]:  # noqa: F811
    return [
        report_create(
            actor=ANONYMOUS,
            intake=ReportIntake(
                region=zwvl.region,
                category=zwvl.categories["illegal-dumping"],
                source=ReportSource.PORTAL,
                latitude=KORTRIJK_POINT[0],
                longitude=KORTRIJK_POINT[1] + index * 0.001,
            ),
        )
        for index in range(count)
    ]


def _residents(zwvl: ReportsRegion, count: int) -> None:  # noqa: F811
    for _ in range(count):
        PersonFactory(municipality=zwvl.kortrijk, last_name="Vandenbroucke")


def _grows(name: str, client: Client, url: str, add: Callable[[int], object]) -> tuple[Cost, Cost]:
    add(FEW)
    few = _cost(client, url)
    add(MANY - FEW)
    many = _cost(client, url)
    assert many.queries == few.queries, f"{name}: more rows cost more queries"
    assert few.queries <= QUERY_BUDGET[name], f"{name}: {few.queries} queries"
    assert many.templates == few.templates, f"{name}: a template rendered per row"
    per_row = (many.calls - few.calls) / (MANY - FEW)
    assert per_row <= CALLS_PER_ROW_BUDGET[name], f"{name}: {per_row:.0f} calls per row"
    return few, many


def test_the_lists_cost_the_same_queries_and_no_template_per_row(
    staff_client: Client,
    zwvl: ReportsRegion,  # noqa: F811
    applicant: Person,
) -> None:
    home = _cost(staff_client, "/backoffice/")
    assert home.queries <= QUERY_BUDGET["home"]
    lists = {
        "cases queue": (
            "/backoffice/dossiers/?view=all",
            lambda count: _cases(zwvl, applicant, count),
        ),
        "reports queue": ("/backoffice/meldingen/", lambda count: _reports(zwvl, count)),
        "residents search": (
            "/backoffice/inwoners/?q=vandenbroucke",
            lambda count: _residents(zwvl, count),
        ),
    }
    for name, (url, add) in lists.items():
        few, many = _grows(name, staff_client, url, add)
        # 50 rows, extrapolated from the cost per row, against the overview page.
        fifty = few.calls + (many.calls - few.calls) / (MANY - FEW) * (50 - FEW)
        assert fifty <= BASELINE_FACTOR * home.calls, (
            f"{name}: 50 rows ≈ {fifty:.0f} calls, overview {home.calls}"
        )


def test_the_detail_pages_stay_within_their_query_budget(
    staff_client: Client,
    zwvl: ReportsRegion,  # noqa: F811
    applicant: Person,
) -> None:
    case = _cases(zwvl, applicant, 1)[0]
    report = _reports(zwvl, 1)[0]
    for name, url in (
        ("case", f"/backoffice/dossiers/{case.pk}/"),
        ("report", f"/backoffice/meldingen/{report.pk}/"),
    ):
        cost = _cost(staff_client, url)
        assert cost.queries <= QUERY_BUDGET[name], f"{name}: {cost.queries} queries"
        # The layout, the page and its partials; a form's select options are written
        # inline (loket.web.form_renderer), not two templates each.
        assert cost.templates <= DETAIL_TEMPLATE_BUDGET, f"{name}: {cost.templates} templates"


def test_the_360_view_costs_the_same_queries_for_a_longer_timeline(
    staff_client: Client,
    zwvl: ReportsRegion,  # noqa: F811
    applicant: Person,
) -> None:
    url = f"/backoffice/inwoners/{applicant.pk}/?purpose={AccessPurpose.CASE_HANDLING.value}"
    _grows("resident 360° view", staff_client, url, lambda count: _cases(zwvl, applicant, count))
