"""Resident pages: the request form (with drafts), "my requests" and one request's page."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.appointments.selectors import appointments_of_resident, visit_booking_offered
from loket.audit.services import access_log_record_on_behalf
from loket.cases.attachments import Upload, case_documents
from loket.cases.kept_uploads import KEPT_FIELD, kept_merge, kept_uploads_read, uploads_keep
from loket.cases.models import Case, Draft
from loket.cases.selectors import (
    case_get_visible,
    case_messages,
    case_timeline,
    case_transitions_for,
    draft_get,
    drafts_of_resident,
    requests_of_resident,
)
from loket.cases.services import (
    IdempotencyConflict,
    case_message_reply,
    case_submit,
    case_withdraw,
    draft_attachment_remove,
    draft_delete,
    draft_save,
    request_context,
)
from loket.cases.views.request_form import errors_of, form_page_context, posted_answers
from loket.cases.workflow import CaseStatus
from loket.catalog.formdefs.answers import AnswerContext, answers_display
from loket.catalog.formdefs.prefill import RegisterPrefill
from loket.catalog.selectors import (
    ProductOffer,
    form_definition_current,
    form_spec,
    product_offer_get,
)
from loket.mandates.selectors import (
    ACTING_FOR_KEY,
    Representation,
    acting_for,
    representations_of,
)
from loket.people.authentic_sources import AuthenticSourceError
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_from_request
from loket.tenancy.models import Municipality
from loket.tenancy.selectors import municipalities_public
from loket.web.resident_sign_in import resident_sign_in_redirect

REGISTER_READ_ON_BEHALF = gettext_noop("register data for a request made on your behalf")


def _signed_in(request: HttpRequest) -> Actor | None:
    actor = actor_from_request(request)
    return actor if actor.is_resident and actor.person_id is not None else None


def _online_offer(slug: str, code: str) -> tuple[Municipality, ProductOffer]:
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    offer = product_offer_get(municipality=municipality, code=code)
    if offer is None or not offer.is_online:
        raise Http404
    return municipality, offer


def _applicant_for(
    request: HttpRequest, actor: Actor, product_code: str
) -> tuple[Person, Representation | None]:
    """The signed-in resident, or the person they act for (the session's "acting as",
    resolved again now). Another person's request only within the mandate's products (403
    otherwise; case_submit checks it again); the reading of their data is logged for both.
    For an organisation the applicant is the representative themselves (the request is in
    the organisation's name, for the products open to organisations)."""
    acting = acting_for(
        actor=actor, session_value=request.session.get(ACTING_FOR_KEY), today=timezone.localdate()
    )
    me = Person.objects.get(pk=actor.person_id or 0)
    if acting is None:
        return me, None
    if not acting.allows(product_code):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "save":
        raise PermissionDenied  # a draft belongs to the one who writes it
    if acting.organisation is not None:
        return me, acting  # the representative applies, in the organisation's name
    if request.method == "GET":
        access_log_record_on_behalf(
            person=acting.subject, acted_by=me, what=REGISTER_READ_ON_BEHALF
        )
    return acting.subject, acting


def request_form(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Fill in a request: shows what the register knows, saves drafts, submits."""
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    municipality, offer = _online_offer(slug, code)
    person, acting = _applicant_for(request, actor, offer.code)
    token = request.POST.get("token") or request.GET.get("concept") or ""
    draft = _draft_of(request, actor, token)
    definition = draft.form_definition if draft else form_definition_current(product=offer.product)
    if definition is None:
        raise Http404
    form = form_spec(definition)
    language = get_language() or "nl"
    prefill, answer_context, source_error = _register_context(person, language)
    values: dict[str, Any] = dict(draft.answers) if draft else {}
    errors: dict[str, list[str]] = {}
    other_errors: list[str] = []
    status = 200
    if request.method == "POST" and draft is not None and request.POST.get("remove_file"):
        return _draft_file_remove(request, actor, draft)
    if request.method == "POST":
        values, uploads = posted_answers(form, request)
        token = token or str(uuid.uuid4())
        try:
            if request.POST.get("action") == "save":
                draft = draft_save(
                    actor=actor,
                    municipality=municipality,
                    product_code=offer.code,
                    answers=values,
                    token=token,
                    uploads=uploads,
                )
                messages.success(request, _("Your request is saved. You can finish it later."))
                return HttpResponseRedirect(f"{request.path}?concept={draft.token}")
            result = case_submit(
                actor=actor,
                municipality=municipality,
                product_code=offer.code,
                applicant=person,
                answers=values,
                idempotency_key=token,
                uploads=uploads,
                language=language,
                draft=draft,
                organisation=acting.organisation if acting else None,
            )
        except IdempotencyConflict:
            messages.warning(request, _("This request was already sent. Here is where it stands."))
            return redirect("cases:my-requests")
        except AuthenticSourceError as error:
            source_error = str(error.user_message)
            status = 503
        except ValidationError as error:
            errors, other_errors = errors_of(error)
            status = 400
            if uploads:
                draft = (
                    _uploads_keep(actor, municipality, offer.code, values, token, uploads, errors)
                    or draft
                )
        else:
            if result.created:
                messages.success(
                    request,
                    _("Thank you. Your request has number %(number)s.")
                    % {"number": result.case.number},
                )
            return redirect("cases:my-request", number=result.case.number)
    context = form_page_context(
        form=form,
        prefill=prefill,
        context=answer_context,
        values=values,
        errors=errors,
        files=draft.attachments if draft else {},
        non_field_errors=[*other_errors, *([source_error] if source_error else [])],
    )
    context.update(
        {
            "municipality": municipality,
            "offer": offer,
            "token": token or str(uuid.uuid4()),
            "draft": draft,
            # Only a draft opened again says "you are continuing": a form that came back
            # with errors keeps its files in a draft the resident never chose to save.
            "draft_resumed": draft is not None and request.method == "GET",
            "acting": acting,
            "representations": representations_of(
                person_id=actor.person_id or 0, today=timezone.localdate()
            ),
        }
    )
    return render(request, "cases/portal/request_form.html", context, status=status)


def _register_context(
    person: Person, language: str
) -> tuple[RegisterPrefill | None, AnswerContext, str]:
    """The prefill and answer context, or (when the authentic source cannot answer) none,
    an empty context and the message saying so: the form still works and can be saved as a
    draft; sending waits for the source."""
    today = timezone.localdate()
    try:
        prefill, context = request_context(applicant=person, today=today, language=language)
    except AuthenticSourceError as error:
        empty = AnswerContext(today=today, household=(), language=language)
        return None, empty, str(error.user_message)
    return prefill, context, ""


def _draft_of(request: HttpRequest, actor: Actor, token: str) -> Draft | None:
    """The draft being resumed (?concept=) or sent (its token in the form), if any."""
    if request.GET.get("concept"):
        return draft_get(actor=actor, token=token)
    if token and request.method == "POST" and _uuid_or_none(token) is not None:
        return drafts_of_resident(actor=actor).filter(token=token).first()
    return None


def _uploads_keep(
    actor: Actor,
    municipality: Municipality,
    product_code: str,
    values: dict[str, Any],
    token: str,
    uploads: list[Upload],
    errors: dict[str, list[str]],
) -> Draft | None:
    """A form that comes back with errors keeps its files: each file is stored in the
    request's draft (under the form's token), so the page shows it and the next submission
    sends it. A file that is refused gets its error on its own field."""
    draft = None
    if _uuid_or_none(token) is None:
        return None
    for upload in uploads:
        try:
            draft = draft_save(
                actor=actor,
                municipality=municipality,
                product_code=product_code,
                answers=values,
                token=token,
                uploads=[upload],
            )
        except ValidationError as error:
            fields, other = errors_of(error)
            fields.setdefault(upload.field_key, []).extend(other)
            for key, messages_ in fields.items():
                known = errors.setdefault(key, [])
                known.extend(message for message in messages_ if message not in known)
    return draft


def _draft_file_remove(request: HttpRequest, actor: Actor, draft: Draft) -> HttpResponse:
    field_key, _sep, document_id = request.POST["remove_file"].partition(":")
    if document_id.isdigit():
        draft_attachment_remove(
            actor=actor, draft=draft, field_key=field_key, document_id=int(document_id)
        )
    messages.success(request, _("The file is taken out of your request."))
    return HttpResponseRedirect(f"{request.path}?concept={draft.token}")


def _uuid_or_none(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


def my_requests(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    return render(
        request,
        "cases/portal/my_requests.html",
        {
            "cases": list(requests_of_resident(actor=actor)[:200]),
            "drafts": list(drafts_of_resident(actor=actor)[:50]),
        },
    )


@require_POST
def my_draft_delete(request: HttpRequest, token: str) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    draft_delete(actor=actor, draft=draft_get(actor=actor, token=token))
    messages.success(request, _("The unfinished request is deleted."))
    return redirect("cases:my-requests")


def _request_page_context(actor: Actor, case: Case) -> dict[str, Any]:
    form = form_spec(case.form_definition)
    payment_request = case.payment_request
    # The organisation's other representatives follow its request; the one who made it
    # answers and pays.
    is_party = case.organisation_id is None or case.applicant_id == actor.person_id
    return {
        "case": case,
        "answers": answers_display(form, case.answers, get_language()),
        "timeline": case_timeline(case=case),
        "messages_list": case_messages(case=case),
        "documents": case_documents(actor=actor, case_id=case.pk),
        "can_withdraw": any(
            t.target == CaseStatus.WITHDRAWN for t in case_transitions_for(actor=actor, case=case)
        ),
        "can_reply": case.is_open and is_party,
        "payment_due": (
            is_party and payment_request is not None and case.paid_at is None and case.is_open
        ),
        **_visit_context(actor, case),
    }


def _visit_context(actor: Actor, case: Case) -> dict[str, Any]:
    """A product that needs a visit to the counter offers to book an appointment once the
    online part is sent (and shows the appointments already booked for it)."""
    if not (case.product.appointment_required and case.is_open):
        return {}
    if not visit_booking_offered(municipality_id=case.municipality_id, product_id=case.product_id):
        return {}
    return {
        "appointment_url": reverse(
            "appointments:book", args=[case.municipality.slug, case.product.code]
        ),
        "appointments_booked": [
            a
            for a in appointments_of_resident(actor=actor, upcoming_only=True)
            if a.product_id == case.product_id and a.municipality_id == case.municipality_id
        ],
    }


def my_request(request: HttpRequest, number: str) -> HttpResponse:
    """One of the resident's requests: status, timeline, messages, documents."""
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    case = case_get_visible(actor=actor, number=number)
    reply_errors: list[str] = []
    reply_files: dict[str, list[dict[str, Any]]] = {}
    status = 200
    if request.method == "POST":
        uploads = [_upload(file) for file in request.FILES.getlist("attachments") if file.size]
        kept, reply_files = kept_uploads_read(actor=actor, values=request.POST.getlist(KEPT_FIELD))
        try:
            case_message_reply(
                actor=actor,
                case_id=case.pk,
                body=request.POST.get("body", ""),
                uploads=[*uploads, *kept],
            )
        except ValidationError as error:
            fields, other = errors_of(error)
            reply_files = kept_merge(
                reply_files,
                uploads_keep(
                    actor=actor,
                    municipality=case.municipality,
                    uploads=uploads,
                    concerns_person=case.applicant_required,
                    errors=fields,
                ),
            )
            reply_errors = [m for messages_ in fields.values() for m in messages_] + other
            status = 400
        else:
            messages.success(request, _("Your message is sent."))
            return redirect("cases:my-request", number=case.number)
    context = _request_page_context(actor, case)
    context.update(
        {
            "reply_errors": reply_errors,
            "reply_body": request.POST.get("body", ""),
            "reply_files": reply_files.get("attachments", []),
        }
    )
    return render(request, "cases/portal/my_request.html", context, status=status)


def _upload(file: Any) -> Any:
    return Upload(field_key="attachments", file_name=file.name or "attachment", content=file)


@require_POST
def my_request_withdraw(request: HttpRequest, number: str) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return resident_sign_in_redirect(request)
    case = case_get_visible(actor=actor, number=number)
    try:
        case_withdraw(actor=actor, case_id=case.pk, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your request is withdrawn."))
    return redirect("cases:my-request", number=case.number)
