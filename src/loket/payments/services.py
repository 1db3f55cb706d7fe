"""Writes of the payments domain: settings, requests and their ledger.

Every amount is an int of cents. Every ledger change goes through `payment_movement_append`,
which locks the request, appends the movement, derives the new status, appends the status
event, and - when the request is paid in full for the first time - calls the subject's
payment-completed handler in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.lifecycle import transition_check
from loket.payments.handlers import payment_completed_handler_for
from loket.payments.history import payment_event_append
from loket.payments.iban import bic_parse, iban_parse
from loket.payments.models import (
    BankStatementLine,
    MovementKind,
    MovementSource,
    MunicipalityPaymentSettings,
    OnlinePayment,
    PaymentEventKind,
    PaymentMovement,
    PaymentRequest,
)
from loket.payments.notifications import payment_receipt_send, payment_request_notify
from loket.payments.providers import provider_codes
from loket.payments.structured_communication import (
    BASE_DIGITS,
    structured_communication_from_base,
)
from loket.payments.workflow import (
    REQUEST_LIFECYCLE,
    PaymentStatus,
    payment_status_derive,
)
from loket.people.models import Organisation, Person
from loket.people.selectors import organisations_visible_to, persons_visible_to
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

_SUBJECT_TYPE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAXIMUM_AMOUNT_CENTS = 99_999_999_999  # what an EPC QR code and a SEPA transfer can carry


def cents_check(amount_cents: object) -> int:
    """An amount must be a positive int of cents (never a float, never a bool)."""
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool):
        raise TypeError("amounts are whole numbers of cents (int)")
    if not 0 < amount_cents <= MAXIMUM_AMOUNT_CENTS:
        raise ValidationError(
            {"amount_cents": _("The amount must be more than € 0 and at most € 999.999.999,99.")}
        )
    return amount_cents


def _require(actor: Actor, permission: Permission, municipality_id: int) -> None:
    if not actor.has(permission, municipality_id):
        raise PermissionDenied


def payment_settings_for(*, municipality_id: int) -> MunicipalityPaymentSettings:
    """The municipality's payment settings (created empty the first time)."""
    row, _created = MunicipalityPaymentSettings.objects.get_or_create(
        municipality_id=municipality_id
    )
    return row


@transaction.atomic
def payment_settings_update(
    *,
    actor: Actor,
    municipality: Municipality,
    beneficiary_name: str,
    iban: str,
    bic: str,
    online_provider: str,
    online_provider_account: str = "",
    communication_prefix: str = "",
) -> MunicipalityPaymentSettings:
    _require(actor, Permission.PAYMENTS_MANAGE, municipality.pk)
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {"iban": "", "bic": ""}
    for name, parse, value in (("iban", iban_parse, iban), ("bic", bic_parse, bic)):
        if value.strip():
            try:
                cleaned[name] = parse(value)
            except ValidationError as error:
                errors[name] = " ".join(error.messages)
    name = " ".join(beneficiary_name.split())
    if len(name) > 70:
        errors["beneficiary_name"] = _("At most 70 characters.")
    if cleaned["iban"] and not name:
        errors["beneficiary_name"] = _("Give the account holder's name with the IBAN.")
    if online_provider and online_provider not in provider_codes():
        errors["online_provider"] = _("Unknown online payment provider.")
    if not re.fullmatch(r"\d{0,4}", communication_prefix):
        errors["communication_prefix"] = _("At most four digits.")
    if errors:
        raise ValidationError(errors)
    payment_settings_for(municipality_id=municipality.pk)
    row = MunicipalityPaymentSettings.objects.select_for_update().get(
        municipality_id=municipality.pk
    )
    row.beneficiary_name = name
    row.iban = cleaned["iban"]
    row.bic = cleaned["bic"]
    row.online_provider = online_provider
    row.online_provider_account = online_provider_account.strip()
    row.communication_prefix = communication_prefix
    row.save()
    return row


def _structured_communication_allocate(municipality_id: int) -> str:
    """The next free structured communication of the municipality (settings row locked)."""
    payment_settings_for(municipality_id=municipality_id)
    row = MunicipalityPaymentSettings.objects.select_for_update().get(
        municipality_id=municipality_id
    )
    counter_digits = BASE_DIGITS - len(row.communication_prefix)
    capacity = 10**counter_digits - 1
    taken = PaymentRequest.objects.filter(municipality_id=municipality_id)
    while True:
        row.last_communication_number += 1
        if row.last_communication_number > capacity:
            raise ValidationError(
                _("No structured communications are left with this prefix; change the prefix.")
            )
        base = int(f"{row.communication_prefix}{row.last_communication_number:0{counter_digits}d}")
        digits = structured_communication_from_base(base).digits
        if not taken.filter(structured_communication=digits).exists():
            break
    row.save(update_fields=["last_communication_number", "updated_at"])
    return digits


