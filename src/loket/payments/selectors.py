"""Reads of the payments domain, always scoped to what the actor may see.

Staff and integrations see the requests of the municipalities where they hold the
permission; a resident sees the requests they pay, and those of organisations they
represent. Another municipality's object answers 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Min, Q, QuerySet
from django.http import Http404

from loket.payments.models import (
    QUEUE_STATUSES,
    BankStatement,
    BankStatementLine,
    MunicipalityPaymentSettings,
    PaymentMovement,
    PaymentRequest,
    PaymentRequestEvent,
)
from loket.payments.workflow import OUTSTANDING_STATUSES
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:
    from loket.audit.models import AccessChannel, AccessPurpose


def payment_requests_visible_to(
    *, actor: Actor, permission: Permission = Permission.PAYMENTS_VIEW
) -> QuerySet[PaymentRequest]:
    requests = PaymentRequest.objects.select_related(
        "municipality", "payer_person", "payer_organisation"
    )
    if actor.is_resident and actor.person_id is not None:
        return requests.filter(
            Q(payer_person_id=actor.person_id)
            | Q(payer_organisation__representatives__id=actor.person_id)
        ).distinct()
    municipality_ids = actor.municipality_ids(permission)
    if not municipality_ids:
        return requests.none()
    return requests.filter(municipality_id__in=municipality_ids)


def payment_request_get_visible(
    *, actor: Actor, payment_request_id: int, permission: Permission = Permission.PAYMENTS_VIEW
) -> PaymentRequest:
    request = (
        payment_requests_visible_to(actor=actor, permission=permission)
        .filter(pk=payment_request_id)
        .first()
    )
    if request is None:
        raise Http404
    return request


def payment_request_read_for_purpose(
    *,
    actor: Actor,
    payment_request_id: int,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
) -> PaymentRequest:
    """One payment request with its payer, read for a purpose (404 when out of reach).
    Reading a resident payer's data is written to their access log, on behalf of the
    request's municipality."""
    from loket.audit.services import access_log_record

    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id
    )
    if payment_request.payer_person is not None:
        access_log_record(
            actor=actor,
            person=payment_request.payer_person,
            purpose=purpose,
            what=what,
            channel=channel,
            municipality_id=payment_request.municipality_id,
        )
    return payment_request


def payment_requests_search(
    *,
    actor: Actor,
    status: str = "",
    municipality_id: int | None = None,
    query: str = "",
) -> QuerySet[PaymentRequest]:
    """Staff list: filter by status, municipality and a structured communication or text."""
    requests = payment_requests_visible_to(actor=actor)
    if status:
        requests = requests.filter(status=status)
    if municipality_id is not None:
        requests = requests.filter(municipality_id=municipality_id)
    query = query.strip()
    if query:
        digits = "".join(character for character in query if character.isdigit())
        condition = Q(description__icontains=query) | Q(subject_id=query)
        if len(digits) == 12:
            condition |= Q(structured_communication=digits)
        requests = requests.filter(condition)
    return requests


def payment_movements_of(*, payment_request: PaymentRequest) -> QuerySet[PaymentMovement]:
    return PaymentMovement.objects.filter(payment_request=payment_request).select_related(
        "recorded_by", "statement_line", "online_payment"
    )


def payment_events_of(*, payment_request: PaymentRequest) -> QuerySet[PaymentRequestEvent]:
    return PaymentRequestEvent.objects.filter(payment_request=payment_request).select_related("by")


def payment_requests_of_subject(
    *, actor: Actor, subject_type: str, subject_id: str | int
) -> QuerySet[PaymentRequest]:
    return payment_requests_visible_to(actor=actor).filter(
        subject_type=subject_type, subject_id=str(subject_id)
    )


def payment_requests_overdue(*, today: dt.date) -> QuerySet[PaymentRequest]:
    """Every request still (partly) unpaid after its due date and not reminded for that
    date yet (for the reminder job, which acts for the system, not for an actor)."""
    return (
        PaymentRequest.objects.filter(status__in=OUTSTANDING_STATUSES, due_date__lt=today)
        .exclude(reminders__due_date=F("due_date"))
        .select_related("municipality", "payer_person", "payer_organisation")
        .order_by("due_date", "id")
    )


