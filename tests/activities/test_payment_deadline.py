"""A confirmed place not paid in time goes to the waiting list: the activity's payment time
(`payment_days`) sets each place's deadline when it is confirmed; the periodic sweep then
cancels the payment request, offers the seat to the first waiting and tells the family.
All with real time arithmetic (the services take `now`)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from loket.activities.models import Registration, RegistrationEvent
from loket.activities.services import (
    registered_follow_up,
    registration_create,
    registration_offer_accept,
    registrations_sweep,
)
from loket.activities.workflow import RegistrationStatus
from loket.notify.models import Notification
from loket.payments.models import OnlinePayment, PaymentRequest
from loket.payments.services import payment_manual_record
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from tests.activities.helpers import activity_with_period, admin_actor, family

pytestmark = pytest.mark.django_db
S = RegistrationStatus
# Registration has been open for ten days; the first parent registered four days ago.
T0 = timezone.now() - dt.timedelta(days=4)
OPEN = {
    "opens_residents_at": timezone.now() - dt.timedelta(days=10),
    "opens_everyone_at": timezone.now() - dt.timedelta(days=9),
}


def _register(parent, child, period, now, key="k"):  # type: ignore[no-untyped-def]
    registration = registration_create(
        actor=actor_for_resident(parent.pk),
        period_id=period.pk,
        child_id=child.pk,
        idempotency_key=key,
        now=now,
    ).registration
    return registered_follow_up(registration_id=registration.pk)  # the job: payment, message


def _full_period_with_a_waiting_child(municipality, payment_days=3):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(
        municipality, capacity=1, payment_days=payment_days, **OPEN
    )
    first_parent, (first,) = family(municipality, name="Eerst")
    second_parent, (second,) = family(municipality, name="Tweede")
    confirmed = _register(first_parent, first, period, T0, key="a")
    waiting = _register(second_parent, second, period, T0 + dt.timedelta(hours=1), key="b")
    return confirmed, waiting


def test_a_confirmed_place_gets_the_activitys_payment_time_as_its_deadline(
    municipality: Municipality,
) -> None:
    confirmed, waiting = _full_period_with_a_waiting_child(municipality, payment_days=3)

    assert confirmed.status == S.CONFIRMED
    assert confirmed.payment_due_at == T0 + dt.timedelta(days=3)
    assert waiting.payment_due_at is None
    request = PaymentRequest.objects.get(pk=confirmed.payment_request_id)
    assert request.due_date == timezone.localdate(T0 + dt.timedelta(days=3))
    told = Notification.objects.get(event="activities.confirmed", person=confirmed.parent)
    assert told.context["pay_before"] == (T0 + dt.timedelta(days=3)).isoformat()


def test_an_unpaid_place_is_released_at_its_deadline_and_the_first_waiting_is_offered_it(
    municipality: Municipality,
) -> None:
    confirmed, waiting = _full_period_with_a_waiting_child(municipality, payment_days=3)
    deadline = T0 + dt.timedelta(days=3)

    assert registrations_sweep(now=deadline - dt.timedelta(minutes=1)) == 0
    assert Registration.objects.get(pk=confirmed.pk).status == S.CONFIRMED

    moved = registrations_sweep(now=deadline + dt.timedelta(minutes=1))

    released = Registration.objects.get(pk=confirmed.pk)
    offered = Registration.objects.get(pk=waiting.pk)
    assert moved == 1
    assert (released.status, released.seat_id) == (S.RELEASED, None)
    assert (offered.status, offered.seat_id) == (S.OFFERED, confirmed.seat_id)
    assert offered.offer_expires_at == deadline + dt.timedelta(minutes=1, hours=48)
    request = PaymentRequest.objects.get(pk=confirmed.payment_request_id)
    assert request.status == "cancelled"
    assert list(
        RegistrationEvent.objects.filter(registration=released).values_list(
            "kind", "from_status", "to_status"
        )
    ) == [("created", "", "confirmed"), ("released", "confirmed", "released")]
    told = Notification.objects.get(event="activities.released", person=confirmed.parent)
    assert told.context["deadline"] == deadline.isoformat()
    assert told.context["child"] == confirmed.child.first_names.split(" ")[0]
    assert Notification.objects.filter(event="activities.offered", person=waiting.parent).exists()
    # A second sweep changes nothing more.
    assert registrations_sweep(now=deadline + dt.timedelta(minutes=2)) == 0


def test_an_accepted_offer_gets_its_own_deadline_from_the_moment_it_is_accepted(
    municipality: Municipality,
) -> None:
    _confirmed, waiting = _full_period_with_a_waiting_child(municipality, payment_days=3)
    released_at = T0 + dt.timedelta(days=3, minutes=1)
    registrations_sweep(now=released_at)
    accepted_at = released_at + dt.timedelta(hours=5)

    accepted = registration_offer_accept(
        actor=actor_for_resident(waiting.parent_id), registration_id=waiting.pk, now=accepted_at
    )

    assert accepted.status == S.CONFIRMED
    assert accepted.payment_due_at == accepted_at + dt.timedelta(days=3)


def test_a_paid_or_partly_paid_place_is_kept(municipality: Municipality) -> None:
    confirmed, _waiting = _full_period_with_a_waiting_child(municipality)
    request = PaymentRequest.objects.get(pk=confirmed.payment_request_id)
    payment_manual_record(
        actor=admin_actor(municipality),
        payment_request=request,
        amount_cents=1000,
        booked_on=timezone.localdate(),
        note="Cash, the rest next week",
    )

    assert registrations_sweep(now=T0 + dt.timedelta(days=30)) == 0
    assert Registration.objects.get(pk=confirmed.pk).status == S.CONFIRMED


def test_a_checkout_under_way_keeps_the_place_for_an_hour(municipality: Municipality) -> None:
    confirmed, _waiting = _full_period_with_a_waiting_child(municipality, payment_days=3)
    checkout = OnlinePayment.objects.create(
        payment_request_id=confirmed.payment_request_id,
        municipality=municipality,
        provider="demo",
        provider_reference="checkout-1",
        amount_cents=confirmed.price_cents,
        checkout_url="https://pay.example/checkout-1",
    )
    started = checkout.created_at

    assert registrations_sweep(now=started + dt.timedelta(minutes=59)) == 0
    assert Registration.objects.get(pk=confirmed.pk).status == S.CONFIRMED
    assert registrations_sweep(now=started + dt.timedelta(minutes=61)) == 1
    assert Registration.objects.get(pk=confirmed.pk).status == S.RELEASED


def test_no_release_once_the_period_has_started_or_when_the_activity_never_releases(
    municipality: Municipality,
) -> None:
    confirmed, _waiting = _full_period_with_a_waiting_child(municipality, payment_days=0)
    assert confirmed.payment_due_at is None
    assert registrations_sweep(now=T0 + dt.timedelta(days=60)) == 0

    Registration.objects.filter(pk=confirmed.pk).update(payment_due_at=T0)
    period_start = timezone.make_aware(dt.datetime.combine(confirmed.period.starts_on, dt.time(8)))
    assert registrations_sweep(now=period_start) == 0
    assert Registration.objects.get(pk=confirmed.pk).status == S.CONFIRMED


def test_a_free_activity_has_no_deadline(municipality: Municipality) -> None:
    _activity, period = activity_with_period(
        municipality, price_resident_cents=0, price_non_resident_cents=0, **OPEN
    )
    parent, (child,) = family(municipality)

    registration = _register(parent, child, period, T0)

    assert (registration.status, registration.payment_due_at) == (S.CONFIRMED, None)
