"""Moving a case through its lifecycle, handing it out, and what a payment unlocks."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.cases import notifications
from loket.cases.attachments import CASE_OWNER
from loket.cases.letters import case_letter_arguments
from loket.cases.models import Case, CaseEvent, CaseEventKind
from loket.cases.timeline import case_event_append
from loket.cases.workflow import (
    DECIDED_STATUSES,
    FINAL_STATUSES,
    LIFECYCLE,
    CaseStatus,
    ForDepartment,
    Party,
    Transition,
)
from loket.core.lifecycle import transition_apply
from loket.decisions.pki import SigningError
from loket.decisions.services import decision_letter_issue
from loket.notify.after_service import ServiceDone, ServiceKind, service_done
from loket.tenancy.access import Actor
from loket.tenancy.models import Department, Membership
from loket.tenancy.permissions import Permission, permissions_for_role


def _locked(case_id: int) -> Case:
    case = (
        Case.objects.select_for_update().select_related("municipality").filter(pk=case_id).first()
    )
    if case is None:
        raise Case.DoesNotExist
    return case


def _party_of(actor: Actor, case: Case) -> Party:
    if actor.is_resident:
        if actor.person_id != case.applicant_id:
            raise PermissionDenied
        return Party.RESIDENT
    if not actor.has(Permission.CASES_VIEW, case.municipality_id):
        raise PermissionDenied
    return Party.STAFF


def case_transition_apply(
    *, case: Case, actor: Actor, party: Party, to_status: str, reason: str = ""
) -> CaseEvent:
    """Check the workflow table and apply one transition to a locked case. The one place
    that changes a case's status; it appends the timeline event and tells the resident."""
    reason = reason.strip()
    now = timezone.now()
    changes: dict[str, object] = {"updated_at": now}
    if to_status in DECIDED_STATUSES:
        changes["decided_at"] = now
    if to_status in FINAL_STATUSES:
        changes["closed_at"] = now
    if party is Party.STAFF and case.handler_id is None and actor.user is not None:
        changes["handler"] = actor.user

    def timeline(transition: Transition, source: str) -> CaseEvent:
        return case_event_append(
            case=case,
            kind=CaseEventKind.STATUS_CHANGED,
            actor=actor,
            from_status=source,
            to_status=transition.target,
            message=reason,
        )

    event = transition_apply(
        LIFECYCLE,
        instance=case,
        target=to_status,
        history=timeline,
        party=party,
        # Deciding is bound to the case's department (DEPARTMENT_BOUND in permissions).
        actor=ForDepartment(actor=actor, department_id=case.department_id),
        reason=reason,
        changes=changes,
    )
    if to_status in DECIDED_STATUSES:
        decision_letter_for(actor=actor, case=case, reason=reason)
    if party is Party.STAFF:
        notifications.case_status_notify(case=case, event=event)
    if to_status == CaseStatus.CLOSED and case.applicant_id is not None:
        service_done(
            done=ServiceDone(
                kind=ServiceKind.CASE,
                reference=str(case.pk),
                municipality_id=case.municipality_id,
                person_id=case.applicant_id,
                department_id=case.department_id,
                subject_code=case.product.code,
                subject_name=case.product.name_nl,
            )
        )
    return event


def decision_letter_for(*, actor: Actor, case: Case, reason: str) -> None:
    """Sign the decision letter with the municipality's certificate and keep it in the
    dossier, where the resident downloads it. No certificate: the decision is refused."""

    arguments = case_letter_arguments(actor=actor, case=case, outcome=case.status, reason=reason)
    try:
        document = decision_letter_issue(
            actor=actor,
            owner_type=CASE_OWNER,
            owner_id=case.pk,
            concerns_person=case.applicant,
            **arguments,
        )
    except SigningError as error:
        raise ValidationError(
            _(
                "The decision letter cannot be signed: %(error)s. Ask the administrator to "
                "install the municipality's signing certificate."
            )
            % {"error": error},
            code="signing_unavailable",
        ) from error
    case_event_append(
        case=case,
        kind=CaseEventKind.DECISION_ISSUED,
        actor=actor,
        data={"document_id": document.pk, "outcome": case.status},
    )


@transaction.atomic
def case_transition(*, actor: Actor, case_id: int, to_status: str, reason: str = "") -> Case:
    """Move a case to `to_status` if the workflow lets this actor; the reason (required for
    some moves) is shown to the resident on the timeline."""
    case = _locked(case_id)
    party = _party_of(actor, case)
    case_transition_apply(case=case, actor=actor, party=party, to_status=to_status, reason=reason)
    return case