def residents_behind_on_payments(
    *, today: dt.date, minimum: int = 2, among: QuerySet[Any] | None = None
) -> Iterator[tuple[int, int, int, dt.date]]:
    """Residents with at least `minimum` requests of one municipality still (partly) unpaid
    after their due date, one row per resident and municipality: the resident's id, the
    municipality's id, the oldest overdue request's id and its due date. `among` (a query of
    person ids) narrows it to those residents. For the proactive service's nightly run,
    which acts for the system, not for an actor."""
    rows = PaymentRequest.objects.filter(
        payer_person__isnull=False, status__in=OUTSTANDING_STATUSES, due_date__lt=today
    )
    if among is not None:
        rows = rows.filter(payer_person_id__in=among)
    grouped = (
        rows.values("payer_person_id", "municipality_id")
        .annotate(overdue=Count("id"), first_id=Min("id"), first_due=Min("due_date"))
        .filter(overdue__gte=minimum)
        .order_by("payer_person_id", "municipality_id")
    )
    for row in grouped.iterator(chunk_size=2000):
        yield row["payer_person_id"], row["municipality_id"], row["first_id"], row["first_due"]


def payment_settings_visible_to(
    *, actor: Actor, municipality_id: int, permission: Permission = Permission.PAYMENTS_MANAGE
) -> MunicipalityPaymentSettings:
    if not actor.has(permission, municipality_id):
        raise Http404
    row, _created = MunicipalityPaymentSettings.objects.select_related(
        "municipality"
    ).get_or_create(municipality_id=municipality_id)
    return row


def payment_settings_public(*, municipality_id: int) -> MunicipalityPaymentSettings | None:
    """The bank details residents are shown to pay a request of the municipality."""
    return MunicipalityPaymentSettings.objects.filter(municipality_id=municipality_id).first()


def municipalities_for_payments(
    *, actor: Actor, permission: Permission = Permission.PAYMENTS_VIEW
) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=actor.municipality_ids(permission)).order_by(
        "name_nl"
    )


def reconciliation_queue(*, actor: Actor) -> QuerySet[BankStatementLine]:
    """Credits nobody could match yet, oldest first."""
    return (
        BankStatementLine.objects.filter(
            municipality_id__in=actor.municipality_ids(Permission.PAYMENTS_RECONCILE),
            status__in=QUEUE_STATUSES,
        )
        .select_related("municipality", "statement")
        .order_by("booking_date", "id")
    )


def statement_line_get_queued(*, actor: Actor, line_id: int) -> BankStatementLine:
    line = reconciliation_queue(actor=actor).filter(pk=line_id).first()
    if line is None:
        raise Http404
    return line


def statement_lines_visible_to(*, actor: Actor) -> QuerySet[BankStatementLine]:
    return BankStatementLine.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.PAYMENTS_RECONCILE)
    ).select_related("municipality", "payment_request")


def bank_statements_visible_to(*, actor: Actor) -> QuerySet[BankStatement]:
    return BankStatement.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.PAYMENTS_RECONCILE)
    ).select_related("municipality", "imported_by")


def candidates_for_line(*, actor: Actor, line: BankStatementLine) -> list[PaymentRequest]:
    """The requests the matcher suggested for a queued line (still visible to the actor)."""
    ids = [int(identifier) for identifier in line.candidate_ids or []]
    if not ids:
        return []
    return list(
        payment_requests_visible_to(actor=actor, permission=Permission.PAYMENTS_RECONCILE)
        .filter(pk__in=ids, municipality_id=line.municipality_id)
        .order_by("due_date", "id")
    )


def payment_movements_for_export(
    *, actor: Actor, municipality_id: int, date_from: dt.date, date_until: dt.date
) -> Iterator[PaymentMovement]:
    """The ledger rows of one municipality booked in a period, for the accounting system."""
    if not actor.has(Permission.PAYMENTS_VIEW, municipality_id):
        raise Http404
    return (
        PaymentMovement.objects.filter(
            payment_request__municipality_id=municipality_id,
            booked_at__date__gte=date_from,
            booked_at__date__lte=date_until,
        )
        .select_related("payment_request", "payment_request__municipality")
        .order_by("booked_at", "id")
        .iterator(chunk_size=2000)
    )
