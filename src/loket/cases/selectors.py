"""Reads of cases, always through the actor: staff see the cases of the municipalities where
they hold the permission, a resident sees their own requests, anyone else nothing. A case
out of reach answers 404."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.db.models.fields.json import KT
from django.http import Http404
from django.utils import timezone

from loket.cases.models import Case, CaseEvent, CaseMessage, CaseNote, CaseTask, Draft
from loket.cases.workflow import OPEN_STATUSES, CaseStatus, Party, Transition, transitions_from
from loket.mandates.selectors import mandator_ids_active_for, minor_children_of
from loket.people.models import Organisation
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    import datetime as dt

    from loket.audit.models import AccessChannel, AccessPurpose
    from loket.catalog.formdefs.answers import AnswerContext
    from loket.catalog.formdefs.prefill import RegisterPrefill
    from loket.people.models import Person

_LIST_RELATED = ("municipality", "product", "applicant", "department", "handler")
# What a list row never shows: the answers, the register snapshot and long product texts.
_LIST_DEFERRED = (
    "answers",
    "register_snapshot",
    "request_fingerprint",
    "product__summary_nl",
    "product__summary_fr",
    "product__summary_en",
    "product__search_text",
)


def cases_visible_to(
    *, actor: Actor, permission: Permission = Permission.CASES_VIEW
) -> QuerySet[Case]:
    if actor.is_resident and actor.person_id is not None:
        # Their own requests, those of their minor children, those they made for a
        # mandator while the mandate lasts (a revoked mandate hides them at once), and
        # those in the name of an organisation they represent.
        today = timezone.localdate()
        children = minor_children_of(person_id=actor.person_id, today=today)
        mandators = mandator_ids_active_for(mandatee_id=actor.person_id, today=today)
        represented = Organisation.objects.filter(representatives__id=actor.person_id)
        return Case.objects.filter(
            # A request in an organisation's name only while they represent it, even the
            # ones they made themselves.
            Q(applicant_id=actor.person_id, organisation__isnull=True)
            | Q(applicant_id__in=children.values("pk"))
            | Q(
                submitted_by_person_id=actor.person_id,
                applicant_id__in=mandators,
            )
            # The requests in the name of an organisation they represent (made by any of
            # its representatives); removed from the register, they no longer see them.
            | Q(organisation_id__in=represented.values("pk"))
        )
    if actor.kind in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        municipality_ids = actor.municipality_ids(permission)
        if municipality_ids:
            return Case.objects.filter(municipality_id__in=municipality_ids)
    return Case.objects.none()


def case_get_visible(
    *,
    actor: Actor,
    case_id: int | None = None,
    number: str | None = None,
    permission: Permission = Permission.CASES_VIEW,
) -> Case:
    """One case by id or number, or 404 when the actor may not see it."""
    cases = cases_visible_to(actor=actor, permission=permission).select_related(
        *_LIST_RELATED,
        "region",
        "form_definition",
        "submitted_by_user",
        "submitted_by_api_client",
        "payment_request",
        "organisation",
    )
    if case_id is not None:
        cases = cases.filter(pk=case_id)
    elif number is not None:
        cases = cases.filter(number=number)
    else:
        raise Http404
    case = cases.first()
    if case is None:
        raise Http404
    return case


def case_read_for_purpose(
    *,
    actor: Actor,
    case_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
) -> Case:
    """One case with its register snapshot, read for a purpose (404 when out of reach).
    Staff and integration reads are written to the access log of the applicant and of each
    household member in the snapshot, on behalf of the case's municipality."""
    from loket.audit.services import access_log_record
    from loket.people.selectors import persons_with_national_numbers

    case = case_get_visible(actor=actor, case_id=case_id)
    members = (case.register_snapshot or {}).get("household") or []
    # An anonymised case shows nobody's data: nothing to log.
    if case.applicant is not None:
        access_log_record(
            actor=actor,
            person=case.applicant,
            purpose=purpose,
            what=what,
            channel=channel,
            municipality_id=case.municipality_id,
            household=persons_with_national_numbers(
                str(member.get("national_number", "")) for member in members
            ),
        )
    return case


