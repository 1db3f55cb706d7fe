"""Payment requests and their append-only ledger: statuses, handlers, permissions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from loket.payments.handlers import (
    payment_completed_handler_register,
    payment_completed_handler_unregister,
)
from loket.payments.models import (
    MovementKind,
    MovementSource,
    PaymentEventKind,
    PaymentMovement,
    PaymentRequest,
    PaymentRequestEvent,
)
from loket.payments.online import payment_refund
from loket.payments.services import (
    booked_at_from_date,
    payment_manual_record,
    payment_movement_append,
    payment_request_cancel,
    payment_request_create,
)
from loket.payments.workflow import PaymentStatus
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member
from tests.payments.conftest import person, request_for

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 2)


def _pay(request, cents, reference=""):
    with transaction.atomic():
        return payment_movement_append(
            payment_request=request,
            kind=MovementKind.PAYMENT,
            amount_cents=cents,
            source=MovementSource.BANK_TRANSFER,
            booked_at=booked_at_from_date(TODAY),
            reference=reference,
        )


@pytest.fixture
def jan(municipality):
    return person(municipality, "Jan", "Peeters")


@pytest.fixture
def fee(municipality, payment_settings, manager_actor, jan):
    return request_for(manager_actor, municipality, jan, 2500)


def test_a_request_gets_a_structured_communication_and_a_history(fee, manager):
    assert fee.structured_communication == "123400000148"
    assert fee.status == PaymentStatus.OPEN
    event = PaymentRequestEvent.objects.get(payment_request=fee)
    assert (event.kind, event.to_status, event.by) == (
        PaymentEventKind.CREATED,
        PaymentStatus.OPEN,
        manager,
    )


def test_structured_communications_are_unique_per_municipality(
    municipality, other_municipality, payment_settings, manager_actor, jan
):
    created = [request_for(manager_actor, municipality, jan, 100) for _ in range(5)]
    digits = [request.structured_communication for request in created]
    assert len(set(digits)) == 5
    assert digits[1] == "123400000249"
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRequest.objects.filter(pk=created[1].pk).update(structured_communication=digits[0])
    # another municipality counts on its own: the same number may be used there
    other_admin = actor_for_user(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    # (a municipality bills its own residents: jan lives in the first one)
    theirs = request_for(
        other_admin, other_municipality, PersonFactory(municipality=other_municipality), 100
    )
    assert theirs.structured_communication == "000000000101"


def test_numbers_taken_already_are_skipped(municipality, payment_settings, manager_actor, jan):
    first = request_for(manager_actor, municipality, jan, 100)
    PaymentRequest.objects.filter(pk=first.pk).update(structured_communication="123400000249")
    second = request_for(manager_actor, municipality, jan, 100)
    assert second.structured_communication == "123400000350"


def test_status_follows_the_ledger(fee):
    _pay(fee, 1000)
    assert (fee.status, fee.paid_cents, fee.outstanding_cents) == (
        PaymentStatus.PARTIALLY_PAID,
        1000,
        1500,
    )
    _pay(fee, 1500)
    assert fee.status == PaymentStatus.PAID
    _pay(fee, 100)
    assert (fee.status, fee.paid_cents) == (PaymentStatus.OVERPAID, 2600)
    changes = list(
        PaymentRequestEvent.objects.filter(
            payment_request=fee, kind=PaymentEventKind.STATUS_CHANGED
        ).values_list("from_status", "to_status")
    )
    assert changes == [
        ("open", "partially_paid"),
        ("partially_paid", "paid"),
        ("paid", "overpaid"),
    ]


def test_the_ledger_cannot_be_changed_or_deleted(fee):
    movement = _pay(fee, 2500)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        PaymentMovement.objects.filter(pk=movement.pk).update(amount_cents=1)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        PaymentMovement.objects.filter(pk=movement.pk).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        PaymentRequestEvent.objects.filter(payment_request=fee).update(note="changed")
    movement.refresh_from_db()
    assert movement.amount_cents == 2500


def test_amounts_are_positive_whole_cents(fee):
    with pytest.raises(TypeError, match="whole numbers of cents"):
        _pay(fee, 25.0)
    with pytest.raises(TypeError):
        _pay(fee, True)
    with pytest.raises(ValidationError):
        _pay(fee, 0)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO payments_paymentmovement (payment_request_id, kind, amount_cents, "
            "source, reference, payer_name, payer_iban, booked_at, recorded_at, note) VALUES "
            "(%s, 'payment', -5, 'manual', '', '', '', now(), now(), '')",
            [fee.pk],
        )
    assert fee.movements.count() == 0


def test_the_same_bank_line_is_booked_once(fee):
    _pay(fee, 1000, reference="line-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        _pay(fee, 1000, reference="line-1")
    fee.refresh_from_db()
    assert fee.paid_cents == 1000


def test_paying_in_full_calls_the_subject_handler_once_in_the_transaction(fee):
    seen = []

    def case_moves_on(request):
        seen.append((request.pk, request.status))

    payment_completed_handler_register("test_fee", case_moves_on)
    try:
        _pay(fee, 1000)
        assert seen == []
        _pay(fee, 1500)
        _pay(fee, 500)  # overpaid: the next step was unlocked already
    finally:
        payment_completed_handler_unregister("test_fee")
    assert seen == [(fee.pk, PaymentStatus.PAID)]
    assert fee.completed_at is not None
    assert (
        PaymentRequestEvent.objects.filter(
            payment_request=fee, kind=PaymentEventKind.NEXT_STEP_UNLOCKED
        ).count()
        == 1
    )


def test_a_failing_handler_rolls_the_payment_back(fee):
    def broken(request):
        raise RuntimeError("the case cannot move on")

    payment_completed_handler_register("test_fee", broken)
    try:
        with pytest.raises(RuntimeError):
            _pay(fee, 2500)
    finally:
        payment_completed_handler_unregister("test_fee")
    fee.refresh_from_db()
    assert (fee.status, fee.paid_cents, fee.movements.count()) == (PaymentStatus.OPEN, 0, 0)


def test_manual_payment_cancel_and_refund(fee, manager_actor):
    payment_manual_record(
        actor=manager_actor, payment_request=fee, amount_cents=2500, booked_on=TODAY, note="kaart"
    )
    assert fee.status == PaymentStatus.PAID
    with pytest.raises(ValidationError, match="Only an open request"):
        payment_request_cancel(actor=manager_actor, payment_request=fee, reason="fout")
    with pytest.raises(ValidationError, match="more than what was paid"):
        payment_refund(actor=manager_actor, payment_request=fee, amount_cents=2501, note="x")
    refund = payment_refund(
        actor=manager_actor, payment_request=fee, amount_cents=2500, note="dubbel"
    )
    assert (refund.kind, refund.source, refund.reference) == (
        MovementKind.REFUND,
        MovementSource.REFUND,
        "",
    )
    assert (fee.status, fee.refunded_cents) == (PaymentStatus.REFUNDED, 2500)
    with pytest.raises(ValidationError, match="closed"):
        _pay(fee, 100)


def test_an_overpayment_refund_brings_the_request_back_to_paid(fee, manager_actor):
    _pay(fee, 3000)
    payment_refund(actor=manager_actor, payment_request=fee, amount_cents=500, note="te veel")
    assert (fee.status, fee.net_paid_cents) == (PaymentStatus.PAID, 2500)


def test_cancel_an_open_request(fee, manager_actor):
    payment_request_cancel(actor=manager_actor, payment_request=fee, reason="dubbel aangemaakt")
    assert fee.status == PaymentStatus.CANCELLED
    event = PaymentRequestEvent.objects.get(payment_request=fee, kind=PaymentEventKind.CANCELLED)
    assert (event.from_status, event.to_status, event.note) == (
        "open",
        "cancelled",
        "dubbel aangemaakt",
    )


def test_who_may_ask_for_payments(municipality, other_municipality, payment_settings, jan):
    handler = actor_for_user(staff_member(municipality, Role.HANDLER))  # payments.view only
    outsider = actor_for_user(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    someone_else = actor_for_resident(PersonFactory(municipality=municipality).pk)
    for actor in (handler, outsider, someone_else):
        with pytest.raises(PermissionDenied):
            request_for(actor, municipality, jan, 2500)
    assert PaymentRequest.objects.count() == 0
    assert PaymentRequestEvent.objects.count() == 0
    # a resident may ask a fee of themselves (a reservation they make)
    own = request_for(
        actor_for_resident(jan.pk), municipality, jan, 2500, subject_type="reservation"
    )
    assert own.payer_person == jan


def test_staff_without_manage_permission_change_nothing(fee, municipality):
    handler = actor_for_user(staff_member(municipality, Role.HANDLER))
    with pytest.raises(PermissionDenied):
        payment_manual_record(
            actor=handler, payment_request=fee, amount_cents=2500, booked_on=TODAY, note="x"
        )
    with pytest.raises(PermissionDenied):
        payment_request_cancel(actor=handler, payment_request=fee, reason="x")
    with pytest.raises(PermissionDenied):
        payment_refund(actor=handler, payment_request=fee, amount_cents=1, note="x")
    fee.refresh_from_db()
    assert (fee.status, fee.movements.count()) == (PaymentStatus.OPEN, 0)


def test_organisation_payer(municipality, payment_settings, manager_actor):
    from loket.people.models import Organisation
    from loket.people.validators import enterprise_number_build

    organisation = Organisation.objects.create(
        region=municipality.region,
        municipality=municipality,
        enterprise_number=enterprise_number_build(20743746),
        name="Vzw De Speelpleinwerking",
    )
    request = payment_request_create(
        actor=manager_actor,
        municipality=municipality,
        payer=organisation,
        subject_type="reservation",
        subject_id=7,
        description="Zaalhuur",
        amount_cents=5000,
        due_date=TODAY,
    )
    assert (request.payer_organisation, request.payer_person, request.payer_name) == (
        organisation,
        None,
        "Vzw De Speelpleinwerking",
    )
