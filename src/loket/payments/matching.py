"""Which payment request a credit on the bank account pays.

1. A Belgian structured communication - from the field the bank marks as one, or written in
   the free message - that belongs to a request of the municipality decides.
2. Otherwise: requests whose outstanding amount equals the credit, narrowed to those whose
   payer the credit comes from (the same account paid for this payer before, or the name
   on the transfer is the payer's name). One such request: matched. Several: ambiguous.
   None: unmatched, with the amount-only candidates kept as suggestions for staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from loket.payments.models import (
    LineReason,
    LineStatus,
    MatchMethod,
    PaymentMovement,
    PaymentRequest,
)
from loket.payments.structured_communication import (
    structured_communication_is_valid_digits,
    structured_communications_in_text,
)
from loket.payments.workflow import OUTSTANDING_STATUSES, RECEIVING_STATUSES
from loket.people.services import name_normalise

MAXIMUM_CANDIDATES = 20
_NAME_NOISE = {"mr", "mrs", "ms", "dhr", "mevr", "m", "mme", "heer", "mevrouw", "en", "et", "and"}


@dataclass
class MatchResult:
    status: LineStatus
    payment_request: PaymentRequest | None = None
    method: str = ""
    candidate_ids: list[int] = field(default_factory=list)
    reason: str = ""  # a LineReason value
    structured_communication: str = ""


def _name_tokens(name: str) -> set[str]:
    return {token for token in name_normalise(name).split() if token not in _NAME_NOISE}


def payer_name_matches(transfer_name: str, request: PaymentRequest) -> bool:
    """The name on the transfer is the payer's: all words of the last name (or of the
    organisation's name) and at least one first name appear in it."""
    given = _name_tokens(transfer_name)
    if not given:
        return False
    if request.payer_person is not None:
        last = _name_tokens(request.payer_person.last_name)
        first = _name_tokens(request.payer_person.first_names)
        return bool(last) and last <= given and bool(first & given)
    if request.payer_organisation is not None:
        organisation = _name_tokens(request.payer_organisation.name)
        return bool(organisation) and organisation <= given
    return False


def payer_account_matches(iban: str, request: PaymentRequest) -> bool:
    """This account paid for the same payer before (a learned link, never a guess)."""
    if not iban:
        return False
    earlier = PaymentMovement.objects.filter(payer_iban=iban)
    if request.payer_person_id is not None:
        return earlier.filter(payment_request__payer_person_id=request.payer_person_id).exists()
    return earlier.filter(
        payment_request__payer_organisation_id=request.payer_organisation_id
    ).exists()


def _requests_of(municipality_id: int) -> QuerySet[PaymentRequest]:
    return PaymentRequest.objects.filter(municipality_id=municipality_id).select_related(
        "payer_person", "payer_organisation"
    )


def _by_structured_communication(
    municipality_id: int, structured_reference: str, message: str
) -> MatchResult | None:
    communications = [c.digits for c in structured_communications_in_text(message)]
    if structured_reference and structured_communication_is_valid_digits(structured_reference):
        communications.insert(0, structured_reference)
    if not communications:
        return None
    requests = list(
        _requests_of(municipality_id).filter(structured_communication__in=communications)
    )
    if not requests:
        return None
    if len(requests) > 1:
        return MatchResult(
            status=LineStatus.AMBIGUOUS,
            candidate_ids=[r.pk for r in requests],
            reason=LineReason.SEVERAL_REQUESTS_NAMED,
        )
    request = requests[0]
    if request.status not in RECEIVING_STATUSES:
        return MatchResult(
            status=LineStatus.UNMATCHED,
            candidate_ids=[request.pk],
            reason=LineReason.REQUEST_CLOSED,
            structured_communication=request.structured_communication,
        )
    return MatchResult(
        status=LineStatus.MATCHED,
        payment_request=request,
        method=MatchMethod.STRUCTURED_COMMUNICATION,
        structured_communication=request.structured_communication,
    )


def _by_amount_and_payer(
    municipality_id: int, amount_cents: int, name: str, iban: str
) -> MatchResult:
    candidates = list(
        _requests_of(municipality_id)
        .filter(status__in=OUTSTANDING_STATUSES)
        .annotate(outstanding=F("amount_cents") - F("paid_cents") + F("refunded_cents"))
        .filter(outstanding=amount_cents)
        .order_by("due_date", "id")[:MAXIMUM_CANDIDATES]
    )
    if not candidates:
        return MatchResult(status=LineStatus.UNMATCHED, reason=LineReason.NO_REQUEST_FOR_AMOUNT)
    recognised = [
        request
        for request in candidates
        if payer_account_matches(iban, request) or payer_name_matches(name, request)
    ]
    if len(recognised) == 1:
        return MatchResult(
            status=LineStatus.MATCHED,
            payment_request=recognised[0],
            method=MatchMethod.AMOUNT_AND_PAYER,
        )
    if len(recognised) > 1:
        return MatchResult(
            status=LineStatus.AMBIGUOUS,
            candidate_ids=[r.pk for r in recognised],
            reason=LineReason.SEVERAL_REQUESTS_OF_PAYER,
        )
    return MatchResult(
        status=LineStatus.UNMATCHED,
        candidate_ids=[r.pk for r in candidates],
        reason=LineReason.PAYER_NOT_RECOGNISED,
    )


def bank_credit_match(
    *,
    municipality_id: int,
    amount_cents: int,
    structured_reference: str,
    message: str,
    counterparty_name: str,
    counterparty_iban: str,
) -> MatchResult:
    """Find the request a credit pays (see the module description)."""
    result = _by_structured_communication(municipality_id, structured_reference, message)
    if result is not None:
        return result
    result = _by_amount_and_payer(
        municipality_id, amount_cents, counterparty_name, counterparty_iban
    )
    if result.status == LineStatus.MATCHED:
        return result
    if structured_reference and not structured_communication_is_valid_digits(structured_reference):
        result.reason = LineReason.WRONG_CHECK_DIGITS
    elif result.status == LineStatus.UNMATCHED and not result.candidate_ids:
        named = structured_communications_in_text(message)
        if structured_reference or named:
            result.reason = LineReason.UNKNOWN_COMMUNICATION
    return result
