"""Back office: payment requests with their history, manual payments, cancellations,
refunds and the per-municipality payment settings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from loket.audit.models import AccessChannel, AccessPurpose
from loket.payments.forms import (
    CancelForm,
    ManualPaymentForm,
    PaymentRequestCreateForm,
    PaymentSettingsForm,
    RefundForm,
)
from loket.payments.models import MovementKind, OnlinePaymentStatus
from loket.payments.online import payment_refund
from loket.payments.providers import PROVIDERS
from loket.payments.selectors import (
    municipalities_for_payments,
    payment_events_of,
    payment_movements_of,
    payment_request_get_visible,
    payment_request_read_for_purpose,
    payment_requests_search,
    payment_settings_visible_to,
)
from loket.payments.services import (
    payment_manual_record,
    payment_request_cancel,
    payment_request_create,
    payment_settings_update,
)
from loket.payments.workflow import OUTSTANDING_STATUSES, PaymentStatus
from loket.people.models import Organisation, Person
from loket.people.selectors import organisations_visible_to, person_by_national_number
from loket.people.validators import enterprise_number_normalise, national_number_normalise
from loket.tenancy.access import Actor, actor_from_request, permission_required
from loket.tenancy.permissions import Permission
from loket.web.form_errors import errors_onto_form
from loket.web.pagination import page_of

PAGE_SIZE = 50
PAYMENT_REQUEST_PAYER = gettext_noop("payment request: payer")


@permission_required(Permission.PAYMENTS_VIEW)
def payment_request_list(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    status = request.GET.get("status", "")
    if status not in PaymentStatus.values:
        status = ""
    try:
        municipality_id: int | None = int(request.GET.get("municipality", ""))
    except ValueError:
        municipality_id = None
    query = request.GET.get("q", "")
    requests = payment_requests_search(
        actor=actor, status=status, municipality_id=municipality_id, query=query
    )
    page = page_of(request, requests, per_page=PAGE_SIZE)
    municipalities = list(municipalities_for_payments(actor=actor))
    return render(
        request,
        "payments/backoffice/list.html",
        {
            "page": page,
            "statuses": PaymentStatus.choices,
            "status": status,
            "query": query,
            "municipalities": municipalities,
            "municipality_id": municipality_id,
            "can_manage": actor.has(Permission.PAYMENTS_MANAGE),
            "can_reconcile": actor.has(Permission.PAYMENTS_RECONCILE),
            "settings_municipalities": list(
                municipalities_for_payments(actor=actor, permission=Permission.PAYMENTS_MANAGE)
            ),
        },
    )


def _detail_context(request: HttpRequest, payment_request_id: int, **forms: Form) -> dict[str, Any]:
    actor = actor_from_request(request)
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    can_manage = actor.has(Permission.PAYMENTS_MANAGE, payment_request.municipality_id)
    return {
        "payment_request": payment_request,
        "movements": list(payment_movements_of(payment_request=payment_request)),
        "events": list(payment_events_of(payment_request=payment_request)),
        "online_payments": list(payment_request.online_payments.all()),
        "can_manage": can_manage,
        "can_record": can_manage
        and payment_request.status
        not in {
            PaymentStatus.CANCELLED,
            PaymentStatus.REFUNDED,
        },
        "can_cancel": can_manage
        and payment_request.status == PaymentStatus.OPEN
        and payment_request.net_paid_cents == 0,
        "can_refund": can_manage and payment_request.net_paid_cents > 0,
        "manual_form": forms.get("manual_form") or ManualPaymentForm(),
        "refund_form": forms.get("refund_form") or RefundForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "is_outstanding": payment_request.status in OUTSTANDING_STATUSES,
        "movement_kinds": MovementKind,
        "online_statuses": OnlinePaymentStatus,
    }


@permission_required(Permission.PAYMENTS_VIEW)
def payment_request_detail(request: HttpRequest, payment_request_id: int) -> HttpResponse:
    payment_request_read_for_purpose(
        actor=actor_from_request(request),
        payment_request_id=payment_request_id,
        purpose=AccessPurpose.CASE_HANDLING,
        what=PAYMENT_REQUEST_PAYER,
        channel=AccessChannel.WEB,
    )
    context = _detail_context(request, payment_request_id)
    return render(request, "payments/backoffice/detail.html", context)


def _detail_with_errors(
    request: HttpRequest, payment_request_id: int, **forms: Form
) -> HttpResponse:
    context = _detail_context(request, payment_request_id, **forms)
    return render(request, "payments/backoffice/detail.html", context, status=422)


@require_POST
@permission_required(Permission.PAYMENTS_MANAGE)
def payment_manual_record_view(request: HttpRequest, payment_request_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    form = ManualPaymentForm(request.POST)
    if form.is_valid():
        try:
            payment_manual_record(
                actor=actor,
                payment_request=payment_request,
                amount_cents=form.cleaned_data["amount"],
                booked_on=form.cleaned_data["booked_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("payments:backoffice-detail", payment_request.pk)
    return _detail_with_errors(request, payment_request_id, manual_form=form)


@require_POST
@permission_required(Permission.PAYMENTS_MANAGE)
def payment_refund_view(request: HttpRequest, payment_request_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    form = RefundForm(request.POST)
    if form.is_valid():
        try:
            payment_refund(
                actor=actor,
                payment_request=payment_request,
                amount_cents=form.cleaned_data["amount"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The refund is recorded."))
            return redirect("payments:backoffice-detail", payment_request.pk)
    return _detail_with_errors(request, payment_request_id, refund_form=form)


@require_POST
@permission_required(Permission.PAYMENTS_MANAGE)
def payment_request_cancel_view(request: HttpRequest, payment_request_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            payment_request_cancel(
                actor=actor, payment_request=payment_request, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The payment request is cancelled."))
            return redirect("payments:backoffice-detail", payment_request.pk)
    return _detail_with_errors(request, payment_request_id, cancel_form=form)


def _payer_for(actor: Actor, number: str) -> Person | Organisation | None:
    """The resident with this national register number, or the organisation with this
    enterprise number, among those the actor may bill (anyone else: None, like a number
    nobody has)."""
    try:
        digits = national_number_normalise(number)
    except ValidationError:
        pass
    else:
        person = person_by_national_number(
            actor=actor, national_number=digits, permission=Permission.PAYMENTS_MANAGE
        )
        if person is not None:
            return person
    try:
        digits = enterprise_number_normalise(number)
    except ValidationError:
        return None
    return (
        organisations_visible_to(actor=actor, permission=Permission.PAYMENTS_MANAGE)
        .filter(enterprise_number=digits)
        .first()
    )


@permission_required(Permission.PAYMENTS_MANAGE)
def payment_request_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    municipalities = list(
        municipalities_for_payments(actor=actor, permission=Permission.PAYMENTS_MANAGE)
    )
    choices = [(m.pk, m.name) for m in municipalities]
    form = PaymentRequestCreateForm(request.POST or None, municipality_choices=choices)
    if request.method == "POST" and form.is_valid():
        payer = _payer_for(actor, form.cleaned_data["payer_number"])
        if payer is None:
            form.add_error("payer_number", _("No resident or organisation has this number."))
        else:
            municipality = next(
                m for m in municipalities if m.pk == form.cleaned_data["municipality"]
            )
            try:
                created = payment_request_create(
                    actor=actor,
                    municipality=municipality,
                    payer=payer,
                    subject_type="counter",
                    subject_id=f"{actor.user_id}",
                    description=form.cleaned_data["description"],
                    amount_cents=form.cleaned_data["amount"],
                    due_date=form.cleaned_data["due_date"],
                )
            except ValidationError as error:
                errors_onto_form(form, error)
            else:
                messages.success(request, _("The payment request is created."))
                return redirect("payments:backoffice-detail", created.pk)
    return render(request, "payments/backoffice/create.html", {"form": form})


@permission_required(Permission.PAYMENTS_MANAGE)
def payment_settings_view(request: HttpRequest, municipality_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    settings_row = payment_settings_visible_to(actor=actor, municipality_id=municipality_id)
    provider_choices = PROVIDERS.choices()
    initial = {
        "beneficiary_name": settings_row.beneficiary_name,
        "iban": settings_row.iban,
        "bic": settings_row.bic,
        "online_provider": settings_row.online_provider,
        "online_provider_account": settings_row.online_provider_account,
        "communication_prefix": settings_row.communication_prefix,
    }
    form = PaymentSettingsForm(
        request.POST or None, initial=initial, provider_choices=provider_choices
    )
    if request.method == "POST" and form.is_valid():
        try:
            payment_settings_update(
                actor=actor, municipality=settings_row.municipality, **form.cleaned_data
            )
        except ValidationError as error:
            errors_onto_form(form, error)
        else:
            messages.success(request, _("The payment settings are saved."))
            return redirect("payments:backoffice-settings", municipality_id)
    return render(
        request,
        "payments/backoffice/settings.html",
        {"form": form, "settings_row": settings_row},
        status=422 if form.errors else 200,
    )
