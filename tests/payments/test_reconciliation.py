"""Importing statements: matched, unmatched, duplicate import, partial and over-payments,
wrong check digits - with the hand-written CAMT.053 and CODA files."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loket.payments.models import (
    BankStatement,
    BankStatementLine,
    LineReason,
    LineStatus,
    MatchMethod,
    MovementSource,
    PaymentMovement,
)
from loket.payments.reconciliation import (
    statement_import,
    statement_line_assign,
    statement_line_ignore,
)
from loket.payments.workflow import PaymentStatus
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import staff_member
from tests.payments.conftest import FILES

pytestmark = pytest.mark.django_db

STATEMENTS = ["camt053_v02.xml", "coda_2_6.cod"]


@pytest.fixture
def unrelated_prefix(payment_settings):
    """Requests whose structured communications appear in none of the statement files."""
    payment_settings.communication_prefix = "5555"
    payment_settings.save()
    return payment_settings


def _import(actor, name):
    return statement_import(actor=actor, content=(FILES / name).read_bytes(), file_name=name)


@pytest.mark.parametrize("name", STATEMENTS)
def test_a_statement_is_matched_and_booked(name, four_requests, manager_actor):
    result = _import(manager_actor, name)
    assert (result.matched, result.queued, result.duplicates, result.debits) == (4, 2, 0, 1)
    for request in four_requests.values():
        request.refresh_from_db()
    jan, marie, lotte, pieter = (four_requests[k] for k in ("jan", "marie", "lotte", "pieter"))
    # structured communication in the structured field: paid in full
    assert (jan.status, jan.paid_cents) == (PaymentStatus.PAID, 2500)
    # a partial payment is recorded as such
    assert (marie.status, marie.paid_cents, marie.outstanding_cents) == (
        PaymentStatus.PARTIALLY_PAID,
        2000,
        3000,
    )
    # found in the free message; more than asked is an overpayment
    assert (lotte.status, lotte.paid_cents) == (PaymentStatus.OVERPAID, 1750)
    # wrong check digits, but the amount and the payer's name match
    assert (pieter.status, pieter.paid_cents) == (PaymentStatus.PAID, 3000)
    methods = dict(
        BankStatementLine.objects.filter(status=LineStatus.MATCHED).values_list(
            "payment_request__subject_id", "match_method"
        )
    )
    assert methods == {
        "101": MatchMethod.STRUCTURED_COMMUNICATION,
        "102": MatchMethod.STRUCTURED_COMMUNICATION,
        "103": MatchMethod.STRUCTURED_COMMUNICATION,
        "104": MatchMethod.AMOUNT_AND_PAYER,
    }
    movement = PaymentMovement.objects.get(payment_request=jan)
    assert movement.source == MovementSource.BANK_TRANSFER
    assert movement.payer_iban == "BE71096123456769"
    assert movement.statement_line is not None


@pytest.mark.parametrize("name", STATEMENTS)
def test_unmatched_lines_wait_in_the_queue_with_a_reason(name, four_requests, manager_actor):
    _import(manager_actor, name)
    queued = {
        line.amount_cents: (line.status, line.status_reason, line.structured_communication)
        for line in BankStatementLine.objects.exclude(status=LineStatus.MATCHED)
    }
    assert queued == {
        1234: (LineStatus.UNMATCHED, LineReason.NO_REQUEST_FOR_AMOUNT, ""),
        9999: (LineStatus.UNMATCHED, LineReason.WRONG_CHECK_DIGITS, "111111111111"),
    }


@pytest.mark.parametrize("name", STATEMENTS)
def test_importing_the_same_statement_again_changes_nothing(name, four_requests, manager_actor):
    _import(manager_actor, name)
    counts = (
        BankStatement.objects.count(),
        BankStatementLine.objects.count(),
        PaymentMovement.objects.count(),
    )
    again = _import(manager_actor, name)
    assert (again.matched, again.queued, again.duplicates) == (0, 0, 6)
    assert again.statements == []
    assert (
        BankStatement.objects.count(),
        BankStatementLine.objects.count(),
        PaymentMovement.objects.count(),
    ) == counts
    four_requests["jan"].refresh_from_db()
    assert four_requests["jan"].paid_cents == 2500


def test_camt_08_after_02_completes_the_partial_payment(four_requests, manager_actor):
    _import(manager_actor, "camt053_v02.xml")
    result = _import(manager_actor, "camt053_v08.xml")
    assert (result.matched, result.queued) == (1, 1)
    marie = four_requests["marie"]
    marie.refresh_from_db()
    assert (marie.status, marie.paid_cents) == (PaymentStatus.PAID, 5000)


def test_globalised_coda_movement_books_each_detail(four_requests, manager_actor):
    _import(manager_actor, "coda_globalised.cod")
    jan, lotte = four_requests["jan"], four_requests["lotte"]
    jan.refresh_from_db()
    lotte.refresh_from_db()
    assert (jan.paid_cents, lotte.paid_cents) == (2500, 1500)


def test_ambiguous_when_one_payer_owes_the_same_amount_twice(
    municipality, unrelated_prefix, manager_actor
):
    from tests.payments.conftest import person, request_for

    pieter = person(municipality, "Pieter", "Claes")
    request_for(manager_actor, municipality, pieter, 3000, subject_id="a")
    request_for(manager_actor, municipality, pieter, 3000, subject_id="b")
    _import(manager_actor, "camt053_v02.xml")
    line = BankStatementLine.objects.get(amount_cents=3000)
    assert line.status == LineStatus.AMBIGUOUS
    assert line.status_reason == LineReason.WRONG_CHECK_DIGITS
    assert len(line.candidate_ids) == 2
    assert PaymentMovement.objects.count() == 0


def test_the_amount_alone_is_not_enough(municipality, unrelated_prefix, manager_actor):
    from tests.payments.conftest import person, request_for

    other = person(municipality, "Sofie", "Maes")
    owed = request_for(manager_actor, municipality, other, 1234)
    _import(manager_actor, "camt053_v02.xml")
    line = BankStatementLine.objects.get(amount_cents=1234)
    assert (line.status, line.status_reason) == (
        LineStatus.UNMATCHED,
        LineReason.PAYER_NOT_RECOGNISED,
    )
    assert line.candidate_ids == [owed.pk]
    owed.refresh_from_db()
    assert owed.paid_cents == 0


def test_staff_book_a_queued_line_on_the_right_request(
    municipality, four_requests, unrelated_prefix, manager_actor
):
    from tests.payments.conftest import person, request_for

    club = request_for(
        manager_actor, municipality, person(municipality, "Tom", "Wouters"), 1234, subject_id="x"
    )
    _import(manager_actor, "camt053_v02.xml")
    line = BankStatementLine.objects.get(amount_cents=1234)
    statement_line_assign(actor=manager_actor, line=line, payment_request=club, note="belde")
    line.refresh_from_db()
    club.refresh_from_db()
    assert (line.status, line.match_method, line.handled_by) == (
        LineStatus.RECONCILED,
        MatchMethod.STAFF,
        manager_actor.user,
    )
    assert (club.status, club.paid_cents) == (PaymentStatus.PAID, 1234)
    with pytest.raises(ValidationError, match="handled already"):
        statement_line_assign(actor=manager_actor, line=line, payment_request=club)
    ignored = BankStatementLine.objects.get(amount_cents=9999)
    statement_line_ignore(actor=manager_actor, line=ignored, note="subsidie provincie")
    ignored.refresh_from_db()
    assert ignored.status == LineStatus.IGNORED
    assert PaymentMovement.objects.filter(statement_line=ignored).count() == 0


def test_a_statement_of_an_unknown_account_is_refused(four_requests, manager_actor):
    content = (
        (FILES / "camt053_v02.xml").read_bytes().replace(b"BE68539007547034", b"BE71096123456769")
    )
    with pytest.raises(ValidationError, match="not the account of any municipality"):
        statement_import(actor=manager_actor, content=content, file_name="x.xml")
    assert BankStatementLine.objects.count() == 0


def test_staff_without_reconcile_permission_import_nothing(municipality, four_requests):
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    with pytest.raises(PermissionDenied):
        _import(clerk, "coda_2_6.cod")
    assert BankStatement.objects.count() == 0
    assert PaymentMovement.objects.count() == 0


def test_staff_of_another_municipality_cannot_import_or_reconcile(
    other_municipality, four_requests, manager_actor
):
    outsider = actor_for_user(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    with pytest.raises(PermissionDenied):
        _import(outsider, "coda_2_6.cod")
    assert BankStatementLine.objects.count() == 0
    _import(manager_actor, "coda_2_6.cod")
    line = BankStatementLine.objects.get(amount_cents=1234)
    with pytest.raises(PermissionDenied):
        statement_line_ignore(actor=outsider, line=line, note="niet van ons")
    line.refresh_from_db()
    assert line.status == LineStatus.UNMATCHED


def test_a_payment_for_a_cancelled_request_waits_for_staff(
    municipality, payment_settings, manager_actor
):
    from loket.payments.services import payment_request_cancel
    from tests.payments.conftest import person, request_for

    jan = request_for(manager_actor, municipality, person(municipality, "Jan", "Peeters"), 2500)
    payment_request_cancel(actor=manager_actor, payment_request=jan, reason="dubbel")
    _import(manager_actor, "camt053_v02.xml")
    line = BankStatementLine.objects.get(amount_cents=2500)
    assert (line.status, line.status_reason, line.candidate_ids) == (
        LineStatus.UNMATCHED,
        LineReason.REQUEST_CLOSED,
        [jan.pk],
    )
    jan.refresh_from_db()
    assert (jan.status, jan.paid_cents) == (PaymentStatus.CANCELLED, 0)


def test_a_structured_communication_of_no_request_says_so(
    municipality, payment_settings, manager_actor
):
    from tests.payments.conftest import person, request_for

    request_for(manager_actor, municipality, person(municipality, "Jan", "Peeters"), 2500)
    _import(manager_actor, "coda_2_6.cod")
    reasons = dict(
        BankStatementLine.objects.exclude(status=LineStatus.MATCHED).values_list(
            "amount_cents", "status_reason"
        )
    )
    assert reasons == {
        2000: LineReason.UNKNOWN_COMMUNICATION,  # +++123/4000/00249+++: no such request
        1750: LineReason.UNKNOWN_COMMUNICATION,  # named in the free message
        3000: LineReason.WRONG_CHECK_DIGITS,
        1234: LineReason.NO_REQUEST_FOR_AMOUNT,
        9999: LineReason.WRONG_CHECK_DIGITS,
    }
