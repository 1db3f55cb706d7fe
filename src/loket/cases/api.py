"""API endpoints of cases: submit (idempotent), list, read, move through the workflow,
assign, and work with messages, notes and tasks.

Staff and integrations see the cases of their municipalities (cases.view); a signed-in
resident sees their own. Another municipality's case answers 404.
"""

import base64
import binascii
import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, gettext_lazy, gettext_noop
from django.utils.translation import gettext as _
from ninja import Field, HeaderEx, P, QueryEx, Router, Schema, Status
from ninja.pagination import paginate

from loket.accounts.models import User
from loket.api.auth import actor_of
from loket.api.errors import ApiError, ErrorCode, ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import SIGNED_IN, requires
from loket.audit.models import AccessChannel, AccessPurpose
from loket.cases.attachments import Upload
from loket.cases.models import Case, CaseChannel, CaseEvent, CaseMessage, CaseNote, CaseTask
from loket.cases.selectors import (
    QueueFilter,
    QueueSort,
    QueueView,
    case_get_visible,
    case_messages,
    case_notes,
    case_read_for_purpose,
    case_tasks,
    case_timeline,
    cases_visible_to,
    work_queue,
)
from loket.cases.services import (
    IdempotencyConflict,
    case_assign,
    case_assignment_allowed_check,
    case_message_reply,
    case_message_send,
    case_note_add,
    case_submit,
    case_task_add,
    case_task_complete,
    case_transition,
)
from loket.cases.workflow import CaseStatus
from loket.people.models import Person
from loket.people.selectors import person_by_national_number
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission

router = Router(tags=["cases"])

API_READ = gettext_noop("case file")
APPLICANT_UNKNOWN = gettext_lazy("No resident of the region has this number.")
DEPARTMENT_UNKNOWN = gettext_lazy("Choose a department of this municipality.")
HANDLER_UNKNOWN = gettext_lazy("This person cannot handle cases here.")
MAX_ATTACHMENTS = 10


class CaseOut(Schema):
    id: int
    number: str = Field(examples=["KORTRIJK-2026-000123"])
    municipality_nis_code: str
    product_code: str
    status: CaseStatus
    channel: CaseChannel
    applicant_id: int
    department_id: int | None
    handler_id: int | None
    fee_cents: int = Field(description="Fee in euro cents (0: free).")
    paid: bool = Field(description="The fee is paid (true when there is none).")
    payment_request_id: int | None
    submitted_at: dt.datetime
    due_date: dt.date
    decided_at: dt.datetime | None
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_municipality_nis_code(case: Case) -> str:
        return case.municipality.nis_code

    @staticmethod
    def resolve_product_code(case: Case) -> str:
        return case.product.code

    @staticmethod
    def resolve_paid(case: Case) -> bool:
        return case.is_paid_or_free


class CaseDetailOut(CaseOut):
    form_version: int
    answers: dict[str, Any]
    register_data: dict[str, Any] = Field(
        description="What the authentic source said when the request was made."
    )
    submitted_by_user_id: int | None

    @staticmethod
    def resolve_form_version(case: Case) -> int:
        return case.form_definition.version

    @staticmethod
    def resolve_register_data(case: Case) -> dict[str, Any]:
        return dict(case.register_snapshot)


class AttachmentIn(Schema):
    field: str = Field(max_length=100, description="The key of the file field of the form.")
    file_name: str = Field(max_length=255)
    content_base64: str = Field(description="The file, base64-encoded.")


class CaseIn(Schema):
    municipality_nis_code: str = Field(max_length=10)
    product_code: str = Field(max_length=100)
    applicant_national_number: str | None = Field(
        None,
        max_length=20,
        description="Staff and integrations: the resident asked for. Residents: omit.",
    )
    channel: CaseChannel = Field(
        CaseChannel.API, description="Staff: counter or phone. Ignored for residents."
    )
    language: str = Field("nl", pattern="^(nl|fr|en)$")
    answers: dict[str, Any] = Field(
        description="Answers by field key, as in the product's form (GET /products/{code}/form)."
    )
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=MAX_ATTACHMENTS)


class EventOut(Schema):
    id: int
    kind: str
    from_status: str
    to_status: str
    message: str
    is_public: bool
    data: dict[str, Any]
    actor_user_id: int | None
    created_at: dt.datetime


class TransitionIn(Schema):
    to_status: CaseStatus
    reason: str = Field("", max_length=5000)


class AssignmentIn(Schema):
    department_id: int | None = None
    handler_id: int | None = None


class MessageIn(Schema):
    body: str = Field(min_length=1, max_length=5000)
    ask_resident: bool = Field(False, description="Staff: the case waits for the answer.")


class MessageOut(Schema):
    id: int
    direction: str
    body: str
    attachments: list[dict[str, Any]]
    author_user_id: int | None
    created_at: dt.datetime


class NoteIn(Schema):
    text: str = Field(min_length=1, max_length=5000)


class NoteOut(Schema):
    id: int
    text: str
    author_id: int
    created_at: dt.datetime


class TaskIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    assignee_id: int | None = None
    due_date: dt.date | None = None


