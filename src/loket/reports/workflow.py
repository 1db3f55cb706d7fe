"""The lifecycle of a public-space report, as data.

A report starts as `new`. Staff acknowledge it, plan or start the work and resolve it;
they may reject it (always with a reason) or merge it into another report about the same
problem. The reporter may reopen a resolved report within `REOPEN_WINDOW`.
Every transition appends a `ReportEvent`; history rows are never changed.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _


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

# Transitions staff may make with `report_transition`. Merging has its own service
# (`report_merge`), which is the only way into MERGED.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.ACKNOWLEDGED, S.IN_PROGRESS, S.PLANNED, S.RESOLVED, S.REJECTED}),
    S.ACKNOWLEDGED: frozenset({S.IN_PROGRESS, S.PLANNED, S.RESOLVED, S.REJECTED}),
    S.IN_PROGRESS: frozenset({S.PLANNED, S.RESOLVED, S.REJECTED}),
    S.PLANNED: frozenset({S.IN_PROGRESS, S.RESOLVED, S.REJECTED}),
    S.RESOLVED: frozenset({S.IN_PROGRESS}),
    S.REJECTED: frozenset({S.ACKNOWLEDGED}),
    S.MERGED: frozenset(),
}

# Transitions a reporter may make on their own report.
REPORTER_TRANSITIONS: dict[str, frozenset[str]] = {S.RESOLVED: frozenset({S.NEW})}
REOPEN_WINDOW = dt.timedelta(days=14)

# Transitions that must carry a message for the reporter.
MESSAGE_REQUIRED: frozenset[str] = frozenset({S.REJECTED})

# Open311 knows two statuses only.
OPEN311_STATUS: dict[str, str] = {status: "open" for status in OPEN_STATUSES} | {
    status: "closed" for status in CLOSED_STATUSES
}


def transition_allowed(from_status: str, to_status: str) -> bool:
    return to_status in ALLOWED_TRANSITIONS.get(from_status, frozenset())


def reporter_transition_allowed(from_status: str, to_status: str) -> bool:
    return to_status in REPORTER_TRANSITIONS.get(from_status, frozenset())


def statuses_for_open311(values: list[str]) -> set[str]:
    """The report statuses behind Open311's `open` / `closed`."""
    statuses: set[str] = set()
    for value in values:
        if value == "open":
            statuses |= OPEN_STATUSES
        elif value == "closed":
            statuses |= CLOSED_STATUSES
    return statuses
