"""Retention of reports: a closed report past its period loses the reporter, the free text,
the photos and the followers; one within its period and an open one are untouched; the
figures the dashboards and the open data read stay the same (loket.reports.retention,
docs/privacy.md)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F

from loket.audit.models import AnonymisationRecord
from loket.audit.retention import retention_run
from loket.insights.figures import figures_refresh
from loket.insights.models import MonthlyFigure
from loket.reports.models import (
    FollowerEmail,
    Report,
    ReportEvent,
    ReportFollower,
    ReportPhoto,
    ReportSource,
)
from loket.reports.photos import photo_prepare
from loket.reports.services import (
    Reporter,
    ReportIntake,
    report_create,
    report_follow,
    report_update,
)
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_resident
from tests.factories import PersonFactory
from tests.reports.conftest import MENEN_POINT, ReportsRegion, jpeg_bytes

SECRET = "Mijn buurman Jan Peeters dumpt hier elke week zijn afval"


def _resolved(zwvl: ReportsRegion, handler: Actor, *, closed_days_ago: int) -> Report:
    person = PersonFactory(municipality=zwvl.menen, email="melder@example.test")
    report = report_create(
        actor=actor_for_resident(person.pk),
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.PORTAL,
            description=SECRET,
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
            reporter=Reporter(person=person, name="Jan Peeters", phone="+32470111222"),
            photos=[photo_prepare(io.BytesIO(jpeg_bytes()))],
        ),
    )
    report_follow(report=report, email="buurvrouw@example.test")
    report_update(
        actor=handler,
        report_id=report.pk,
        to_status=ReportStatus.RESOLVED,
        message=SECRET,
        note=SECRET,
        after_photos=[photo_prepare(io.BytesIO(jpeg_bytes(colour=(0, 200, 0))))],
    )
    shift = dt.timedelta(days=closed_days_ago)
    Report.objects.filter(pk=report.pk).update(
        created_at=F("created_at") - shift,
        closed_at=F("closed_at") - shift,
        due_at=F("due_at") - shift,
    )
    report.refresh_from_db()
    return report


def _texts(report: Report) -> str:
    return " ".join(
        [
            report.description,
            report.status_note,
            report.reporter_name,
            *ReportEvent.objects.filter(report=report).values_list("message", flat=True),
            *ReportEvent.objects.filter(report=report).values_list("note", flat=True),
        ]
    )


@pytest.mark.django_db
def test_a_closed_report_past_its_period_is_anonymised_and_the_figures_stay(
    zwvl: ReportsRegion, menen_handler: Actor, django_capture_on_commit_callbacks: Any
) -> None:
    old = _resolved(zwvl, menen_handler, closed_days_ago=3 * 365)
    recent = _resolved(zwvl, menen_handler, closed_days_ago=100)
    still_open = report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.PORTAL,
            description=SECRET,
            latitude=MENEN_POINT[0],
            longitude=MENEN_POINT[1],
            reporter=Reporter(email="iemand@example.test"),
        ),
    )
    Report.objects.filter(pk=still_open.pk).update(created_at=F("created_at") - dt.timedelta(900))
    files = [Path(photo.image.path) for photo in ReportPhoto.objects.filter(report=old)]
    assert len(files) == 2
    assert all(path.exists() for path in files)
    assert FollowerEmail.objects.filter(report=old).exists()
    figures_refresh()
    figures_before = list(
        MonthlyFigure.objects.order_by("pk").values_list(
            "municipality_id", "month", "measure", "key", "count", "part", "total", "median"
        )
    )
    recent_before = Report.objects.filter(pk=recent.pk).values().get()

    with django_capture_on_commit_callbacks(execute=True):
        plan = retention_run()

    anonymised = Report.objects.get(pk=old.pk)
    assert anonymised.reporter_person_id is None
    assert (anonymised.reporter_name, anonymised.reporter_email, anonymised.reporter_phone) == (
        "",
        "",
        "",
    )
    assert SECRET not in _texts(anonymised)
    assert not ReportEvent.objects.filter(report=old, actor_person__isnull=False).exists()
    # Timeline data that is neither a person nor text stays (the channel it came in by).
    assert ReportEvent.objects.get(report=old, kind="created").data["source"] == "portal"
    assert not ReportPhoto.objects.filter(report=old).exists()
    assert not any(path.exists() for path in files)
    assert not ReportFollower.objects.filter(report=old).exists()
    assert not FollowerEmail.objects.filter(report=old, email__contains="@").exists()
    # What the figures read stays: category, municipality, status, source, place, dates.
    assert (anonymised.category_id, anonymised.status, anonymised.closed_at) == (
        old.category_id,
        ReportStatus.RESOLVED,
        old.closed_at,
    )
    assert (anonymised.latitude, anonymised.longitude) == (old.latitude, old.longitude)
    assert (
        ReportEvent.objects.filter(report=old).count()
        == ReportEvent.objects.filter(report=recent).count()
    )

    assert Report.objects.filter(pk=recent.pk).values().get() == recent_before
    assert SECRET in _texts(recent)
    assert ReportPhoto.objects.filter(report=recent).count() == 2
    assert Report.objects.get(pk=still_open.pk).description == SECRET

    figures_refresh()
    assert (
        list(
            MonthlyFigure.objects.order_by("pk").values_list(
                "municipality_id", "month", "measure", "key", "count", "part", "total", "median"
            )
        )
        == figures_before
    )
    assert plan.counts == {(zwvl.menen.slug, "reports_closed"): 1}
    assert set(AnonymisationRecord.objects.values_list("kind", "object_id")) == {
        ("reports_closed", old.pk)
    }
    assert retention_run().total == 0


@pytest.mark.django_db
def test_an_anonymised_report_is_archived_it_is_neither_reopened_nor_written_to(
    zwvl: ReportsRegion, menen_handler: Actor, django_capture_on_commit_callbacks: Any
) -> None:
    old = _resolved(zwvl, menen_handler, closed_days_ago=3 * 365)
    recent = _resolved(zwvl, menen_handler, closed_days_ago=100)
    retention_run()
    events = ReportEvent.objects.filter(report=old).count()
    for change in (
        {"to_status": ReportStatus.IN_PROGRESS, "message": "Toch nog niet opgelost"},
        {"note": "Jan Peeters belde opnieuw"},
        {"message": "Bedankt voor uw melding"},
    ):
        with pytest.raises(ValidationError) as refused:
            report_update(actor=menen_handler, report_id=old.pk, **change)
        assert refused.value.code == "archived"
    old.refresh_from_db()
    assert old.status == ReportStatus.RESOLVED
    assert ReportEvent.objects.filter(report=old).count() == events
    # A report within its period is reopened as before.
    report_update(actor=menen_handler, report_id=recent.pk, to_status=ReportStatus.IN_PROGRESS)
    recent.refresh_from_db()
    assert recent.status == ReportStatus.IN_PROGRESS