class TaskOut(Schema):
    id: int
    title: str
    assignee_id: int | None
    due_date: dt.date | None
    done_at: dt.datetime | None


def _case(request: HttpRequest, case_id: int) -> Case:
    return case_get_visible(actor=actor_of(request), case_id=case_id)


def _purpose(actor: Actor, channel: str = "") -> AccessPurpose:
    """Why an API caller reads a case's register data (for the access log)."""
    if actor.kind is ActorKind.INTEGRATION:
        return AccessPurpose.INTEGRATION
    if channel == CaseChannel.COUNTER:
        return AccessPurpose.COUNTER_VISIT
    if channel == CaseChannel.PHONE:
        return AccessPurpose.PHONE_CALL
    return AccessPurpose.CASE_HANDLING


def _case_read(actor: Actor, case_id: int, channel: str = "") -> Case:
    return case_read_for_purpose(
        actor=actor,
        case_id=case_id,
        purpose=_purpose(actor, channel),
        what=API_READ,
        channel=AccessChannel.API,
    )


@router.get("/cases", response=list[CaseOut])
@requires(SIGNED_IN)
@paginate(PageNumberPagination)
def cases_list(
    request: HttpRequest,
    status: CaseStatus | None = None,
    product: QueryEx[str | None, P(description="Product code.")] = None,
    view: QueryEx[
        QueueView | None,
        P(description="Staff: mine, department or all open cases (the work queue)."),
    ] = None,
    overdue: bool = False,
    sort: QueueSort = QueueSort.DUE,
) -> QuerySet[Case]:
    """Cases the caller may see (cases.view for staff; a resident sees their own requests)."""
    actor = actor_of(request)
    if view is not None and not actor.is_resident:
        return work_queue(
            actor=actor,
            filters=QueueFilter(
                view=view,
                overdue_only=overdue,
                product_code=product or "",
                status=status or "",
                sort=sort,
            ),
        )
    cases = cases_visible_to(actor=actor).select_related("municipality", "product")
    if status is not None:
        cases = cases.filter(status=status)
    if product:
        cases = cases.filter(product__code=product)
    return cases.order_by("-submitted_at", "-id")


def _uploads(payload: CaseIn) -> list[Upload]:
    uploads = []
    for item in payload.attachments:
        try:
            content = base64.b64decode(item.content_base64, validate=True)
        except (binascii.Error, ValueError):
            raise ValidationError({item.field: [_("The file is not valid base64.")]}) from None
        uploads.append(Upload(field_key=item.field, file_name=item.file_name, content=content))
    return uploads


def _applicant(actor: Actor, payload: CaseIn, municipality: Municipality) -> Person:
    """The resident the request is for, looked up among those the actor may see: a
    resident out of scope answers exactly like a number nobody has."""
    if actor.is_resident:
        return get_object_or_404(Person, pk=actor.person_id)
    if not actor.has(Permission.CASES_SUBMIT_ON_BEHALF, municipality.pk):
        raise PermissionDenied
    person = person_by_national_number(
        actor=actor,
        national_number=payload.applicant_national_number or "",
        permission=Permission.PEOPLE_SEARCH,
    )
    if person is None or person.region_id != municipality.region_id:
        raise ValidationError({"applicant_national_number": [APPLICANT_UNKNOWN]})
    return person


@router.post(
    "/cases",
    response={201: CaseDetailOut, 200: CaseDetailOut, 409: ErrorResponse},
)
@requires(SIGNED_IN)
def case_create(
    request: HttpRequest,
    payload: CaseIn,
    idempotency_key: HeaderEx[
        str,
        P(
            alias="Idempotency-Key",
            max_length=100,
            description="Unique per request; sent again, it returns the case made the first time.",
        ),
    ],
) -> Status[Case]:
    """Submit a request. A resident submits their own; staff and integrations need
    cases.submit_on_behalf in the municipality. 201: made now; 200: made by an earlier try
    with the same key."""
    actor = actor_of(request)
    municipality = get_object_or_404(Municipality, nis_code=payload.municipality_nis_code)
    applicant = _applicant(actor, payload, municipality)
    try:
        result = case_submit(
            actor=actor,
            municipality=municipality,
            product_code=payload.product_code,
            applicant=applicant,
            answers=payload.answers,
            idempotency_key=idempotency_key,
            uploads=_uploads(payload),
            channel=payload.channel,
            language=payload.language or get_language() or "nl",
        )
    except IdempotencyConflict as conflict:
        raise ApiError(
            status=409, code=ErrorCode.CONFLICT, message=" ".join(conflict.messages)
        ) from conflict
    case = _case_read(actor, result.case.pk, result.case.channel)
    return Status(201 if result.created else 200, case)


@router.get("/cases/{case_id}", response={200: CaseDetailOut, 404: ErrorResponse})
@requires(SIGNED_IN)
def case_detail(request: HttpRequest, case_id: int) -> Case:
    """One case with its answers. Staff and integration reads go to the resident's access log."""
    return _case_read(actor_of(request), case_id)


