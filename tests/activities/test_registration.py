"""Registering children: seats, the waiting list, the rules, prices, payment, idempotency."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.activities.models import Registration, RegistrationEvent, Seat
from loket.activities.services import (
    period_capacity_set,
    registered_follow_up,
    registration_cancel,
    registration_create,
    registration_offer_accept,
    registration_offer_expire,
    registration_payment_ensure,
)
from loket.activities.workflow import RegistrationStatus
from loket.notify.models import Notification
from loket.payments.models import PaymentRequest
from loket.payments.workflow import PaymentStatus
from loket.tenancy.access import actor_for_resident
from tests.activities.helpers import activity_with_period, admin_actor, family

pytestmark = pytest.mark.django_db
S = RegistrationStatus


def _register(parent, child, period, key="k1", **kwargs):  # type: ignore[no-untyped-def]
    return registration_create(
        actor=actor_for_resident(parent.pk),
        period_id=period.pk,
        child_id=child.pk,
        idempotency_key=key,
        **kwargs,
    ).registration


def test_a_free_seat_confirms_and_asks_payment(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=2)
    parent, (child,) = family(municipality)

    registration = _register(parent, child, period)

    assert registration.status == S.CONFIRMED
    assert registration.seat is not None
    assert registration.seat.period_id == period.pk
    assert registration.price_cents == 8000
    assert registration.reductions == ["resident"]
    job = ProcrastinateJob.objects.get(task_name="activities.registered")
    assert job.args == {"registration_id": registration.pk}
    assert PaymentRequest.objects.count() == 0
    assert Notification.objects.count() == 0  # the message goes with the job
    registered_follow_up(registration_id=registration.pk)  # the job
    registered_follow_up(registration_id=registration.pk)  # run again: nothing more
    registration = registration_payment_ensure(registration_id=registration.pk)  # "pay"
    assert PaymentRequest.objects.count() == 1
    request = PaymentRequest.objects.get(pk=registration.payment_request_id)
    assert (request.amount_cents, request.subject_type, request.payer_person_id) == (
        8000,
        "activity_registration",
        parent.pk,
    )
    assert list(RegistrationEvent.objects.values_list("kind", "to_status")) == [
        ("created", "confirmed")
    ]
    assert Notification.objects.filter(event="activities.confirmed", person=parent).count() == 1


def test_a_full_period_puts_children_on_the_waiting_list_in_arrival_order(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    first_parent, (first,) = family(municipality, name="A")
    second_parent, (second,) = family(municipality, name="B")
    third_parent, (third,) = family(municipality, name="C")

    confirmed = _register(first_parent, first, period)
    waiting_one = _register(second_parent, second, period)
    waiting_two = _register(third_parent, third, period)

    assert confirmed.status == S.CONFIRMED
    assert (waiting_one.status, waiting_two.status) == (S.WAITING, S.WAITING)
    assert waiting_one.arrival < waiting_two.arrival
    assert waiting_one.payment_request_id is None
    for registration in (confirmed, waiting_one, waiting_two):
        registered_follow_up(registration_id=registration.pk)  # the jobs
    assert PaymentRequest.objects.count() == 1
    waiting = Notification.objects.filter(event="activities.waiting").order_by("person_id")
    assert [(n.person_id, n.context["rank"]) for n in waiting] == [
        (second_parent.pk, "1"),
        (third_parent.pk, "2"),
    ]


def test_a_child_too_old_is_refused_and_nothing_is_written(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality, child_age=14)

    with pytest.raises(ValidationError) as refused:
        _register(parent, child, period)

    assert refused.value.message_dict == {
        "child_id": ["This activity is for children of at most 12 years."]
    }
    assert Registration.objects.count() == 0
    assert Seat.objects.filter(is_taken=True).count() == 0


def test_a_child_too_young_is_refused(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality, child_age=4)

    with pytest.raises(ValidationError) as refused:
        _register(parent, child, period)

    assert refused.value.message_dict == {
        "child_id": ["This activity is for children of 6 years and older."]
    }


def test_school_year_limits(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(
        municipality, age_min=None, age_max=None, school_year_min=1, school_year_max=2
    )
    parent, (child,) = family(municipality, child_age=10)

    with pytest.raises(ValidationError) as refused:
        _register(parent, child, period)

    assert refused.value.message_dict == {
        "child_id": ["This child is past the school years this activity is for."]
    }


def test_a_child_of_another_household_answers_404(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, _kids = family(municipality, name="Own")
    _other_parent, (other_child,) = family(municipality, name="Other")

    with pytest.raises(Http404):
        _register(parent, other_child, period)

    assert Registration.objects.count() == 0


def test_non_residents_wait_for_their_window(municipality, other_municipality):  # type: ignore[no-untyped-def]
    now = timezone.now()
    _activity, period = activity_with_period(
        municipality,
        opens_residents_at=now - dt.timedelta(hours=1),
        opens_everyone_at=now + dt.timedelta(days=1),
    )
    resident_parent, (resident_child,) = family(municipality, name="Here")
    outsider, (outsider_child,) = family(other_municipality, name="There")

    assert _register(resident_parent, resident_child, period).status == S.CONFIRMED
    with pytest.raises(ValidationError) as refused:
        _register(outsider, outsider_child, period)

    assert refused.value.message_dict["period_id"][0].startswith(
        "Registration is open for residents only until"
    )
    assert Registration.objects.count() == 1


def test_non_residents_pay_their_price_once_open(municipality, other_municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    outsider, (child,) = family(other_municipality)

    registration = _register(outsider, child, period)

    assert (registration.is_resident, registration.price_cents) == (False, 12000)


def test_second_child_and_social_tariff_reductions(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=5)
    parent, (first, second) = family(municipality, children=2)

    one = _register(parent, first, period, key="a", social_tariff=True)
    two = _register(parent, second, period, key="b", social_tariff=True)

    assert (one.price_cents, one.reductions) == (4000, ["resident", "social_tariff"])
    assert (two.price_cents, two.reductions) == (
        3000,
        ["resident", "social_tariff", "second_child"],
    )


def test_the_same_idempotency_key_returns_the_first_registration(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality)
    actor = actor_for_resident(parent.pk)

    first = registration_create(
        actor=actor, period_id=period.pk, child_id=child.pk, idempotency_key="same"
    )
    again = registration_create(
        actor=actor, period_id=period.pk, child_id=child.pk, idempotency_key="same"
    )

    assert (first.created, again.created) == (True, False)
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1
    assert ProcrastinateJob.objects.filter(task_name="activities.registered").count() == 1


def test_a_child_is_registered_once_per_period(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality)
    parent, (child,) = family(municipality)
    _register(parent, child, period, key="one")

    with pytest.raises(ValidationError) as refused:
        _register(parent, child, period, key="two")

    assert refused.value.message_dict == {
        "child_id": ["This child is already registered for this period."]
    }
    assert Registration.objects.count() == 1


def test_cancelling_offers_the_place_to_the_first_waiting(
    municipality, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    first_parent, (first,) = family(municipality, name="A")
    second_parent, (second,) = family(municipality, name="B")
    third_parent, (third,) = family(municipality, name="C")
    holder = _register(first_parent, first, period)
    holder = registration_payment_ensure(registration_id=holder.pk)
    waiting = _register(second_parent, second, period)
    later = _register(third_parent, third, period)

    registration_cancel(actor=actor_for_resident(first_parent.pk), registration_id=holder.pk)

    holder.refresh_from_db()
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert (holder.status, holder.seat_id) == (S.CANCELLED, None)
    assert waiting.status == S.OFFERED
    assert waiting.seat_id is not None
    assert waiting.offer_expires_at is not None
    assert later.status == S.WAITING
    assert (
        PaymentRequest.objects.get(pk=holder.payment_request_id).status == PaymentStatus.CANCELLED
    )
    assert (
        Notification.objects.filter(event="activities.offered", person=second_parent).count() == 1
    )
    job = ProcrastinateJob.objects.get(task_name="activities.offer_expire")
    assert job.args == {"registration_id": waiting.pk}
    assert job.scheduled_at == waiting.offer_expires_at


def test_accepting_an_offer_confirms_and_asks_payment(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    first_parent, (first,) = family(municipality, name="A")
    second_parent, (second,) = family(municipality, name="B")
    holder = _register(first_parent, first, period)
    waiting = _register(second_parent, second, period)
    registration_cancel(actor=actor_for_resident(first_parent.pk), registration_id=holder.pk)

    accepted = registration_offer_accept(
        actor=actor_for_resident(second_parent.pk), registration_id=waiting.pk
    )

    assert accepted.status == S.CONFIRMED
    assert accepted.offer_expires_at is None
    assert PaymentRequest.objects.get(pk=accepted.payment_request_id).payer_person_id == (
        second_parent.pk
    )


def test_someone_else_cannot_accept_the_offer(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    first_parent, (first,) = family(municipality, name="A")
    second_parent, (second,) = family(municipality, name="B")
    holder = _register(first_parent, first, period)
    waiting = _register(second_parent, second, period)
    registration_cancel(actor=actor_for_resident(first_parent.pk), registration_id=holder.pk)

    with pytest.raises(PermissionDenied):
        registration_offer_accept(
            actor=actor_for_resident(first_parent.pk), registration_id=waiting.pk
        )

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED


def test_an_expired_offer_passes_to_the_next(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    parents = [family(municipality, name=name) for name in ("A", "B", "C")]
    holder = _register(parents[0][0], parents[0][1][0], period)
    offered = _register(parents[1][0], parents[1][1][0], period)
    next_one = _register(parents[2][0], parents[2][1][0], period)
    registration_cancel(actor=actor_for_resident(parents[0][0].pk), registration_id=holder.pk)
    offered.refresh_from_db()

    too_early = registration_offer_expire(registration_id=offered.pk)
    expired = registration_offer_expire(
        registration_id=offered.pk, now=offered.offer_expires_at + dt.timedelta(seconds=1)
    )

    assert too_early is None
    assert expired is not None
    assert expired.status == S.EXPIRED
    next_one.refresh_from_db()
    assert next_one.status == S.OFFERED
    with pytest.raises(ValidationError):
        registration_offer_accept(
            actor=actor_for_resident(parents[1][0].pk), registration_id=offered.pk
        )


def test_more_places_go_to_the_waiting_list_first(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    first_parent, (first,) = family(municipality, name="A")
    second_parent, (second,) = family(municipality, name="B")
    _register(first_parent, first, period)
    waiting = _register(second_parent, second, period)

    period_capacity_set(actor=admin_actor(municipality), period=period, capacity=2)

    waiting.refresh_from_db()
    assert waiting.status == S.OFFERED
    assert Seat.objects.filter(period=period).count() == 2


def test_fewer_places_than_taken_is_refused(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=2)
    parent, (first, second) = family(municipality, children=2)
    _register(parent, first, period, key="a")
    _register(parent, second, period, key="b")

    with pytest.raises(ValidationError) as refused:
        period_capacity_set(actor=admin_actor(municipality), period=period, capacity=1)

    assert refused.value.message_dict == {
        "capacity": ["2 places are taken; give at least that many."]
    }
    assert Seat.objects.filter(period=period).count() == 2


def test_the_database_refuses_two_registrations_on_one_seat(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    parent, (first, second) = family(municipality, children=2)
    holder = _register(parent, first, period, key="a")
    waiting = _register(parent, second, period, key="b")

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=waiting.pk).update(
            status=S.CONFIRMED, seat_id=holder.seat_id
        )


def test_the_database_refuses_a_confirmed_registration_without_seat(municipality):  # type: ignore[no-untyped-def]
    _activity, period = activity_with_period(municipality, capacity=1)
    parent, (first, second) = family(municipality, children=2)
    _register(parent, first, period, key="a")
    waiting = _register(parent, second, period, key="b")

    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.filter(pk=waiting.pk).update(status=S.CONFIRMED)


@pytest.mark.parametrize("strategy", ["seats", "naive"])
def test_a_newcomer_does_not_take_a_seat_freed_while_others_wait(  # type: ignore[no-untyped-def]
    municipality, settings, strategy
):
    settings.LOKET_ACTIVITIES_SEAT_CLAIM = strategy
    _activity, period = activity_with_period(municipality, capacity=1)
    first_parent, (first,) = family(municipality, name="A")
    second_parent, (second,) = family(municipality, name="B")
    third_parent, (third,) = family(municipality, name="C")
    confirmed = _register(first_parent, first, period)
    waiting = _register(second_parent, second, period)
    # The seat came free a moment ago and the sweep has not offered it yet.
    Registration.objects.filter(pk=confirmed.pk).update(status=S.CANCELLED, seat=None)
    Seat.objects.filter(period=period).update(is_taken=False)

    newcomer = _register(third_parent, third, period)

    assert (waiting.status, newcomer.status) == (S.WAITING, S.WAITING)
    assert newcomer.seat_id is None
    assert Seat.objects.filter(period=period, is_taken=True).count() == 0
