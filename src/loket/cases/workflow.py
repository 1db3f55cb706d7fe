"""The lifecycle of a case, as data.

    submitted ──► in_treatment ──► approved ──► closed
        │             │  ▲     └──► rejected ──► closed
        │             ▼  │
        │      waiting_for_resident
        └──► rejected (not admissible)

    submitted / in_treatment / waiting_for_resident ──► withdrawn (by the resident, or by
    staff who record the resident's withdrawal by phone or at the counter)

Each `Transition` says who may make it (staff with a permission code, or the resident who
asked), whether a reason is required (it goes on the timeline for the resident), and whether
the fee must be paid first. `case_transition` locks the case, checks this table and appends
a timeline event; nothing else changes a case's status.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.tenancy.permissions import Permission


class CaseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    IN_TREATMENT = "in_treatment", _("In treatment")
    WAITING_FOR_RESIDENT = "waiting_for_resident", _("Waiting for the resident")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Party(StrEnum):
    STAFF = "staff"
    RESIDENT = "resident"


@dataclass(frozen=True)
class Transition:
    source: CaseStatus
    target: CaseStatus
    party: Party
    permission: Permission | None = None
    reason_required: bool = False
    payment_required: bool = False


S = CaseStatus
P = Permission

TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.SUBMITTED, S.IN_TREATMENT, Party.STAFF, P.CASES_HANDLE, payment_required=True),
    Transition(S.SUBMITTED, S.REJECTED, Party.STAFF, P.CASES_DECIDE, reason_required=True),
    Transition(S.IN_TREATMENT, S.WAITING_FOR_RESIDENT, Party.STAFF, P.CASES_HANDLE, True),
    Transition(S.WAITING_FOR_RESIDENT, S.IN_TREATMENT, Party.STAFF, P.CASES_HANDLE),
    Transition(S.WAITING_FOR_RESIDENT, S.IN_TREATMENT, Party.RESIDENT),
    Transition(S.IN_TREATMENT, S.APPROVED, Party.STAFF, P.CASES_DECIDE, payment_required=True),
    Transition(S.IN_TREATMENT, S.REJECTED, Party.STAFF, P.CASES_DECIDE, reason_required=True),
    Transition(S.APPROVED, S.CLOSED, Party.STAFF, P.CASES_HANDLE),
    Transition(S.REJECTED, S.CLOSED, Party.STAFF, P.CASES_HANDLE),
    Transition(S.SUBMITTED, S.WITHDRAWN, Party.RESIDENT),
    Transition(S.IN_TREATMENT, S.WITHDRAWN, Party.RESIDENT),
    Transition(S.WAITING_FOR_RESIDENT, S.WITHDRAWN, Party.RESIDENT),
    Transition(S.SUBMITTED, S.WITHDRAWN, Party.STAFF, P.CASES_HANDLE, reason_required=True),
    Transition(S.IN_TREATMENT, S.WITHDRAWN, Party.STAFF, P.CASES_HANDLE, reason_required=True),
    Transition(
        S.WAITING_FOR_RESIDENT, S.WITHDRAWN, Party.STAFF, P.CASES_HANDLE, reason_required=True
    ),
)

ALLOWED_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    status: frozenset(t.target for t in TRANSITIONS if t.source == status) for status in CaseStatus
}

OPEN_STATUSES: frozenset[CaseStatus] = frozenset(
    {S.SUBMITTED, S.IN_TREATMENT, S.WAITING_FOR_RESIDENT}
)
DECIDED_STATUSES: frozenset[CaseStatus] = frozenset({S.APPROVED, S.REJECTED})
FINAL_STATUSES: frozenset[CaseStatus] = frozenset({S.CLOSED, S.WITHDRAWN})


def transition_find(source: str, target: str, party: Party) -> Transition | None:
    """The transition from `source` to `target` that `party` may make, if any."""
    return next(
        (t for t in TRANSITIONS if t.source == source and t.target == target and t.party is party),
        None,
    )


def transitions_from(source: str, party: Party) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source and t.party is party]