def payer_in_scope(*, actor: Actor, payer: Person | Organisation) -> bool:
    """Staff and integrations bill only residents and organisations of the municipalities
    where they manage payments; a resident only themselves."""
    if actor.is_resident:
        return isinstance(payer, Person) and payer.pk == actor.person_id
    visible = (
        persons_visible_to(actor=actor, permission=Permission.PAYMENTS_MANAGE)
        if isinstance(payer, Person)
        else organisations_visible_to(actor=actor, permission=Permission.PAYMENTS_MANAGE)
    )
    return visible.filter(pk=payer.pk).exists()


def _may_create_for(actor: Actor, municipality_id: int, payer: Person | Organisation) -> bool:
    if actor.is_resident:
        return isinstance(payer, Person) and payer.pk == actor.person_id
    return actor.has(Permission.PAYMENTS_MANAGE, municipality_id)


@transaction.atomic
def payment_request_create(
    *,
    actor: Actor,
    municipality: Municipality,
    payer: Person | Organisation,
    subject_type: str,
    subject_id: str | int,
    description: str,
    amount_cents: int,
    due_date: dt.date,
    descriptions: Mapping[str, str] | None = None,
) -> PaymentRequest:
    """Ask `payer` to pay `amount_cents` for a subject (a case, a reservation ...).

    `descriptions` gives the description in other languages ({"fr": …}), so every reader
    sees it in theirs; each follows the rules of `description`.

    Staff and integrations need payments.manage in the municipality; a resident may only
    create a request that they pay themselves (a fee for something they ask for).
    """
    cents_check(amount_cents)
    if not _may_create_for(actor, municipality.pk, payer):
        raise PermissionDenied
    if not payer_in_scope(actor=actor, payer=payer):
        # Answered exactly like a payer id nobody has.
        raise ValidationError(
            {"payer_person_id": [_("Give one existing payer: a person or an organisation.")]}
        )
    if not _SUBJECT_TYPE.match(subject_type):
        raise ValidationError({"subject_type": _("A subject type is a short lower-case word.")})
    description = " ".join(description.split())
    translations = {
        code: " ".join(str(text).split())
        for code, text in (descriptions or {}).items()
        if code in {"nl", "fr", "en"}
    }
    if any(not text or len(text) > 140 for text in (description, *translations.values())):
        raise ValidationError({"description": _("Describe the payment in 1 to 140 characters.")})
    request = PaymentRequest.objects.create(
        municipality=municipality,
        payer_person=payer if isinstance(payer, Person) else None,
        payer_organisation=payer if isinstance(payer, Organisation) else None,
        subject_type=subject_type,
        subject_id=str(subject_id),
        description=description,
        descriptions=translations,
        amount_cents=amount_cents,
        due_date=due_date,
        structured_communication=_structured_communication_allocate(municipality.pk),
        created_by=actor.user,
    )
    payment_event_append(
        payment_request=request,
        kind=PaymentEventKind.CREATED,
        to_status=PaymentStatus.OPEN,
        by_user_id=actor.user_id,
    )
    payment_request_notify(payment_request=request)
    return request


def _lock(payment_request: PaymentRequest) -> PaymentRequest:
    return PaymentRequest.objects.select_for_update().get(pk=payment_request.pk)


def _status_change(
    request: PaymentRequest,
    new_status: PaymentStatus,
    *,
    by_user_id: int | None,
    note: str = "",
    kind: PaymentEventKind = PaymentEventKind.STATUS_CHANGED,
) -> None:
    current = PaymentStatus(request.status)
    if current == new_status:
        return
    transition_check(REQUEST_LIFECYCLE, current=current, target=new_status)
    request.status = new_status
    payment_event_append(
        payment_request=request,
        kind=kind,
        from_status=current,
        to_status=new_status,
        by_user_id=by_user_id,
        note=note,
    )


