"""The contact centre in the back office (/backoffice/contactcenter/): the work queue, a
new question or callback request, one question with its history and the articles beside
it, and what staff do with it (take, assign, answer, close, transfer)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.audit.models import AccessChannel
from loket.catalog.selectors import products_all
from loket.crm.contact_centre.forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    QuestionForm,
    TransferForm,
)
from loket.crm.contact_centre.knowledge import knowledge_for_question
from loket.crm.contact_centre.models import ContactQuestion
from loket.crm.contact_centre.selectors import (
    ContactQueueFilter,
    ContactQueueView,
    contact_centre_counts,
    contact_centre_queue,
    contact_question_answer_emails,
    contact_question_get_visible,
    contact_question_history,
    contact_question_read,
    question_owners,
    queue_departments,
    queue_municipalities,
    transfer_departments,
    transfer_municipalities,
)
from loket.crm.contact_centre.services import (
    QuestionInput,
    contact_question_answer,
    contact_question_assign,
    contact_question_close,
    contact_question_register,
    contact_question_take,
    contact_question_transfer,
)
from loket.crm.contact_centre.workflow import OPEN_STATUSES, QuestionStatus
from loket.people.selectors import persons_visible_to
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.htmx import render_page_or_partial
from loket.web.pagination import page_of

HANDLE = Permission.CRM_HANDLE_QUESTIONS
QUEUE_PAGE_SIZE = 50


def _int_or_none(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


def _queue_filter(request: HttpRequest) -> ContactQueueFilter:
    view = request.GET.get("view", "")
    status = request.GET.get("status", "")
    return ContactQueueFilter(
        view=ContactQueueView(view)
        if view in {v.value for v in ContactQueueView}
        else ContactQueueView.ALL,
        overdue_only=request.GET.get("overdue") == "1",
        department_id=_int_or_none(request.GET.get("department", "")),
        municipality_id=_int_or_none(request.GET.get("municipality", "")),
        status=status if status in OPEN_STATUSES else "",
    )


@permission_required(HANDLE)
def queue(request: HttpRequest) -> HttpResponse:
    """Open questions and callback requests, the soonest due first, 50 a page."""
    actor = actor_from_request(request)
    filters = _queue_filter(request)
    page = page_of(
        request, contact_centre_queue(actor=actor, filters=filters), per_page=QUEUE_PAGE_SIZE
    )
    query = request.GET.copy()
    query.pop("page", None)
    municipalities = queue_municipalities(actor=actor)
    context = {
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "counts": contact_centre_counts(actor=actor),
        "departments": queue_departments(actor=actor),
        "municipalities": municipalities if len(municipalities) > 1 else [],
        "statuses": [(s.value, s.label) for s in QuestionStatus if s in OPEN_STATUSES],
        "now": timezone.now(),
    }
    return render_page_or_partial(
        request,
        "crm/backoffice/contact_centre/queue.html",
        "crm/backoffice/contact_centre/_queue_results.html",
        context,
        target="queue-results",
    )


def _question_form(actor: Actor, data: Any = None, initial: Any = None) -> QuestionForm:
    municipalities = queue_municipalities(actor=actor)
    return QuestionForm(
        data,
        initial=initial,
        municipalities=[(m.pk, m.name) for m in municipalities],
        departments=[
            (d.pk, f"{d.name} ({d.municipality.name})" if d.municipality else d.name)
            for d in queue_departments(actor=actor)
        ],
        products=[(p.code, p.name) for p in products_all().order_by("name_nl")],
    )


@permission_required(HANDLE)
def question_new(request: HttpRequest) -> HttpResponse:
    """Take down a question or a callback request (phone, counter, e-mail, letter)."""
    actor = actor_from_request(request)
    person = None
    person_id = _int_or_none(request.GET.get("person", "") or request.POST.get("person", ""))
    if person_id is not None:
        person = (
            persons_visible_to(actor=actor, permission=Permission.PEOPLE_SEARCH)
            .filter(pk=person_id)
            .first()
        )
    if request.method == "POST":
        form = _question_form(actor, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = contact_question_register(
                    actor=actor,
                    data=QuestionInput(
                        question=data["question"],
                        channel=data["channel"],
                        kind=data["kind"],
                        language=data["language"],
                        municipality_id=data["municipality"],
                        department_id=data["department"],
                        person_id=data["person"],
                        product_code=data["product"] or "",
                        reply_email=data["reply_email"],
                        reply_phone=data["reply_phone"],
                        callback_from=data["callback_from"],
                        callback_until=data["callback_until"],
                    ),
                )
            except ValidationError as error:
                errors_onto_form(form, _renamed(error))
            else:
                messages.success(request, _("The question is in the queue."))
                return HttpResponseRedirect(reverse("crm:contact-question", args=[question.pk]))
        status = 400
    else:
        form = _question_form(actor, initial={"person": person.pk if person else None})
        status = 200
    context = {"form": form, "person": person}
    return render(request, "crm/backoffice/contact_centre/new.html", context, status=status)


_FIELD_OF = {
    "municipality_id": "municipality",
    "department_id": "department",
    "person_id": "person",
    "product_code": "product",
    "owner_id": "owner",
    "to_status": None,
}


def _renamed(error: ValidationError) -> ValidationError:
    """The service's field names as the form's."""
    if not hasattr(error, "error_dict"):
        return error
    renamed: dict[str, Any] = {}
    for name, errors in error.error_dict.items():
        target = _FIELD_OF.get(name, name)
        renamed.setdefault(target or "__all__", []).extend(errors)
    return ValidationError(renamed)


def _detail(
    request: HttpRequest, question: ContactQuestion, *, status: int = 200, **forms: Any
) -> HttpResponse:
    actor = actor_from_request(request)
    region_municipalities = list(transfer_municipalities(question=question))
    context = {
        "question": question,
        "events": contact_question_history(question=question),
        "answer_emails": contact_question_answer_emails(question=question),
        "articles": knowledge_for_question(actor=actor, question=question),
        "is_open": question.is_open,
        "now": timezone.now(),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "close_form": forms.get("close_form") or CloseForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            owners=[
                (u.pk, u.get_full_name() or u.username)
                for u in question_owners(actor=actor, question=question)
            ],
            initial={"owner": question.owner_id},
        ),
        "transfer_form": forms.get("transfer_form")
        or _transfer_form(question, None, municipalities=region_municipalities),
    }
    return render(request, "crm/backoffice/contact_centre/question.html", context, status=status)


def _transfer_form(
    question: ContactQuestion, data: Any, municipalities: list[Any] | None = None
) -> TransferForm:
    rows = municipalities or list(transfer_municipalities(question=question))
    return TransferForm(
        data,
        municipalities=[(m.pk, m.name) for m in rows if m.pk != question.municipality_id],
        departments=[
            (d.pk, f"{d.name} ({d.municipality.name})" if d.municipality else d.name)
            for d in transfer_departments(question=question).order_by("name_nl")
        ],
    )


@permission_required(HANDLE)
def question_detail(request: HttpRequest, question_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    question = contact_question_read(
        actor=actor, question_id=question_id, channel=AccessChannel.WEB
    )
    return _detail(request, question)


def _done(request: HttpRequest, question: ContactQuestion, message: str) -> HttpResponse:
    messages.success(request, message)
    actor = actor_from_request(request)
    still_visible = actor.has(HANDLE, question.municipality_id)
    if still_visible:
        return HttpResponseRedirect(reverse("crm:contact-question", args=[question.pk]))
    return HttpResponseRedirect(reverse("crm:contact-centre"))


@require_POST
@permission_required(HANDLE)
def question_take(request: HttpRequest, question_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    try:
        question = contact_question_take(actor=actor, question_id=question_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(reverse("crm:contact-question", args=[question_id]))
    return _done(request, question, _("You took the question."))


@require_POST
@permission_required(HANDLE)
def question_assign(request: HttpRequest, question_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    form = AssignForm(
        request.POST,
        owners=[(u.pk, u.get_full_name()) for u in question_owners(actor=actor, question=question)],
    )
    if form.is_valid():
        try:
            question = contact_question_assign(
                actor=actor, question_id=question.pk, owner_id=form.cleaned_data["owner"]
            )
        except ValidationError as error:
            errors_onto_form(form, _renamed(error))
        else:
            return _done(request, question, _("The owner was changed."))
    return _detail(request, question, status=400, assign_form=form)


@require_POST
@permission_required(HANDLE)
def question_answer(request: HttpRequest, question_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            question = contact_question_answer(
                actor=actor,
                question_id=question.pk,
                answer=form.cleaned_data["answer"],
                send_to_resident=form.cleaned_data["send"],
            )
        except ValidationError as error:
            errors_onto_form(form, _renamed(error))
        else:
            return _done(request, question, _("The answer was recorded."))
    return _detail(request, question, status=400, answer_form=form)


@require_POST
@permission_required(HANDLE)
def question_close(request: HttpRequest, question_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            question = contact_question_close(
                actor=actor, question_id=question.pk, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            errors_onto_form(form, _renamed(error))
        else:
            return _done(request, question, _("The question was closed."))
    return _detail(request, question, status=400, close_form=form)


@require_POST
@permission_required(HANDLE)
def question_transfer(request: HttpRequest, question_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    form = _transfer_form(question, request.POST)
    if form.is_valid():
        try:
            question = contact_question_transfer(
                actor=actor,
                question_id=question.pk,
                municipality_id=form.cleaned_data["municipality"],
                department_id=form.cleaned_data["department"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            errors_onto_form(form, _renamed(error))
        else:
            return _done(request, question, _("The question was transferred."))
    return _detail(request, question, status=400, transfer_form=form)
