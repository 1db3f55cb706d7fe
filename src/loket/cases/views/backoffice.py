"""Staff pages: the work queue (with bulk assignment) and the page of one case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.accounts.models import User
from loket.audit.models import AccessChannel, AccessPurpose
from loket.cases.attachments import Upload, case_documents
from loket.cases.case_links import case_links
from loket.cases.kept_uploads import KEPT_FIELD, kept_merge, kept_uploads_read, uploads_keep
from loket.cases.letters import case_decision_preview
from loket.cases.models import Case, CaseChannel
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
    case_transitions_for,
    cases_visible_to,
    queue_counts,
    work_queue,
)
from loket.cases.services import (
    case_assign,
    case_assignment_allowed_check,
    case_message_send,
    case_note_add,
    case_task_add,
    case_task_complete,
    case_transition,
    cases_bulk_assign,
    handlers_for,
)
from loket.cases.views.request_form import errors_of
from loket.cases.workflow import DECIDED_STATUSES, OPEN_STATUSES, CaseStatus
from loket.catalog.formdefs.answers import answers_display
from loket.catalog.selectors import form_spec, products_all
from loket.core.labels import labelled
from loket.core.rows import NAME_FIELDS, name_fields, translated_name
from loket.decisions.letters import LetterContent, letter_paragraphs, letter_seal_text
from loket.decisions.texts import WORDING
from loket.payments.services import payment_manual_record
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.models import Department
from loket.tenancy.permissions import Permission
from loket.web.htmx import render_page_or_partial
from loket.web.pagination import page_of

QUEUE_PAGE_SIZE = 50
# What a row of the work queue shows (cases_tags.case_rows), and nothing else.
_QUEUE_ROW_FIELDS = (
    "pk",
    "number",
    "status",
    "due_date",
    "fee_cents",
    "paid_at",
    "product",
    "applicant",
    "department",
    "handler",
    *name_fields("product", "department"),
    "applicant__first_names",
    "applicant__last_name",
    "handler__first_name",
    "handler__last_name",
)
CASE_READ = gettext_noop("case file")
# Session key (+ case id) of a message that was refused: its text and kept files.
UNSENT_MESSAGE = "loket_case_unsent_message_"


def _queue_filter(request: HttpRequest) -> QueueFilter:
    def choice(name: str, enum: Any, default: Any) -> Any:
        value = request.GET.get(name, "")
        return enum(value) if value in {item.value for item in enum} else default

    return QueueFilter(
        view=choice("view", QueueView, QueueView.DEPARTMENT),
        overdue_only=request.GET.get("overdue") == "1",
        product_code=request.GET.get("product", "")[:60],
        status=request.GET.get("status", "") if request.GET.get("status") in OPEN_STATUSES else "",
        sort=choice("sort", QueueSort, QueueSort.DUE),
    )


def _departments_of(actor: Actor) -> list[Department]:
    municipality_ids = actor.municipality_ids(Permission.CASES_VIEW)
    return list(
        Department.objects.filter(municipality_id__in=municipality_ids)
        .select_related("municipality")
        .order_by("name_nl")
    )


def _handlers_of(actor: Actor) -> list[User]:
    users: dict[int, User] = {}
    for municipality_id in sorted(actor.municipality_ids(Permission.CASES_ASSIGN)):
        for user in handlers_for(municipality_id=municipality_id):
            users[user.pk] = user
    return sorted(users.values(), key=lambda user: user.get_full_name().casefold())


@permission_required(Permission.CASES_VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """Open cases: mine, my department's or all; overdue; by product; sorted."""
    actor = actor_from_request(request)
    if request.method == "POST":
        return _bulk_assign(request, actor)
    filters = _queue_filter(request)
    cases = (
        work_queue(actor=actor, filters=filters)
        .select_related(None)
        .select_related("product", "applicant", "department", "handler")
        .only(*_QUEUE_ROW_FIELDS)
    )
    page = page_of(request, cases, per_page=QUEUE_PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    can_assign = actor.has(Permission.CASES_ASSIGN)
    context = {
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "counts": queue_counts(actor=actor),
        # The filters' options as (value, label) pairs, built once (loket_web.select_options)
        "product_choices": [
            (code, translated_name(*names))
            for code, *names in products_all().values_list("code", *NAME_FIELDS)
        ],
        "statuses": [(s.value, s.label) for s in CaseStatus if s in OPEN_STATUSES],
        "sorts": [
            (QueueSort.DUE, _("Due date, soonest first")),
            (QueueSort.DUE_LAST, _("Due date, latest first")),
            (QueueSort.SUBMITTED, _("Oldest first")),
            (QueueSort.SUBMITTED_LAST, _("Newest first")),
            (QueueSort.NUMBER, _("Case number")),
        ],
        "can_assign": can_assign,
        "department_choices": [
            (department.pk, f"{department.name} ({municipality.name if municipality else ''})")
            for department in _departments_of(actor)
            for municipality in (department.municipality,)
        ]
        if can_assign
        else [],
        "handler_choices": [(user.pk, user.get_full_name()) for user in _handlers_of(actor)]
        if can_assign
        else [],
        "today": timezone.localdate(),
        "has_departments": bool(actor.department_ids),
    }
    return render_page_or_partial(
        request, "cases/backoffice/queue.html", "cases/backoffice/_queue_results.html", context
    )


def _bulk_assign(request: HttpRequest, actor: Actor) -> HttpResponse:
    if not actor.has(Permission.CASES_ASSIGN):
        raise PermissionDenied
    ids = [int(value) for value in request.POST.getlist("case") if value.isdigit()]
    department = _department_or_none(actor, request.POST.get("department", ""))
    visible = set(cases_visible_ids(actor, ids))
    try:
        handler = _user_or_none(request.POST.get("handler", ""))
        if len(visible) != len(set(ids)):
            raise ValidationError(_("Some selected cases are not yours to assign."))
        if department is None and handler is None:
            raise ValidationError(_("Choose a department or a handler."))
        assigned = cases_bulk_assign(
            actor=actor, case_ids=sorted(visible), department=department, handler=handler
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("%(count)d cases assigned.") % {"count": len(assigned)})
    return HttpResponseRedirect(f"{reverse('cases:queue')}?{request.POST.get('query', '')}")


def cases_visible_ids(actor: Actor, ids: list[int]) -> list[int]:
    return list(cases_visible_to(actor=actor).filter(pk__in=ids).values_list("pk", flat=True))


def _department_or_none(actor: Actor, value: str) -> Department | None:
    if not value.isdigit():
        return None
    return next((d for d in _departments_of(actor) if d.pk == int(value)), None)


def _user_or_none(value: str) -> User | None:
    """The chosen handler; an id nobody has is refused like a user of another municipality
    (which the service refuses), so ids cannot be probed."""
    if not value.isdigit():
        return None
    user = User.objects.filter(pk=int(value), is_active=True).first()
    if user is None:
        raise ValidationError({"handler": [_("This person cannot handle cases here.")]})
    return user


@permission_required(Permission.CASES_VIEW)
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = case_read_for_purpose(
        actor=actor,
        case_id=case_id,
        purpose=AccessPurpose.CASE_HANDLING,
        what=CASE_READ,
        channel=AccessChannel.WEB,
    )
    context = _detail_context(actor, case)
    # A message that was refused comes back with its text and its files (see the view).
    unsent = request.session.pop(f"{UNSENT_MESSAGE}{case.pk}", None) or {}
    context.update(
        {"message_body": unsent.get("body", ""), "message_files": unsent.get("files", [])}
    )
    return render(request, "cases/backoffice/detail.html", context)


def _detail_context(actor: Actor, case: Case) -> dict[str, Any]:
    form = form_spec(case.form_definition)
    may_assign = actor.has(Permission.CASES_ASSIGN, case.municipality_id)
    return {
        "case": case,
        "staff_view": True,
        "answers": answers_display(form, case.answers, get_language()),
        "snapshot": case.register_snapshot,
        "timeline": case_timeline(case=case, include_internal=True),
        "messages_list": case_messages(case=case),
        "notes": case_notes(case=case),
        "tasks": case_tasks(case=case),
        "documents": case_documents(actor=actor, case_id=case.pk),
        "transitions": (transitions := case_transitions_for(actor=actor, case=case)),
        "decides": any(t.target in DECIDED_STATUSES for t in transitions),
        "can_handle": actor.has(Permission.CASES_HANDLE, case.municipality_id),
        "can_assign": may_assign,
        "departments": list(
            Department.objects.filter(municipality_id=case.municipality_id).order_by("name_nl")
        )
        if may_assign
        else [],
        "handlers": handlers_for(municipality_id=case.municipality_id),
        "can_record_payment": case.payment_request_id is not None
        and case.paid_at is None
        and actor.has(Permission.PAYMENTS_MANAGE, case.municipality_id),
        "channel_is_assisted": case.channel != CaseChannel.PORTAL,
        "today": timezone.localdate(),
        "case_links": case_links(actor=actor, case=case),
    }


def _after_action(request: HttpRequest, case_id: int, anchor: str = "") -> HttpResponse:
    return HttpResponseRedirect(reverse("cases:detail", args=[case_id]) + anchor)


def _report(request: HttpRequest, error: ValidationError) -> None:
    fields, other = errors_of(error)
    messages.error(request, " ".join([*other, *(m for v in fields.values() for m in v)]))


@require_POST
@permission_required(Permission.CASES_VIEW)
def case_status_change(request: HttpRequest, case_id: int) -> HttpResponse:
    """Change the status. A decision (approve, refuse) first shows the letter exactly as it
    will be signed; only the confirmation from that page (`confirm=1`) decides."""
    actor = actor_from_request(request)
    case = case_get_visible(actor=actor, case_id=case_id)
    to_status = request.POST.get("to_status", "")
    reason = request.POST.get("reason", "")
    try:
        if request.POST.get("confirm") != "1":
            letter = case_decision_preview(
                actor=actor, case=case, to_status=to_status, reason=reason
            )
            if letter is not None:
                return _decision_preview(request, case, to_status, reason, letter)
        case_transition(actor=actor, case_id=case.pk, to_status=to_status, reason=reason)
    except ValidationError as error:
        _report(request, error)
    else:
        case.refresh_from_db()
        messages.success(
            request, _("The case is now “%(status)s”.") % {"status": case.get_status_display()}
        )
    return _after_action(request, case.pk)


def _decision_preview(
    request: HttpRequest, case: Case, to_status: str, reason: str, letter: LetterContent
) -> HttpResponse:
    return render(
        request,
        "cases/backoffice/decision_preview.html",
        {
            "case": case,
            "to_status": to_status,
            "reason": reason,
            "letter": letter,
            "wording": WORDING[letter.language],
            "reference_line": labelled(
                WORDING[letter.language].our_reference, letter.reference, letter.language
            ),
            "date_line": labelled(WORDING[letter.language].date, letter.date_text, letter.language),
            "subject_line": labelled(
                WORDING[letter.language].subject, letter.subject, letter.language
            ),
            "body": letter_paragraphs(letter.body),
            "appeal": letter_paragraphs(letter.appeal),
            "seal": letter_seal_text(letter),
        },
    )


@require_POST
@permission_required(Permission.CASES_HANDLE)
def case_assign_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = case_get_visible(actor=actor, case_id=case_id)
    try:
        if request.POST.get("take") == "1":
            department, handler = None, actor.user
        else:
            department_value = request.POST.get("department", "")
            handler_value = request.POST.get("handler", "")
            case_assignment_allowed_check(
                actor=actor,
                case=case,
                department_id=int(department_value) if department_value.isdigit() else None,
                handler_id=int(handler_value) if handler_value.isdigit() else None,
            )
            department = _department_or_none(actor, department_value)
            handler = _user_or_none(handler_value)
        case_assign(actor=actor, case_id=case.pk, department=department, handler=handler)
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The assignment is saved."))
    return _after_action(request, case.pk, "#assignment")


@require_POST
@permission_required(Permission.CASES_HANDLE)
def case_note_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = case_get_visible(actor=actor, case_id=case_id)
    try:
        case_note_add(actor=actor, case_id=case.pk, text=request.POST.get("text", ""))
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The note is added."))
    return _after_action(request, case.pk, "#notes")


@require_POST
@permission_required(Permission.CASES_HANDLE)
def case_task_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = case_get_visible(actor=actor, case_id=case_id)
    due = request.POST.get("due_date", "")
    try:
        case_task_add(
            actor=actor,
            case_id=case.pk,
            title=request.POST.get("title", ""),
            assignee=_user_or_none(request.POST.get("assignee", "")),
            due_date=dt.date.fromisoformat(due) if due else None,
        )
    except ValueError:
        messages.error(request, _("Enter a date as YYYY-MM-DD."))
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The task is added."))
    return _after_action(request, case.pk, "#tasks")


@require_POST
@permission_required(Permission.CASES_HANDLE)
def case_task_done_view(request: HttpRequest, case_id: int, task_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = case_get_visible(actor=actor, case_id=case_id)
    task = case.tasks.filter(pk=task_id).first()
    if task is None:
        return redirect("cases:detail", case_id=case.pk)
    case_task_complete(actor=actor, task_id=task.pk)
    messages.success(request, _("The task is done."))
    return _after_action(request, case.pk, "#tasks")


@require_POST
@permission_required(Permission.CASES_HANDLE)
def case_message_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    case = case_get_visible(actor=actor, case_id=case_id)
    uploads = [
        Upload(field_key="attachments", file_name=file.name or "attachment", content=file)
        for file in request.FILES.getlist("attachments")
        if file.size
    ]
    kept, files = kept_uploads_read(actor=actor, values=request.POST.getlist(KEPT_FIELD))
    try:
        case_message_send(
            actor=actor,
            case_id=case.pk,
            body=request.POST.get("body", ""),
            uploads=[*uploads, *kept],
            ask_resident=request.POST.get("ask_resident") == "1",
        )
    except ValidationError as error:
        refused: dict[str, list[str]] = {}
        files = kept_merge(
            files,
            uploads_keep(
                actor=actor,
                municipality=case.municipality,
                uploads=uploads,
                concerns_person=case.applicant_required,
                errors=refused,
            ),
        )
        request.session[f"{UNSENT_MESSAGE}{case.pk}"] = {
            "body": request.POST.get("body", ""),
            "files": files.get("attachments", []),
        }
        _report(request, error)
        if refused:
            _report(request, ValidationError(refused))
    else:
        messages.success(request, _("The message is sent to the resident."))
    return _after_action(request, case.pk, "#messages")


@require_POST
@permission_required(Permission.PAYMENTS_MANAGE)
def case_payment_record_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """The resident paid at the counter (cash or card): record it on the payment request."""

    actor = actor_from_request(request)
    case = case_get_visible(actor=actor, case_id=case_id)
    if case.payment_request is None or case.paid_at is not None:
        return _after_action(request, case.pk)
    try:
        payment_manual_record(
            actor=actor,
            payment_request=case.payment_request,
            amount_cents=case.payment_request.outstanding_cents,
            booked_on=timezone.localdate(),
            note=_("Paid at the counter for %(number)s") % {"number": case.number},
        )
    except ValidationError as error:
        _report(request, error)
    else:
        messages.success(request, _("The payment is recorded."))
    return _after_action(request, case.pk)