def payment_movement_append(
    *,
    payment_request: PaymentRequest,
    kind: MovementKind,
    amount_cents: int,
    source: MovementSource,
    booked_at: dt.datetime,
    reference: str = "",
    payer_name: str = "",
    payer_iban: str = "",
    recorded_by_id: int | None = None,
    note: str = "",
    statement_line: BankStatementLine | None = None,
    online_payment: OnlinePayment | None = None,
) -> PaymentMovement:
    """Append one ledger row and bring the request's totals and status up to date.

    Must run inside a transaction (the callers' services are atomic); the request row is
    locked here. Payments go to requests that can receive them; refunds cannot exceed
    what was paid.
    """
    cents_check(amount_cents)
    request = _lock(payment_request)
    if kind == MovementKind.PAYMENT and request.status in {
        PaymentStatus.CANCELLED,
        PaymentStatus.REFUNDED,
    }:
        raise ValidationError(_("This payment request is closed and cannot receive payments."))
    if kind == MovementKind.REFUND and amount_cents > request.net_paid_cents:
        raise ValidationError(_("A refund cannot be more than what was paid."))
    movement = PaymentMovement.objects.create(
        payment_request=request,
        kind=kind,
        amount_cents=amount_cents,
        source=source,
        reference=reference,
        payer_name=payer_name[:140],
        payer_iban=payer_iban[:34],
        booked_at=booked_at,
        recorded_by_id=recorded_by_id,
        note=note[:200],
        statement_line=statement_line,
        online_payment=online_payment,
    )
    totals = request.movements.values("kind").annotate(total=Sum("amount_cents"))
    by_kind = {row["kind"]: int(row["total"]) for row in totals}
    request.paid_cents = by_kind.get(MovementKind.PAYMENT, 0)
    request.refunded_cents = by_kind.get(MovementKind.REFUND, 0)
    new_status = payment_status_derive(
        amount_cents=request.amount_cents,
        paid_cents=request.paid_cents,
        refunded_cents=request.refunded_cents,
        is_cancelled=False,
    )
    _status_change(request, new_status, by_user_id=recorded_by_id)
    newly_completed = request.completed_at is None and new_status in {
        PaymentStatus.PAID,
        PaymentStatus.OVERPAID,
    }
    if newly_completed:
        request.completed_at = timezone.now()
    request.save(update_fields=["paid_cents", "refunded_cents", "status", "completed_at"])
    if newly_completed:
        _next_step_unlock(request)
    if kind == MovementKind.PAYMENT:
        payment_receipt_send(payment_request=request, movement=movement)
    payment_request.refresh_from_db()
    return movement


def _next_step_unlock(request: PaymentRequest) -> None:
    handler = payment_completed_handler_for(request.subject_type)
    if handler is None:
        return
    handler(request)
    payment_event_append(payment_request=request, kind=PaymentEventKind.NEXT_STEP_UNLOCKED)


@transaction.atomic
def payment_manual_record(
    *,
    actor: Actor,
    payment_request: PaymentRequest,
    amount_cents: int,
    booked_on: dt.date,
    note: str,
) -> PaymentMovement:
    """Staff record money received outside Loket's channels (cash or card at the counter)."""
    _require(actor, Permission.PAYMENTS_MANAGE, payment_request.municipality_id)
    if not note.strip():
        raise ValidationError({"note": _("Say how the money was received.")})
    return payment_movement_append(
        payment_request=payment_request,
        kind=MovementKind.PAYMENT,
        amount_cents=amount_cents,
        source=MovementSource.MANUAL,
        booked_at=booked_at_from_date(booked_on),
        payer_name=payment_request.payer_name,
        recorded_by_id=actor.user_id,
        note=note.strip(),
    )


def booked_at_from_date(day: dt.date) -> dt.datetime:
    """A booking date as the start of that day in Loket's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@transaction.atomic
def payment_request_cancel(
    *, actor: Actor, payment_request: PaymentRequest, reason: str
) -> PaymentRequest:
    """Cancel a request nothing was paid for yet (pay back first when money came in)."""
    _require(actor, Permission.PAYMENTS_MANAGE, payment_request.municipality_id)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the request is cancelled.")})
    request = _lock(payment_request)
    if request.status != PaymentStatus.OPEN or request.net_paid_cents != 0:
        raise ValidationError(_("Only an open request without payments can be cancelled."))
    _status_change(
        request,
        PaymentStatus.CANCELLED,
        by_user_id=actor.user_id,
        note=reason.strip()[:200],
        kind=PaymentEventKind.CANCELLED,
    )
    request.save(update_fields=["status"])
    payment_request.refresh_from_db()
    return request


@transaction.atomic
def payment_request_cancel_for_subject(
    *, payment_request: PaymentRequest, subject_type: str, subject_id: str | int, reason: str
) -> bool:
    """The subject's own domain cancels its request when the subject itself is cancelled
    (a refused or cancelled reservation); that domain's service has checked who may cancel
    the subject. Only the subject's own, still open and unpaid request is cancelled: the
    answer says whether it was (False: money came in, staff refund it through payments)."""
    request = _lock(payment_request)
    if request.subject_type != subject_type or request.subject_id != str(subject_id):
        raise ValueError("the payment request belongs to another subject")
    if request.status != PaymentStatus.OPEN or request.net_paid_cents != 0:
        return False
    _status_change(
        request,
        PaymentStatus.CANCELLED,
        by_user_id=None,
        note=reason.strip()[:200],
        kind=PaymentEventKind.CANCELLED,
    )
    request.save(update_fields=["status"])
    payment_request.refresh_from_db()
    return True
