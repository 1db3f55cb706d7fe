"""Who sees which reports, and which reports count as nearby duplicates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone

from loket.reports.models import Report, ReportSource
from loket.reports.selectors import (
    categories_offered,
    report_get_visible,
    reports_nearby_open,
    reports_public,
    reports_visible_to,
)
from loket.reports.services import Reporter, ReportIntake, report_create, report_update
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_resident
from tests.factories import PersonFactory
from tests.reports.conftest import KORTRIJK_POINT, MENEN_POINT, ReportsRegion


def _report(
    zwvl: ReportsRegion,
    code: str = "illegal-dumping",
    point: tuple[float, float] = MENEN_POINT,
    **kwargs: Any,
) -> Report:
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories[code],
            source=ReportSource.PORTAL,
            latitude=point[0],
            longitude=point[1],
            **kwargs,
        ),
    )


def test_visibility_matrix(
    zwvl: ReportsRegion, menen_handler: Actor, kortrijk_handler: Actor, dispatcher: Actor
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    menen = _report(zwvl, reporter=Reporter(person=person))
    kortrijk = _report(zwvl, point=KORTRIJK_POINT)
    assert set(reports_visible_to(actor=menen_handler)) == {menen}
    assert set(reports_visible_to(actor=kortrijk_handler)) == {kortrijk}
    assert set(reports_visible_to(actor=dispatcher)) == {menen, kortrijk}
    assert set(reports_visible_to(actor=actor_for_resident(person.pk))) == {menen}
    assert set(reports_visible_to(actor=ANONYMOUS)) == set()
    with pytest.raises(Http404):
        report_get_visible(actor=menen_handler, report_id=kortrijk.pk)
    assert report_get_visible(actor=dispatcher, report_id=kortrijk.pk) == kortrijk


def test_public_reports_leave_out_private_and_merged_ones(
    zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    from loket.reports.services import report_merge

    public = _report(zwvl)
    _report(zwvl, code="abandoned-vehicle")
    merged = _report(zwvl)
    report_merge(actor=menen_handler, duplicate_id=merged.pk, target_id=public.pk)
    assert list(reports_public(region=zwvl.region)) == [public]
    assert set(reports_public(region=zwvl.region, include_merged=True)) == {public, merged}


def test_nearby_means_same_category_open_public_close_and_recent(
    zwvl: ReportsRegion, menen_handler: Actor, settings: Any
) -> None:
    near = _report(zwvl)
    _report(zwvl, point=(MENEN_POINT[0] + 0.0005, MENEN_POINT[1]))  # ~55 m
    _report(zwvl, code="litter")
    _report(zwvl, code="abandoned-vehicle")
    closed = _report(zwvl)
    report_update(
        actor=menen_handler, report_id=closed.pk, to_status=ReportStatus.RESOLVED, message="ok"
    )
    old = _report(zwvl)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=45))
    found = reports_nearby_open(
        category=zwvl.categories["illegal-dumping"],
        latitude=MENEN_POINT[0] + 0.0001,
        longitude=MENEN_POINT[1],
    )
    assert [item.report for item in found] == [near]
    assert 10 < found[0].distance_m < 12
    settings.LOKET_REPORTS_DUPLICATE_RADIUS_M = 80
    settings.LOKET_REPORTS_DUPLICATE_MAX_AGE_DAYS = 60
    found = reports_nearby_open(
        category=zwvl.categories["illegal-dumping"],
        latitude=MENEN_POINT[0],
        longitude=MENEN_POINT[1],
    )
    assert len(found) == 3


def test_inactive_categories_and_groups_are_not_offered(zwvl: ReportsRegion) -> None:
    offered = {category.code for category in categories_offered(region=zwvl.region)}
    assert "illegal-dumping" in offered
    assert "cleanliness" not in offered
    zwvl.categories["cleanliness"].__class__.objects.filter(
        pk=zwvl.categories["cleanliness"].pk
    ).update(is_active=False)
    zwvl.categories["pothole"].__class__.objects.filter(pk=zwvl.categories["pothole"].pk).update(
        is_active=False
    )
    offered = {category.code for category in categories_offered(region=zwvl.region)}
    assert "illegal-dumping" not in offered
    assert "pothole" not in offered
    assert "litter" not in offered
    assert "graffiti" in offered