@router.get("/cases/{case_id}/timeline", response=list[EventOut])
@requires(SIGNED_IN)
def case_timeline_list(request: HttpRequest, case_id: int) -> list[CaseEvent]:
    """The timeline; a resident sees the public events, staff see the internal ones too."""
    actor = actor_of(request)
    case = _case(request, case_id)
    return case_timeline(case=case, include_internal=not actor.is_resident)


@router.post("/cases/{case_id}/transitions", response=CaseOut)
@requires(SIGNED_IN)
def case_transition_create(request: HttpRequest, case_id: int, payload: TransitionIn) -> Case:
    """Move the case (the workflow says who may make which move; see docs/cases.md).

    A decision (approved, rejected) takes effect at once: the decision letter is signed and
    the resident told in the same call. Unlike the back office there is no preview step;
    an integration that wants to show the letter first does so in its own system."""
    actor = actor_of(request)
    case = _case(request, case_id)
    case_transition(
        actor=actor, case_id=case.pk, to_status=payload.to_status, reason=payload.reason
    )
    return _case(request, case_id)


@router.post("/cases/{case_id}/assignment", response=CaseOut)
@requires(Permission.CASES_HANDLE)
def case_assignment(request: HttpRequest, case_id: int, payload: AssignmentIn) -> Case:
    """Give the case to a department and/or handler (cases.assign; yourself: cases.handle)."""
    actor = actor_of(request)
    case = _case(request, case_id)
    case_assignment_allowed_check(
        actor=actor, case=case, department_id=payload.department_id, handler_id=payload.handler_id
    )
    department = None
    if payload.department_id is not None:
        department = Department.objects.filter(pk=payload.department_id).first()
        if department is None:  # answered like another municipality's department
            raise ValidationError({"department": [DEPARTMENT_UNKNOWN]})
    handler = _staff_user(payload.handler_id, "handler")
    case_assign(actor=actor, case_id=case.pk, department=department, handler=handler)
    return _case(request, case_id)


def _staff_user(user_id: int | None, field: str) -> User | None:
    """A handler or assignee by id; an id nobody has answers like a user of another
    municipality (the service refuses those), so ids cannot be probed."""
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise ValidationError({field: [HANDLER_UNKNOWN]})
    return user


@router.get("/cases/{case_id}/messages", response=list[MessageOut])
@requires(SIGNED_IN)
def case_messages_list(request: HttpRequest, case_id: int) -> list[CaseMessage]:
    return case_messages(case=_case(request, case_id))


@router.post("/cases/{case_id}/messages", response={201: MessageOut})
@requires(SIGNED_IN)
def case_message_create(
    request: HttpRequest, case_id: int, payload: MessageIn
) -> Status[CaseMessage]:
    """Staff write to the resident (cases.handle); the resident answers."""
    actor = actor_of(request)
    case = _case(request, case_id)
    if actor.is_resident:
        message = case_message_reply(actor=actor, case_id=case.pk, body=payload.body)
    else:
        message = case_message_send(
            actor=actor, case_id=case.pk, body=payload.body, ask_resident=payload.ask_resident
        )
    return Status(201, message)


def _staff_case(request: HttpRequest, case_id: int) -> Case:
    actor = actor_of(request)
    if actor.is_resident:
        raise Http404
    return _case(request, case_id)


@router.get("/cases/{case_id}/notes", response=list[NoteOut])
@requires(Permission.CASES_VIEW)
def case_notes_list(request: HttpRequest, case_id: int) -> list[CaseNote]:
    return case_notes(case=_staff_case(request, case_id))


@router.post("/cases/{case_id}/notes", response={201: NoteOut})
@requires(Permission.CASES_HANDLE)
def case_note_create(request: HttpRequest, case_id: int, payload: NoteIn) -> Status[CaseNote]:
    case = _staff_case(request, case_id)
    return Status(201, case_note_add(actor=actor_of(request), case_id=case.pk, text=payload.text))


@router.get("/cases/{case_id}/tasks", response=list[TaskOut])
@requires(Permission.CASES_VIEW)
def case_tasks_list(request: HttpRequest, case_id: int) -> list[CaseTask]:
    return case_tasks(case=_staff_case(request, case_id))


@router.post("/cases/{case_id}/tasks", response={201: TaskOut})
@requires(Permission.CASES_HANDLE)
def case_task_create(request: HttpRequest, case_id: int, payload: TaskIn) -> Status[CaseTask]:
    case = _staff_case(request, case_id)
    assignee = _staff_user(payload.assignee_id, "assignee")
    task = case_task_add(
        actor=actor_of(request),
        case_id=case.pk,
        title=payload.title,
        assignee=assignee,
        due_date=payload.due_date,
    )
    return Status(201, task)


@router.post("/cases/{case_id}/tasks/{task_id}/done", response=TaskOut)
@requires(Permission.CASES_HANDLE)
def case_task_done(request: HttpRequest, case_id: int, task_id: int) -> CaseTask:
    case = _staff_case(request, case_id)
    task = get_object_or_404(CaseTask, pk=task_id, case=case)
    return case_task_complete(actor=actor_of(request), task_id=task.pk)