def applicant_register_read(
    *,
    actor: Actor,
    applicant: Person,
    municipality_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
    today: dt.date,
    language: str,
) -> tuple[RegisterPrefill, AnswerContext]:
    """What the register knows about an applicant (and their household), read for a
    request made on their behalf: written to the access log of the applicant and of each
    household member, on behalf of `municipality_id`."""
    from loket.audit.services import access_log_record
    from loket.cases.services.submission import request_context
    from loket.people.selectors import persons_with_national_numbers

    prefill, context = request_context(applicant=applicant, today=today, language=language)
    access_log_record(
        actor=actor,
        person=applicant,
        purpose=purpose,
        what=what,
        channel=channel,
        municipality_id=municipality_id,
        household=persons_with_national_numbers(m.national_number for m in prefill.household),
    )
    return prefill, context


def case_timeline(*, case: Case, include_internal: bool = False) -> list[CaseEvent]:
    events = CaseEvent.objects.filter(case=case).select_related(
        "actor_user", "actor_person", "actor_api_client"
    )
    if not include_internal:
        events = events.filter(is_public=True)
    return list(events.order_by("created_at", "id"))


def case_messages(*, case: Case) -> list[CaseMessage]:
    return list(
        CaseMessage.objects.filter(case=case)
        .select_related("author_user", "author_person")
        .order_by("created_at", "id")
    )


def case_notes(*, case: Case) -> list[CaseNote]:
    return list(CaseNote.objects.filter(case=case).select_related("author"))


def case_tasks(*, case: Case) -> list[CaseTask]:
    return list(CaseTask.objects.filter(case=case).select_related("assignee", "done_by"))


def case_transitions_for(*, actor: Actor, case: Case) -> list[Transition]:
    """The moves the actor may make now (for buttons)."""
    if actor.is_resident:
        if actor.person_id != case.applicant_id:
            return []
        return transitions_from(case.status, Party.RESIDENT)
    return [
        transition
        for transition in transitions_from(case.status, Party.STAFF)
        if transition.permission is None
        or actor.has_for_department(
            Permission(transition.permission), case.municipality_id, case.department_id
        )
    ]


# --- the resident's requests -------------------------------------------------------------


def requests_of_resident(*, actor: Actor) -> QuerySet[Case]:
    if not actor.is_resident:
        return Case.objects.none()
    return (
        cases_visible_to(actor=actor)
        .select_related("municipality", "product")
        .order_by("-submitted_at", "-id")
    )


def drafts_of_resident(*, actor: Actor) -> QuerySet[Draft]:
    if not actor.is_resident or actor.person_id is None:
        return Draft.objects.none()
    return (
        Draft.objects.filter(person_id=actor.person_id, case__isnull=True)
        .select_related("municipality", "product")
        .order_by("-updated_at")
    )


def draft_get(*, actor: Actor, token: str) -> Draft:
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        raise Http404 from None
    draft = (
        drafts_of_resident(actor=actor)
        .select_related("form_definition")
        .filter(token=parsed)
        .first()
    )
    if draft is None:
        raise Http404
    return draft


# --- the staff work queue ------------------------------------------------------------------


class QueueView(StrEnum):
    MINE = "mine"
    DEPARTMENT = "department"
    ALL = "all"


class QueueSort(StrEnum):
    DUE = "due"
    DUE_LAST = "-due"
    SUBMITTED = "submitted"
    SUBMITTED_LAST = "-submitted"
    NUMBER = "number"


