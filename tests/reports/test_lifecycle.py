"""Following up reports: the lifecycle as data, history, merging, reopening, notifications."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from loket.notify.models import Notification
from loket.reports.models import EventKind, FollowerEmail, Report, ReportEvent, ReportSource
from loket.reports.photos import photo_prepare
from loket.reports.services import (
    Reporter,
    ReportIntake,
    report_create,
    report_follow,
    report_merge,
    report_reopen,
    report_route,
    report_update,
)
from loket.reports.workflow import ALLOWED_TRANSITIONS, ReportStatus
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_resident
from tests.factories import PersonFactory
from tests.reports.conftest import KORTRIJK_POINT, MENEN_POINT, ReportsRegion, jpeg_bytes


def _report(
    zwvl: ReportsRegion, point: tuple[float, float] = MENEN_POINT, **kwargs: object
) -> Report:
    return report_create(
        actor=ANONYMOUS,
        intake=ReportIntake(
            region=zwvl.region,
            category=zwvl.categories["illegal-dumping"],
            source=ReportSource.PORTAL,
            latitude=point[0],
            longitude=point[1],
            **kwargs,  # type: ignore[arg-type]
        ),
    )


def test_every_status_has_a_row_in_the_transition_table() -> None:
    assert set(ALLOWED_TRANSITIONS) == set(ReportStatus.values)
    assert ALLOWED_TRANSITIONS[ReportStatus.MERGED] == frozenset()


def test_resolving_with_a_message_and_an_after_photo(
    zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    report = _report(zwvl, reporter=Reporter(person=person))
    after = photo_prepare(io.BytesIO(jpeg_bytes(colour=(0, 200, 0))))
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.RESOLVED,
        message="Opgeruimd.",
        note="2 zakken",
        after_photos=[after],
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    assert report.status_note == "Opgeruimd."
    assert report.closed_at is not None
    event = report.events.get(kind=EventKind.STATUS_CHANGED)
    assert (event.from_status, event.to_status, event.message, event.note) == (
        "new",
        "resolved",
        "Opgeruimd.",
        "2 zakken",
    )
    assert event.photos.get().kind == "after"
    resolved = Notification.objects.get(person=person, event="report.resolved")
    assert resolved.context["message"] == "Opgeruimd."
    assert resolved.context["reopen_url"].endswith(f"/meldingen/{report.pk}/heropenen/")


def test_a_transition_outside_the_table_is_refused_and_nothing_changes(
    zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    report = _report(zwvl)
    report_update(
        actor=menen_handler, report_id=report.pk, to_status=ReportStatus.RESOLVED, message="ok"
    )
    with pytest.raises(ValidationError) as error:
        report_update(actor=menen_handler, report_id=report.pk, to_status=ReportStatus.PLANNED)
    assert error.value.message_dict == {
        "to_status": ["A report that is “Resolved” cannot become “Planned”."]
    }
    report.refresh_from_db()
    assert report.status == ReportStatus.RESOLVED
    assert report.events.count() == 2


def test_rejecting_needs_a_reason(zwvl: ReportsRegion, menen_handler: Actor) -> None:
    report = _report(zwvl)
    with pytest.raises(ValidationError) as error:
        report_update(actor=menen_handler, report_id=report.pk, to_status=ReportStatus.REJECTED)
    assert error.value.message_dict == {
        "message": ["Tell the reporter why the report is rejected."]
    }
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.REJECTED,
        message="Privéterrein.",
    )
    assert Report.objects.get(pk=report.pk).status == ReportStatus.REJECTED


def test_staff_of_another_municipality_cannot_update_and_nothing_happens(
    zwvl: ReportsRegion, kortrijk_handler: Actor
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    report = _report(zwvl, reporter=Reporter(person=person))
    notifications = Notification.objects.count()
    with pytest.raises(PermissionDenied):
        report_update(
            actor=kortrijk_handler,
            report_id=report.pk,
            to_status=ReportStatus.RESOLVED,
            message="x",
        )
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW
    assert report.events.count() == 1
    assert Notification.objects.count() == notifications


def test_an_internal_note_is_not_sent_to_followers(
    zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    report = _report(zwvl, reporter=Reporter(person=person))
    report_update(actor=menen_handler, report_id=report.pk, note="Bel de eigenaar")
    assert report.events.last().kind == EventKind.NOTE  # type: ignore[union-attr]
    assert list(Notification.objects.values_list("event", flat=True)) == ["report.received"]


def test_the_history_is_append_only(zwvl: ReportsRegion, menen_handler: Actor) -> None:
    report = _report(zwvl)
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.ACKNOWLEDGED,
        message="Gezien",
    )
    report_update(actor=menen_handler, report_id=report.pk, to_status=ReportStatus.IN_PROGRESS)
    first = list(
        ReportEvent.objects.filter(report=report).values("pk", "kind", "to_status", "message")
    )
    report_update(
        actor=menen_handler, report_id=report.pk, to_status=ReportStatus.RESOLVED, message="Klaar"
    )
    after = list(
        ReportEvent.objects.filter(report=report).values("pk", "kind", "to_status", "message")
    )
    assert after[:3] == first
    assert [event["to_status"] for event in after] == [
        "new",
        "acknowledged",
        "in_progress",
        "resolved",
    ]


def test_the_reporter_reopens_within_fourteen_days(
    zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    report = _report(zwvl, reporter=Reporter(person=person))
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.RESOLVED,
        message="Opgeruimd",
    )
    report_reopen(
        actor=actor_for_resident(person.pk), report_id=report.pk, reason="Er ligt nog altijd afval."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW
    assert report.closed_at is None
    assert report.events.last().kind == EventKind.REOPENED  # type: ignore[union-attr]


def test_reopening_after_fourteen_days_is_refused(
    zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    person = PersonFactory(municipality=zwvl.menen)
    report = _report(zwvl, reporter=Reporter(person=person))
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.RESOLVED,
        message="Opgeruimd",
    )
    Report.objects.filter(pk=report.pk).update(closed_at=timezone.now() - dt.timedelta(days=15))
    with pytest.raises(ValidationError) as error:
        report_reopen(actor=actor_for_resident(person.pk), report_id=report.pk, reason="Nog niet")
    assert error.value.code == "reopen_window_passed"
    assert Report.objects.get(pk=report.pk).status == ReportStatus.RESOLVED


def test_only_the_reporter_may_reopen(zwvl: ReportsRegion, menen_handler: Actor) -> None:
    report = _report(zwvl, reporter=Reporter(email="melder@example.test"))
    report_update(
        actor=menen_handler,
        report_id=report.pk,
        to_status=ReportStatus.RESOLVED,
        message="Opgeruimd",
    )
    someone = PersonFactory(municipality=zwvl.menen)
    with pytest.raises(PermissionDenied):
        report_reopen(actor=actor_for_resident(someone.pk), report_id=report.pk, reason="x")
    with pytest.raises(PermissionDenied):
        report_reopen(
            actor=ANONYMOUS, report_id=report.pk, reason="x", reporter_email="other@example.test"
        )
    report_reopen(
        actor=ANONYMOUS,
        report_id=report.pk,
        reason="Nog niet",
        reporter_email="MELDER@example.test",
    )
    assert Report.objects.get(pk=report.pk).status == ReportStatus.NEW


def test_merging_moves_the_followers_and_closes_the_duplicate(
    zwvl: ReportsRegion, menen_handler: Actor
) -> None:
    first_person = PersonFactory(municipality=zwvl.menen)
    original = _report(zwvl, reporter=Reporter(person=first_person))
    duplicate = _report(zwvl, reporter=Reporter(email="tweede@example.test"))
    report_follow(report=duplicate, person=first_person)  # already follows the original
    report_merge(actor=menen_handler, duplicate_id=duplicate.pk, target_id=original.pk)
    duplicate.refresh_from_db()
    assert duplicate.status == ReportStatus.MERGED
    assert duplicate.merged_into == original
    assert duplicate.followers.count() == 0
    assert sorted(str(f.person_id or f.email) for f in original.followers.all()) == sorted(
        [str(first_person.pk), "tweede@example.test"]
    )
    merged_email = FollowerEmail.objects.get(notify_event="report.merged")
    assert merged_email.email == "tweede@example.test"
    assert merged_email.context["report_number"] == str(original.pk)
    assert merged_email.context["duplicate_number"] == str(duplicate.pk)
    assert original.events.last().kind == EventKind.MERGED_IN  # type: ignore[union-attr]


def test_a_merged_report_cannot_be_merged_into(zwvl: ReportsRegion, menen_handler: Actor) -> None:
    a, b, c = _report(zwvl), _report(zwvl), _report(zwvl)
    report_merge(actor=menen_handler, duplicate_id=b.pk, target_id=a.pk)
    with pytest.raises(ValidationError):
        report_merge(actor=menen_handler, duplicate_id=c.pk, target_id=b.pk)
    with pytest.raises(ValidationError):
        report_merge(actor=menen_handler, duplicate_id=a.pk, target_id=a.pk)


def test_merging_across_municipalities_needs_both(
    zwvl: ReportsRegion, menen_handler: Actor, dispatcher: Actor
) -> None:
    menen_report = _report(zwvl)
    kortrijk_report = _report(zwvl, point=KORTRIJK_POINT)
    with pytest.raises(PermissionDenied):
        report_merge(
            actor=menen_handler, duplicate_id=menen_report.pk, target_id=kortrijk_report.pk
        )
    assert Report.objects.get(pk=menen_report.pk).status == ReportStatus.NEW
    report_merge(actor=dispatcher, duplicate_id=menen_report.pk, target_id=kortrijk_report.pk)
    assert Report.objects.get(pk=menen_report.pk).status == ReportStatus.MERGED


def test_the_dispatcher_routes_anywhere_in_the_region(
    zwvl: ReportsRegion, dispatcher: Actor, menen_handler: Actor
) -> None:
    report = _report(zwvl)
    public_works = zwvl.department(zwvl.menen, "public-works")
    with pytest.raises(PermissionDenied):
        report_route(
            actor=menen_handler, report_id=report.pk, department=public_works
        )  # handlers do not route
    report_route(
        actor=dispatcher,
        report_id=report.pk,
        department=public_works,
        category=zwvl.categories["abandoned-bicycle"],
        note="Eigenlijk een fietswrak",
    )
    report.refresh_from_db()
    assert report.department == public_works
    assert report.category.code == "abandoned-bicycle"
    assert (report.due_at - report.created_at).days == 30
    routed = report.events.get(kind=EventKind.ROUTED)
    assert routed.data["department"] == [
        zwvl.department(zwvl.menen, "cleanliness").pk,
        public_works.pk,
    ]


def test_a_department_of_another_municipality_is_refused(
    zwvl: ReportsRegion, dispatcher: Actor
) -> None:
    report = _report(zwvl)
    with pytest.raises(ValidationError):
        report_route(
            actor=dispatcher,
            report_id=report.pk,
            department=zwvl.department(zwvl.kortrijk, "public-works"),
        )


def test_changing_the_visibility_of_a_category_hides_existing_reports(zwvl: ReportsRegion) -> None:
    from loket.reports.services import category_mapping_set

    report = _report(zwvl)
    category_mapping_set(
        actor=None,
        category=zwvl.categories["illegal-dumping"],
        municipality=zwvl.menen,
        department=report.department,
        target_days=5,
        visibility="private",
    )
    assert Report.objects.get(pk=report.pk).is_public is False
