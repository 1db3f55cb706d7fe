"""A report's history is appended through report_event_append and never changed."""

from __future__ import annotations

import inspect

import pytest
from django.db import DatabaseError, transaction

from loket.reports import history
from loket.reports.models import Report, ReportEvent, ReportSource
from loket.reports.services import ReportIntake, report_create
from loket.tenancy.access import ANONYMOUS
from tests.reports.conftest import MENEN_POINT, ReportsRegion


def _report(zwvl: ReportsRegion) -> Report:
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.PORTAL,
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
        ),
    )


def test_the_database_refuses_to_change_or_delete_a_report_event(zwvl: ReportsRegion) -> None:
    report = _report(zwvl)
    event = report.events.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ReportEvent.objects.filter(pk=event.pk).update(message="rewritten")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ReportEvent.objects.filter(report=report).delete()
    # Deleting the report itself would cascade to its history: refused as well.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Report.objects.filter(pk=report.pk).delete()
    event.refresh_from_db()
    assert (event.message, ReportEvent.objects.filter(report=report).count()) == ("", 1)


def test_the_history_module_only_appends() -> None:
    names = {name for name, _value in inspect.getmembers(history, inspect.isfunction)}
    assert {name for name in names if name.startswith("report_event")} == {"report_event_append"}
