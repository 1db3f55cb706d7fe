"""Following up reports: status updates, routing, merging duplicates, reopening."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.audit.models import AnonymisationRecord
from loket.core.lifecycle import Transition, transition_apply, transition_check
from loket.notify.after_service import ServiceDone, ServiceKind, service_done
from loket.reports import notifications
from loket.reports.history import report_event_append
from loket.reports.models import (
    Category,
    EventKind,
    PhotoKind,
    Report,
    ReportEvent,
    ReportFollower,
    ReportPhoto,
)
from loket.reports.photos import MAX_PHOTOS_PER_REPORT, PreparedPhoto
from loket.reports.routing import routing_for
from loket.reports.services.intake import _follower_add, _photo_store
from loket.reports.workflow import (
    CLOSED_STATUSES,
    LIFECYCLE,
    REOPEN_WINDOW,
    Party,
    ReportStatus,
)
from loket.tenancy.access import Actor
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission


def _locked(report_id: int) -> Report:
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise Report.DoesNotExist
    return report


def _require(actor: Actor, permission: Permission, municipality_id: int) -> None:
    if not actor.has(permission, municipality_id):
        raise PermissionDenied


# The retention kind of closed reports (loket.reports.retention).
ANONYMISED_KIND = "reports_closed"


def _not_archived(report: Report) -> None:
    """A closed report anonymised after its retention period is archived: it is neither
    reopened nor written to again (what was added would keep personal data the job has
    already passed). A new problem is a new report."""
    if AnonymisationRecord.objects.filter(kind=ANONYMISED_KIND, object_id=report.pk).exists():
        raise ValidationError(
            _(
                "This report is archived: its personal data were removed after the "
                "retention period. Make a new report for a new problem."
            ),
            code="archived",
        )


def _status_changes(
    report: Report, from_status: str, to_status: str, now: dt.datetime
) -> dict[str, object]:
    """What else changes with the status: the closing time, a new due date on reopening."""
    changes: dict[str, object] = {"closed_at": now if to_status in CLOSED_STATUSES else None}
    if from_status in CLOSED_STATUSES and to_status not in CLOSED_STATUSES:
        changes["due_at"] = now + dt.timedelta(
            days=routing_for(category=report.category, municipality=report.municipality).target_days
        )
    return changes


@transaction.atomic
def report_update(
    *,
    actor: Actor,
    report_id: int,
    to_status: str = "",
    message: str = "",
    note: str = "",
    after_photos: Sequence[PreparedPhoto] = (),
) -> Report:
    """Change the status (optional) with a public message, an internal note and "after"
    photos. Followers are told about every public change."""
    report = _locked(report_id)
    _require(actor, Permission.REPORTS_HANDLE, report.municipality_id)
    _not_archived(report)
    message, note = message.strip(), note.strip()
    from_status = report.status
    changes_status = bool(to_status) and to_status != from_status
    if changes_status:
        transition_check(
            LIFECYCLE, current=from_status, target=to_status, party=Party.STAFF, reason=message
        )
    if not changes_status and not message and not note and not after_photos:
        raise ValidationError(_("Nothing to save: change the status or write a message."))
    if len(after_photos) > MAX_PHOTOS_PER_REPORT:
        raise ValidationError(
            {"photos": _("At most %(count)d photos.") % {"count": MAX_PHOTOS_PER_REPORT}}
        )
    now = timezone.now()
    if changes_status:
        kind = EventKind.STATUS_CHANGED
    elif message or after_photos:
        kind = EventKind.MESSAGE
    else:
        kind = EventKind.NOTE

    def history(transition: Transition | None, source: str) -> ReportEvent:
        return report_event_append(
            report=report,
            kind=kind,
            from_status=source,
            to_status=transition.target if transition is not None else source,
            message=message,
            note=note,
            actor=actor,
            created_at=now,
        )

    changes: dict[str, object] = {"updated_at": now}
    if message:
        changes["status_note"] = message
    if changes_status:
        changes |= _status_changes(report, from_status, to_status, now)
        event = transition_apply(
            LIFECYCLE,
            instance=report,
            target=to_status,
            history=history,
            party=Party.STAFF,
            reason=message,
            changes=changes,
        )
    else:
        event = history(None, from_status)
        for name, value in changes.items():
            setattr(report, name, value)
        report.save(update_fields=list(changes))
    for prepared in after_photos:
        _photo_store(ReportPhoto(report=report, event=event, kind=PhotoKind.AFTER), prepared)
    if kind is not EventKind.NOTE:
        notifications.report_event_notify(report=report, event=event)
    _resolved_tell(report, event, to_status if changes_status else "")
    return report


def _resolved_tell(report: Report, event: ReportEvent, to_status: str) -> None:
    """A report of a known resident just resolved is a delivered service (see
    loket.notify.after_service)."""
    if to_status != ReportStatus.RESOLVED or report.reporter_person_id is None:
        return
    service_done(
        done=ServiceDone(
            kind=ServiceKind.REPORT,
            reference=f"{report.pk}-{event.pk}",
            municipality_id=report.municipality_id,
            person_id=report.reporter_person_id,
            department_id=report.department_id,
            subject_code=report.category.code,
            subject_name=report.category.name_nl,
        )
    )


@transaction.atomic
def report_reopen(*, actor: Actor, report_id: int, reason: str, reporter_email: str = "") -> Report:
    """The reporter reopens their resolved report within REOPEN_WINDOW. A signed-in resident
    is recognised by their person; an anonymous reporter by the email address that a signed
    link in their notification proved."""
    report = _locked(report_id)
    is_reporter = (
        actor.is_resident
        and actor.person_id is not None
        and actor.person_id == report.reporter_person_id
    ) or (
        bool(reporter_email)
        and bool(report.reporter_email)
        and reporter_email.strip().lower() == report.reporter_email.lower()
    )
    if not is_reporter:
        raise PermissionDenied
    transition_check(
        LIFECYCLE, current=report.status, target=ReportStatus.NEW, party=Party.REPORTER
    )
    now = timezone.now()
    if report.closed_at is None or now - report.closed_at > REOPEN_WINDOW:
        raise ValidationError(
            _(
                "A report can be reopened up to %(days)d days after it was resolved. Please make a "
                "new report."
            )
            % {"days": REOPEN_WINDOW.days},
            code="reopen_window_passed",
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Tell us why the problem is not solved.")})
    event = transition_apply(
        LIFECYCLE,
        instance=report,
        target=ReportStatus.NEW,
        party=Party.REPORTER,
        history=lambda transition, source: report_event_append(
            report=report,
            kind=EventKind.REOPENED,
            from_status=source,
            to_status=transition.target,
            message=reason,
            actor=actor,
            created_at=now,
        ),
        changes={
            "closed_at": None,
            "updated_at": now,
            "due_at": now
            + dt.timedelta(
                days=routing_for(
                    category=report.category, municipality=report.municipality
                ).target_days
            ),
        },
    )
    notifications.report_event_notify(report=report, event=event)
    return report


def _department_check(department: Department, municipality: Municipality) -> None:
    if department.region_id != municipality.region_id or department.municipality_id not in (
        None,
        municipality.pk,
    ):
        raise ValidationError(
            {
                "department": _("Choose a department of %(municipality)s or a regional body.")
                % {"municipality": municipality.name}
            }
        )


@transaction.atomic
def report_route(
    *,
    actor: Actor,
    report_id: int,
    department: Department | None,
    category: Category | None = None,
    municipality: Municipality | None = None,
    note: str = "",
) -> Report:
    """Send a report to another department (and correct its category or municipality).

    Municipal staff route within their municipality; regional dispatchers, whose grant
    covers the whole region, route anywhere in it."""
    report = _locked(report_id)
    _require(actor, Permission.REPORTS_ROUTE, report.municipality_id)
    target = municipality or report.municipality
    if target.pk != report.municipality_id:
        _require(actor, Permission.REPORTS_ROUTE, target.pk)
        if target.region_id != report.region_id:
            raise ValidationError({"municipality": _("Choose a municipality of the region.")})
    if department is not None:
        _department_check(department, target)
    new_category = category or report.category
    if new_category.region_id != report.region_id or new_category.children.exists():
        raise ValidationError({"category": _("Choose one of the categories offered.")})
    data: dict[str, list[int | None]] = {
        "department": [report.department_id, department.pk if department else None],
        "category": [report.category_id, new_category.pk],
        "municipality": [report.municipality_id, target.pk],
    }
    if all(change[0] == change[1] for change in data.values()) and not note.strip():
        raise ValidationError(_("Nothing changed."))
    now = timezone.now()
    if new_category.pk != report.category_id or target.pk != report.municipality_id:
        routing = routing_for(category=new_category, municipality=target)
        report.is_public = routing.is_public
        report.due_at = report.created_at + dt.timedelta(days=routing.target_days)
    report.department, report.category, report.municipality = department, new_category, target
    report.updated_at = now
    report.save(
        update_fields=[
            "department",
            "category",
            "municipality",
            "is_public",
            "due_at",
            "updated_at",
        ]
    )
    report_event_append(
        report=report,
        kind=EventKind.ROUTED,
        from_status=report.status,
        to_status=report.status,
        note=note.strip(),
        actor=actor,
        data=data,
        created_at=now,
    )
    return report


@transaction.atomic
def report_merge(*, actor: Actor, duplicate_id: int, target_id: int, message: str = "") -> Report:
    """Close `duplicate` as merged into `target` and move its followers over."""
    if duplicate_id == target_id:
        raise ValidationError(_("A report cannot be merged into itself."))
    # Lock both rows in id order, so two merges in opposite directions cannot deadlock.
    locked = {
        report.pk: report
        for report in Report.objects.select_for_update()
        .filter(pk__in=[duplicate_id, target_id])
        .order_by("pk")
    }
    if len(locked) != 2:
        raise Report.DoesNotExist
    duplicate, target = locked[duplicate_id], locked[target_id]
    _require(actor, Permission.REPORTS_HANDLE, duplicate.municipality_id)
    _require(actor, Permission.REPORTS_HANDLE, target.municipality_id)
    if duplicate.region_id != target.region_id:
        raise ValidationError(_("Both reports must lie in the same region."))
    transition_check(
        LIFECYCLE, current=duplicate.status, target=ReportStatus.MERGED, party=Party.MERGE
    )
    if target.status == ReportStatus.MERGED:
        raise ValidationError(_("This report was itself merged; merge into the report it joined."))
    now = timezone.now()
    message = message.strip() or _("This problem was already reported as report %(number)s.") % {
        "number": target.pk
    }
    moved: list[ReportFollower] = []
    for follower in list(duplicate.followers.select_related("person")):
        new_follower, created = _follower_add(
            report=target,
            person=follower.person,
            email=follower.email,
            language=follower.language,
            is_reporter=False,
        )
        if created:
            moved.append(new_follower)
    duplicate.followers.all().delete()
    event = transition_apply(
        LIFECYCLE,
        instance=duplicate,
        target=ReportStatus.MERGED,
        party=Party.MERGE,
        history=lambda transition, source: report_event_append(
            report=duplicate,
            kind=EventKind.MERGED,
            from_status=source,
            to_status=transition.target,
            message=message,
            actor=actor,
            data={"merged_into": target.pk, "followers_moved": len(moved)},
            created_at=now,
        ),
        changes={
            "merged_into": target,
            "status_note": message,
            "closed_at": now,
            "updated_at": now,
        },
    )
    report_event_append(
        report=target,
        kind=EventKind.MERGED_IN,
        from_status=target.status,
        to_status=target.status,
        actor=actor,
        data={"duplicate": duplicate.pk},
        created_at=now,
    )
    target.updated_at = now
    target.save(update_fields=["updated_at"])
    notifications.report_merge_notify(
        duplicate=duplicate, target=target, followers=moved, event=event
    )
    return target
