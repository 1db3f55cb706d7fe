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
the fee must be paid first. `case_transition` applies one through loket.core.lifecycle (lock,
check, timeline event); nothing else changes a case's status.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.core import lifecycle
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.tenancy.access import Actor


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
class Transition(lifecycle.Transition):
    """A case transition; `payment_required` waits for the fee to be paid (or free)."""

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


def _refusal(source: str, target: str, party: str) -> Exception:
    current = CaseStatus(source).label
    wanted = CaseStatus(target).label if target in CaseStatus.values else target
    message = gettext("A case that is “%(from)s” cannot become “%(to)s”.") % {
        "from": current,
        "to": wanted,
    }
    return ValidationError({"to_status": ValidationError(message, code="transition_not_allowed")})


def _reason_refusal(transition: lifecycle.Transition) -> Exception:
    return ValidationError({"reason": gettext("Give the reason; the resident will read it.")})


def _fee_paid(transition: Transition, case: Any) -> None:
    if transition.payment_required and not case.is_paid_or_free:
        raise ValidationError(
            {
                "to_status": ValidationError(
                    gettext("The fee is not paid yet."), code="payment_outstanding"
                )
            }
        )


LIFECYCLE = lifecycle.Lifecycle(
    name="case",
    statuses=CaseStatus,
    transitions=TRANSITIONS,
    refusal=_refusal,
    reason_refusal=_reason_refusal,
    guard=_fee_paid,
)

ALLOWED_TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus(status): frozenset(CaseStatus(t) for t in targets)
    for status, targets in LIFECYCLE.targets(party=None).items()
}

OPEN_STATUSES: frozenset[CaseStatus] = frozenset(
    {S.SUBMITTED, S.IN_TREATMENT, S.WAITING_FOR_RESIDENT}
)
DECIDED_STATUSES: frozenset[CaseStatus] = frozenset({S.APPROVED, S.REJECTED})
FINAL_STATUSES: frozenset[CaseStatus] = frozenset({S.CLOSED, S.WITHDRAWN})


def transitions_from(source: str, party: Party) -> list[Transition]:
    return LIFECYCLE.from_status(source, party)


@dataclass(frozen=True)
class ForDepartment:
    """The actor, asked about a permission for the work of one department: what the
    lifecycle table checks before a move (a decision is the case's department's)."""

    actor: Actor
    department_id: int | None

    def has(self, permission: Any, municipality_id: int | None = None) -> bool:
        if municipality_id is None:
            return self.actor.has(Permission(permission))
        return self.actor.has_for_department(
            Permission(permission), municipality_id, self.department_id
        )