_ORDERING: dict[QueueSort, tuple[str, ...]] = {
    QueueSort.DUE: ("due_date", "id"),
    QueueSort.DUE_LAST: ("-due_date", "-id"),
    QueueSort.SUBMITTED: ("submitted_at", "id"),
    QueueSort.SUBMITTED_LAST: ("-submitted_at", "-id"),
    QueueSort.NUMBER: ("number",),
}


@dataclass(frozen=True)
class QueueFilter:
    view: QueueView = QueueView.DEPARTMENT
    overdue_only: bool = False
    product_code: str = ""
    status: str = ""
    sort: QueueSort = QueueSort.DUE


def work_queue(*, actor: Actor, filters: QueueFilter) -> QuerySet[Case]:
    """The open cases a staff member works on: their own, their departments' (all of their
    municipalities when they belong to no department) or all; overdue only; by product."""
    cases = cases_visible_to(actor=actor)
    if filters.status and filters.status in OPEN_STATUSES:
        cases = cases.filter(status=filters.status)
    else:
        cases = cases.filter(status__in=sorted(OPEN_STATUSES))
    if filters.view is QueueView.MINE:
        cases = cases.filter(handler_id=actor.user_id)
    elif filters.view is QueueView.DEPARTMENT and actor.department_ids:
        cases = cases.filter(department_id__in=actor.department_ids)
    if filters.overdue_only:
        cases = cases.filter(due_date__lt=timezone.localdate())
    if filters.product_code:
        cases = cases.filter(product__code=filters.product_code)
    return (
        cases.select_related(*_LIST_RELATED)
        .defer(*_LIST_DEFERRED)
        .order_by(*_ORDERING[filters.sort])
    )


def queue_counts(*, actor: Actor) -> dict[str, int]:
    """How many open cases each tab of the queue holds (one query)."""
    department = (
        Q(department_id__in=actor.department_ids) if actor.department_ids else Q(pk__isnull=False)
    )
    counts = (
        cases_visible_to(actor=actor)
        .filter(status__in=sorted(OPEN_STATUSES))
        .aggregate(
            mine=Count("pk", filter=Q(handler_id=actor.user_id)),
            department=Count("pk", filter=department),
            overdue=Count("pk", filter=Q(due_date__lt=timezone.localdate())),
        )
    )
    return {name: int(value or 0) for name, value in counts.items()}


def case_status_label(status: str) -> str:
    return str(CaseStatus(status).label) if status in CaseStatus.values else status


OCCUPATION_PRODUCT = "public-domain-occupation"


@dataclass(frozen=True)
class PublicOccupation:
    """What the public may know of a permitted occupation of the public domain: its street,
    postal code and period. Never the applicant, the house number or the other answers."""

    street: str
    postal_code: str
    starts_on: dt.date
    ends_on: dt.date


def occupations_current(*, municipality_id: int, on: dt.date) -> list[PublicOccupation]:
    """Approved cases of the public-domain-occupation product in the municipality whose
    period (the answers `start_date`..`end_date`) includes `on`."""
    day = on.isoformat()
    rows = (
        Case.objects.filter(
            municipality_id=municipality_id,
            product__code=OCCUPATION_PRODUCT,
            status=CaseStatus.APPROVED,
        )
        .annotate(
            starts=KT("answers__start_date"),
            ends=KT("answers__end_date"),
            street=KT("answers__location__street"),
            postal_code=KT("answers__location__postal_code"),
        )
        # ISO dates compare as text; each row is parsed again below.
        .filter(starts__lte=day, ends__gte=day)
        .order_by("starts", "pk")
        .values_list("street", "postal_code", "starts", "ends")[:500]
    )
    found = []
    for street, postal_code, starts, ends in rows:
        try:
            starts_on, ends_on = dt.date.fromisoformat(starts), dt.date.fromisoformat(ends)
        except (TypeError, ValueError):
            continue
        if street and starts_on <= on <= ends_on:
            found.append(PublicOccupation(street, postal_code or "", starts_on, ends_on))
    return found
