"""API endpoints of payments: payment requests (with transfer details and EPC QR payload)
and bank statement import. Amounts are integers of cents."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import requires
from loket.payments.models import PaymentRequest, StatementSource
from loket.payments.reconciliation import statement_import
from loket.payments.selectors import (
    payment_request_get_visible,
    payment_requests_visible_to,
    payment_settings_public,
)
from loket.payments.services import payment_request_cancel, payment_request_create
from loket.payments.structured_communication import StructuredCommunication
from loket.payments.transfer_details import transfer_details_for
from loket.payments.workflow import PaymentStatus
from loket.people.models import Organisation, Person
from loket.people.selectors import organisations_visible_to, persons_visible_to
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

router = Router(tags=["payments"])


class PaymentRequestOut(Schema):
    id: int
    municipality_nis_code: str
    payer_person_id: int | None
    payer_organisation_id: int | None
    subject_type: str
    subject_id: str
    description: str
    amount_cents: int = Field(description="Amount asked, in euro cents.")
    paid_cents: int = Field(description="Received so far, in euro cents.")
    refunded_cents: int
    outstanding_cents: int
    due_date: dt.date
    status: PaymentStatus
    structured_communication: str = Field(description="As +++123/4567/89002+++.")
    created_at: dt.datetime
    completed_at: dt.datetime | None

    @staticmethod
    def resolve_municipality_nis_code(request: PaymentRequest) -> str:
        return request.municipality.nis_code

    @staticmethod
    def resolve_structured_communication(request: PaymentRequest) -> str:
        return StructuredCommunication(request.structured_communication).formatted


class TransferOut(Schema):
    beneficiary_name: str
    iban: str
    bic: str
    amount_cents: int
    communication: str
    epc_qr_payload: str = Field(description="EPC069-12 QR payload; encode with level M.")


class PaymentRequestDetailOut(PaymentRequestOut):
    transfer: TransferOut | None = Field(
        description="How to pay by bank transfer (null when nothing is due or no account)."
    )

    @staticmethod
    def resolve_transfer(payment_request: PaymentRequest) -> dict[str, object] | None:
        settings_row = payment_settings_public(municipality_id=payment_request.municipality_id)
        details = transfer_details_for(payment_request=payment_request, settings_row=settings_row)
        if details is None:
            return None
        return {
            "beneficiary_name": details.beneficiary_name,
            "iban": details.iban,
            "bic": details.bic,
            "amount_cents": details.amount_cents,
            "communication": details.communication,
            "epc_qr_payload": details.epc_payload,
        }


class PaymentRequestIn(Schema):
    municipality_nis_code: str = Field(max_length=10)
    payer_person_id: int | None = None
    payer_organisation_id: int | None = None
    subject_type: str = Field(max_length=40, examples=["case"])
    subject_id: str = Field(max_length=64)
    description: str = Field(max_length=140)
    amount_cents: int = Field(gt=0, description="Amount in euro cents (an integer).")
    due_date: dt.date


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=200)


class StatementImportOut(Schema):
    statements: int
    matched: int
    queued: int
    duplicates: int


@router.get("/payment-requests", response=list[PaymentRequestOut])
@requires(Permission.PAYMENTS_VIEW)
@paginate(PageNumberPagination)
def payment_requests_list(
    request: HttpRequest,
    status: PaymentStatus | None = None,
    subject_type: str | None = None,
    subject_id: str | None = None,
) -> QuerySet[PaymentRequest]:
    requests = payment_requests_visible_to(actor=actor_of(request)).order_by("-created_at", "-id")
    if status is not None:
        requests = requests.filter(status=status)
    if subject_type:
        requests = requests.filter(subject_type=subject_type)
    if subject_id:
        requests = requests.filter(subject_id=subject_id)
    return requests


def _detail(payment_request: PaymentRequest) -> PaymentRequestDetailOut:
    return PaymentRequestDetailOut.from_orm(payment_request)


@router.get("/payment-requests/{payment_request_id}", response=PaymentRequestDetailOut)
@requires(Permission.PAYMENTS_VIEW)
def payment_request_detail(
    request: HttpRequest, payment_request_id: int
) -> PaymentRequestDetailOut:
    payment_request = payment_request_get_visible(
        actor=actor_of(request), payment_request_id=payment_request_id
    )
    return _detail(payment_request)


@router.post("/payment-requests", response={201: PaymentRequestDetailOut})
@requires(Permission.PAYMENTS_MANAGE)
def payment_request_create_endpoint(
    request: HttpRequest, payload: PaymentRequestIn
) -> Status[PaymentRequestDetailOut]:
    actor = actor_of(request)
    municipality = Municipality.objects.filter(
        nis_code=payload.municipality_nis_code,
        pk__in=actor.municipality_ids(Permission.PAYMENTS_MANAGE),
    ).first()
    if municipality is None:
        raise Http404
    # The payer is looked up among those the actor may bill: one of another municipality
    # answers exactly like an id nobody has.
    payer: Person | Organisation | None = None
    if payload.payer_person_id is not None and payload.payer_organisation_id is None:
        payer = (
            persons_visible_to(actor=actor, permission=Permission.PAYMENTS_MANAGE)
            .filter(pk=payload.payer_person_id)
            .first()
        )
    elif payload.payer_organisation_id is not None and payload.payer_person_id is None:
        payer = (
            organisations_visible_to(actor=actor, permission=Permission.PAYMENTS_MANAGE)
            .filter(pk=payload.payer_organisation_id)
            .first()
        )
    if payer is None:
        raise ValidationError(
            {"payer_person_id": [_("Give one existing payer: a person or an organisation.")]}
        )
    created = payment_request_create(
        actor=actor,
        municipality=municipality,
        payer=payer,
        subject_type=payload.subject_type,
        subject_id=payload.subject_id,
        description=payload.description,
        amount_cents=payload.amount_cents,
        due_date=payload.due_date,
    )
    return Status(
        201, _detail(payment_request_get_visible(actor=actor, payment_request_id=created.pk))
    )


@router.post("/payment-requests/{payment_request_id}/cancel", response=PaymentRequestDetailOut)
@requires(Permission.PAYMENTS_MANAGE)
def payment_request_cancel_endpoint(
    request: HttpRequest, payment_request_id: int, payload: CancelIn
) -> PaymentRequestDetailOut:
    actor = actor_of(request)
    payment_request = payment_request_get_visible(
        actor=actor, payment_request_id=payment_request_id, permission=Permission.PAYMENTS_MANAGE
    )
    payment_request_cancel(actor=actor, payment_request=payment_request, reason=payload.reason)
    return _detail(payment_request_get_visible(actor=actor, payment_request_id=payment_request_id))


@router.post("/bank-statements", response={201: StatementImportOut})
@requires(Permission.PAYMENTS_RECONCILE)
def bank_statement_import(
    request: HttpRequest,
    file: File[UploadedFile],
) -> Status[StatementImportOut]:
    """Import a CAMT.053 or CODA file; importing the same statement again changes nothing."""
    result = statement_import(
        actor=actor_of(request),
        content=file.read(),
        file_name=file.name or "",
        source=StatementSource.API,
    )
    return Status(
        201,
        StatementImportOut(
            statements=len(result.statements),
            matched=result.matched,
            queued=result.queued,
            duplicates=result.duplicates,
        ),
    )
