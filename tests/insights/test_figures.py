"""The monthly figures, computed from the domains' own tables."""

from __future__ import annotations

import pytest

from loket.insights.figures import figures_refresh
from loket.insights.models import FiguresState, MonthlyFigure
from loket.tenancy.models import Municipality
from tests.insights.conftest import MARCH


def _figure(measure: str, key: str = "") -> MonthlyFigure:
    return MonthlyFigure.objects.get(measure=measure, key=key, month=MARCH)


@pytest.mark.django_db
@pytest.mark.usefixtures("activity")
def test_the_figures_count_each_domain(municipality: Municipality) -> None:
    figures_refresh()

    contacts = {
        f.key: f.count for f in MonthlyFigure.objects.filter(measure="contacts", month=MARCH)
    }
    assert contacts == {"phone": 2, "counter": 2, "digital": 5, "home_visit": 1}
    assert _figure("requests", "residence-certificate").count == 4
    decisions = _figure("decisions", "residence-certificate")
    assert (decisions.count, decisions.part) == (4, 3)
    assert decisions.total == pytest.approx(3 * 3 + 23)
    reports = _figure("reports", "zwerfvuil")
    assert (reports.count, reports.part, reports.median) == (2, 1, pytest.approx(7.0))
    queue = _figure("queue")
    assert (queue.count, queue.part, queue.median) == (12, 10, pytest.approx(2.0))
    appointments = _figure("appointments")
    assert (appointments.count, appointments.part) == (5, 1)
    happiness = _figure("happiness")
    assert (happiness.count, happiness.total) == (12, 90)
    assert _figure("happiness_area", "Parken").count == 10
    satisfaction = _figure("satisfaction", "case")
    assert (satisfaction.count, satisfaction.part, satisfaction.total) == (11, 8, 46)
    assert {f.municipality_id for f in MonthlyFigure.objects.all()} == {municipality.pk}


@pytest.mark.django_db
@pytest.mark.usefixtures("activity")
def test_a_refresh_replaces_the_figures_and_records_when() -> None:
    figures_refresh()
    first = MonthlyFigure.objects.count()

    figures_refresh()

    assert MonthlyFigure.objects.count() == first
    assert FiguresState.objects.get().refreshed_at is not None
