"""Reads of the contact centre, scoped by the actor.

A staff member sees the questions of the municipalities where they hold
crm.handle_questions: a clerk their municipality's, a contact-centre agent or regional
administrator held region-wide every municipality of the region. After a transfer to
another municipality the question is that municipality's: the sender no longer sees it
(404, like a question that does not exist) unless they work for the whole region.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_noop

from loket.accounts.models import User
from loket.audit.models import AccessChannel, AccessPurpose
from loket.audit.services import access_log_record
from loket.crm.contact_centre.models import (
    ContactQuestion,
    ContactQuestionAnswerEmail,
    ContactQuestionEvent,
)
from loket.crm.contact_centre.workflow import OPEN_STATUSES
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Department, Membership, Municipality
from loket.tenancy.permissions import ROLE_PERMISSIONS, Permission

HANDLE = Permission.CRM_HANDLE_QUESTIONS
_LIST_RELATED = ("municipality", "department", "owner", "person", "product")
_NAMES = ("name_nl", "name_fr", "name_en")
# What a row of the queue shows (and no more: wide related rows cost time to read and build).
_LIST_ONLY = (
    "municipality_id", "department_id", "kind", "channel", "person_id", "product_id",
    "question", "language", "status", "owner_id", "due_at", "created_at",
    *(f"municipality__{name}" for name in _NAMES), "municipality__nis_code",
    *(f"department__{name}" for name in _NAMES),
    *(f"product__{name}" for name in _NAMES), "product__code",
    "person__first_names", "person__last_name",
    "owner__first_name", "owner__last_name", "owner__username",
)  # fmt: skip


def contact_questions_visible_to(*, actor: Actor) -> QuerySet[ContactQuestion]:
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return ContactQuestion.objects.none()
    return ContactQuestion.objects.filter(municipality_id__in=actor.municipality_ids(HANDLE))


def contact_question_get_visible(*, actor: Actor, question_id: int) -> ContactQuestion:
    """One question with its relations, or 404 (another municipality's as an unknown one)."""
    question = (
        contact_questions_visible_to(actor=actor)
        .select_related(*_LIST_RELATED, "answered_by", "asked_question")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        raise Http404
    return question


QUESTION_READ = gettext_noop("contact-centre question")


def contact_question_read(
    *, actor: Actor, question_id: int, channel: AccessChannel
) -> ContactQuestion:
    """One question for its page or the API: a question about a resident of the register is
    written to that resident's access log (handling their question)."""
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    if question.person is not None:
        access_log_record(
            actor=actor,
            person=question.person,
            purpose=AccessPurpose.CASE_HANDLING,
            what=QUESTION_READ,
            channel=channel,
            municipality_id=question.municipality_id,
        )
    return question


def contact_question_history(*, question: ContactQuestion) -> list[ContactQuestionEvent]:
    return list(
        question.events.select_related(
            "actor_user",
            "owner",
            "from_municipality",
            "to_municipality",
            "from_department",
            "to_department",
        ).order_by("created_at", "pk")
    )


def contact_question_answer_emails(
    *, question: ContactQuestion
) -> list[ContactQuestionAnswerEmail]:
    """The answers sent by e-mail to the question's reply address, with their delivery
    status (the caller has already read the question through its actor's selector)."""
    return list(
        ContactQuestionAnswerEmail.objects.filter(contact_question=question).order_by(
            "created_at", "pk"
        )
    )


class ContactQueueView(StrEnum):
    ALL = "all"
    MINE = "mine"
    UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class ContactQueueFilter:
    view: ContactQueueView = ContactQueueView.ALL
    overdue_only: bool = False
    department_id: int | None = None
    municipality_id: int | None = None
    status: str = ""


def contact_centre_queue(*, actor: Actor, filters: ContactQueueFilter) -> QuerySet[ContactQuestion]:
    """The open questions of the actor's municipalities, the soonest due first."""
    rows = contact_questions_visible_to(actor=actor)
    if filters.status in OPEN_STATUSES:
        rows = rows.filter(status=filters.status)
    else:
        rows = rows.filter(status__in=sorted(OPEN_STATUSES))
    if filters.view is ContactQueueView.MINE:
        rows = rows.filter(owner_id=actor.user_id)
    elif filters.view is ContactQueueView.UNASSIGNED:
        rows = rows.filter(owner__isnull=True)
    if filters.overdue_only:
        rows = rows.filter(due_at__lt=timezone.now())
    if filters.department_id is not None:
        rows = rows.filter(department_id=filters.department_id)
    if filters.municipality_id is not None:
        rows = rows.filter(municipality_id=filters.municipality_id)
    return rows.select_related(*_LIST_RELATED).only(*_LIST_ONLY).order_by("due_at", "id")


def contact_centre_counts(*, actor: Actor) -> dict[str, int]:
    """How many open questions each tab of the queue holds (one query)."""
    counts = (
        contact_questions_visible_to(actor=actor)
        .filter(status__in=sorted(OPEN_STATUSES))
        .aggregate(
            all=Count("pk"),
            mine=Count("pk", filter=Q(owner_id=actor.user_id)),
            unassigned=Count("pk", filter=Q(owner__isnull=True)),
            overdue=Count("pk", filter=Q(due_at__lt=timezone.now())),
        )
    )
    return {name: int(value or 0) for name, value in counts.items()}


def queue_departments(*, actor: Actor) -> list[Department]:
    """The departments the queue may be filtered on (those of the actor's municipalities)."""
    return list(
        Department.objects.filter(municipality_id__in=actor.municipality_ids(HANDLE))
        .select_related("municipality")
        .order_by("municipality__name_nl", "name_nl")
    )


def queue_municipalities(*, actor: Actor) -> list[Municipality]:
    return list(
        Municipality.objects.filter(pk__in=actor.municipality_ids(HANDLE)).order_by("name_nl")
    )


def transfer_municipalities(*, question: ContactQuestion) -> QuerySet[Municipality]:
    """Where a question may be transferred: the municipalities of its own region."""
    return Municipality.objects.filter(region_id=question.municipality.region_id).order_by(
        "name_nl"
    )


def transfer_departments(*, question: ContactQuestion) -> QuerySet[Department]:
    """The departments of the question's region: each municipality's and the regional bodies."""
    region_id = question.municipality.region_id
    return (
        Department.objects.filter(municipality__region_id=region_id)
        | Department.objects.filter(municipality__isnull=True, region_id=region_id)
    ).select_related("municipality")


def question_owners(*, actor: Actor, question: ContactQuestion) -> list[User]:
    """Who a question may be assigned to: staff members who may work its municipality's
    questions (a membership there, or region-wide in its region)."""
    roles = [role.value for role, codes in ROLE_PERMISSIONS.items() if HANDLE in codes]
    scope = Q(municipality_id=question.municipality_id) | Q(
        municipality__isnull=True, region_id=question.municipality.region_id
    )
    user_ids = Membership.objects.filter(scope, role__in=roles).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("last_name", "pk"))