def case_withdraw(*, actor: Actor, case_id: int, reason: str = "") -> Case:
    """The resident withdraws their request (or staff record that they did)."""
    return case_transition(
        actor=actor, case_id=case_id, to_status=CaseStatus.WITHDRAWN, reason=reason
    )


def handlers_for(*, municipality_id: int) -> list[User]:
    """Staff who may handle cases of a municipality (for assignment lists)."""
    roles = [
        role
        for (role,) in Membership.objects.filter(municipality_id=municipality_id)
        .values_list("role")
        .distinct()
        if Permission.CASES_HANDLE in permissions_for_role(role)
    ]
    return list(
        User.objects.filter(
            memberships__municipality_id=municipality_id,
            memberships__role__in=roles,
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def case_assignment_allowed_check(
    *, actor: Actor, case: Case, department_id: int | None, handler_id: int | None
) -> None:
    """Refuse (PermissionDenied) an assignment the actor may not make, judged on the ids
    alone: callers check this before they look the department or handler up, so the answer
    never depends on whether an id exists. Taking a case yourself needs cases.handle;
    handing it to someone else needs cases.assign."""
    self_assignment = (
        handler_id is not None
        and handler_id == actor.user_id
        and (department_id is None or department_id == case.department_id)
    )
    needed = Permission.CASES_HANDLE if self_assignment else Permission.CASES_ASSIGN
    if not actor.is_staff or not actor.has(needed, case.municipality_id):
        raise PermissionDenied


def _assignment_check(
    actor: Actor, case: Case, department: Department | None, handler: User | None
) -> None:
    case_assignment_allowed_check(
        actor=actor,
        case=case,
        department_id=department.pk if department is not None else None,
        handler_id=handler.pk if handler is not None else None,
    )
    if department is not None and not (
        department.municipality_id == case.municipality_id
        or (department.municipality_id is None and department.region_id == case.region_id)
    ):
        raise ValidationError({"department": _("Choose a department of this municipality.")})
    if handler is not None and handler.pk not in {
        user.pk for user in handlers_for(municipality_id=case.municipality_id)
    }:
        raise ValidationError({"handler": _("This person cannot handle cases here.")})


@transaction.atomic
def case_assign(
    *,
    actor: Actor,
    case_id: int,
    department: Department | None,
    handler: User | None,
) -> Case:
    """Give a case to a department and/or a handler. Taking a case yourself needs
    cases.handle; handing it to someone else needs cases.assign."""
    case = _locked(case_id)
    _assignment_check(actor, case, department, handler)
    if case.status in FINAL_STATUSES:
        raise ValidationError(_("A closed case cannot be assigned."))
    if (department or case.department) == case.department and handler == case.handler:
        return case
    case.department = department or case.department
    case.handler = handler
    case_event_append(
        case=case,
        kind=CaseEventKind.ASSIGNED,
        actor=actor,
        is_public=False,
        data={
            "department": case.department.name_in("nl") if case.department else "",
            "department_id": case.department_id,
            "handler": handler.get_full_name() if handler else "",
            "handler_id": handler.pk if handler else None,
        },
    )
    case.save(update_fields=["department", "handler", "updated_at"])
    return case


@transaction.atomic
def cases_bulk_assign(
    *,
    actor: Actor,
    case_ids: Sequence[int],
    department: Department | None,
    handler: User | None,
) -> list[Case]:
    """Assign several cases at once: all of them, or none (one refusal rolls back all)."""
    if not case_ids:
        raise ValidationError(_("Select at least one case."))
    return [
        case_assign(actor=actor, case_id=case_id, department=department, handler=handler)
        for case_id in sorted(set(case_ids))
    ]


def case_payment_completed(payment_request: object) -> None:
    """Payments handler for subject type "case": the fee is paid, the case may be treated.

    Called by the payments domain inside the transaction that booked the payment.
    """
    subject_id = str(getattr(payment_request, "subject_id", ""))
    if not subject_id.isdigit():
        return
    # Only the case's own fee request counts: a request someone made with subject "case"
    # and another municipality's (or another) case id pays nothing.
    case = (
        Case.objects.select_for_update()
        .filter(pk=int(subject_id), payment_request_id=getattr(payment_request, "pk", None))
        .first()
    )
    if case is None or case.paid_at is not None:
        return
    case.paid_at = timezone.now()
    case_event_append(
        case=case,
        kind=CaseEventKind.PAYMENT_RECEIVED,
        actor=None,
        data={"payment_request_id": getattr(payment_request, "pk", None)},
    )
    case.save(update_fields=["paid_at", "updated_at"])
