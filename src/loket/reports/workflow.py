"""The lifecycle of a public-space report, as data.

A report starts as `new`. Staff acknowledge it, plan or start the work and resolve it;
they may reject it (always with a reason) or merge it into another report about the same
problem. The reporter may reopen a resolved report within `REOPEN_WINDOW`.
Every transition goes through loket.core.lifecycle and appends a `ReportEvent` (through
`report_event_append`); history rows are never changed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core.lifecycle import Lifecycle, Transition


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    IN_PROGRESS = "in_progress", _("In progress")
    PLANNED = "planned", _("Planned")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged with another report")


S = ReportStatus

OPEN_STATUSES: frozenset[str] = frozenset({S.NEW, S.ACKNOWLEDGED, S.IN_PROGRESS, S.PLANNED})
CLOSED_STATUSES: frozenset[str] = frozenset({S.RESOLVED, S.REJECTED, S.MERGED})


class Party(StrEnum):
    STAFF = "staff"  # with reports.handle, through `report_update`
    REPORTER = "reporter"  # on their own report, through `report_reopen`
    MERGE = "merge"  # `report_merge`, the only way into MERGED


def _staff(source: str, *targets: str) -> tuple[Transition, ...]:
    return tuple(Transition(source, target, Party.STAFF) for target in targets)


TRANSITIONS: tuple[Transition, ...] = (
    *_staff(S.NEW, S.ACKNOWLEDGED, S.IN_PROGRESS, S.PLANNED, S.RESOLVED),
    Transition(S.NEW, S.REJECTED, Party.STAFF, reason_required=True),
    *_staff(S.ACKNOWLEDGED, S.IN_PROGRESS, S.PLANNED, S.RESOLVED),
    Transition(S.ACKNOWLEDGED, S.REJECTED, Party.STAFF, reason_required=True),
    *_staff(S.IN_PROGRESS, S.PLANNED, S.RESOLVED),
    Transition(S.IN_PROGRESS, S.REJECTED, Party.STAFF, reason_required=True),
    *_staff(S.PLANNED, S.IN_PROGRESS, S.RESOLVED),
    Transition(S.PLANNED, S.REJECTED, Party.STAFF, reason_required=True),
    *_staff(S.RESOLVED, S.IN_PROGRESS),
    *_staff(S.REJECTED, S.ACKNOWLEDGED),
    # The reporter reopens within REOPEN_WINDOW (checked by the service).
    Transition(S.RESOLVED, S.NEW, Party.REPORTER),
    *(Transition(source, S.MERGED, Party.MERGE) for source in sorted(OPEN_STATUSES)),
)
REOPEN_WINDOW = dt.timedelta(days=14)


def _refusal(source: str, target: str, party: str) -> Exception:
    if party == Party.REPORTER:
        return ValidationError(
            gettext("Only a resolved report can be reopened."), code="not_resolved"
        )
    if party == Party.MERGE:
        return ValidationError(gettext("Only an open report can be merged into another."))
    return ValidationError(
        {
            "to_status": gettext("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": ReportStatus(source).label, "to": ReportStatus(target).label}
        },
        code="transition_not_allowed",
    )


def _reason_refusal(transition: Transition) -> Exception:
    return ValidationError(
        {"message": gettext("Tell the reporter why the report is rejected.")},
        code="message_missing",
    )


LIFECYCLE = Lifecycle(
    name="report",
    statuses=ReportStatus,
    transitions=TRANSITIONS,
    refusal=_refusal,
    reason_refusal=_reason_refusal,
)

# Where staff may take a report with `report_update` (the choices of the status form).
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = LIFECYCLE.targets(Party.STAFF)


class FollowerEmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


# An e-mail to a follower known only by address: sent once, or given up.
FOLLOWER_EMAIL_LIFECYCLE = Lifecycle(
    name="follower e-mail",
    statuses=FollowerEmailStatus,
    transitions=(
        Transition(FollowerEmailStatus.QUEUED, FollowerEmailStatus.SENT),
        Transition(FollowerEmailStatus.QUEUED, FollowerEmailStatus.FAILED),
    ),
)

# Open311 knows two statuses only.
OPEN311_STATUS: dict[str, str] = {status: "open" for status in OPEN_STATUSES} | {
    status: "closed" for status in CLOSED_STATUSES
}


def statuses_for_open311(values: list[str]) -> set[str]:
    """The report statuses behind Open311's `open` / `closed`."""
    statuses: set[str] = set()
    for value in values:
        if value == "open":
            statuses |= OPEN_STATUSES
        elif value == "closed":
            statuses |= CLOSED_STATUSES
    return statuses
