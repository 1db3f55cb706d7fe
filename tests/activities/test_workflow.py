"""The lifecycle of a registration: the table, and through the services every allowed move
works and is written to the history while every other is refused and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loket.activities.models import Registration, RegistrationEvent
from loket.activities.services import (
    registration_cancel,
    registration_offer_accept,
    registration_offer_expire,
    registrations_create,
)
from loket.activities.workflow import (
    REGISTRATION_LIFECYCLE,
    RESIDENT,
    STAFF,
    SYSTEM,
    RegistrationStatus,
)
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.permissions import Role
from tests.activities.helpers import activity_with_period, admin_actor, family
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def _two_children_one_place(municipality):  # type: ignore[no-untyped-def]
    """The first child confirmed, the second on the waiting list."""
    _activity, period = activity_with_period(municipality, capacity=1)
    parent, (first, second) = family(municipality, children=2)
    registrations_create(
        actor=actor_for_resident(parent.pk),
        period_id=period.pk,
        child_ids=[first.pk, second.pk],
        token="workflow",
    )
    confirmed = Registration.objects.get(child=first)
    waiting = Registration.objects.get(child=second)
    assert (confirmed.status, waiting.status) == (S.CONFIRMED, S.WAITING)
    return parent, confirmed, waiting


def _moves(party: str) -> set[tuple[str, str]]:
    return {
        (source, target)
        for source, targets in REGISTRATION_LIFECYCLE.targets(party).items()
        for target in targets
    }


def test_the_table_is_what_the_docstring_draws() -> None:
    assert _moves(RESIDENT) == {
        (S.OFFERED, S.CONFIRMED),
        (S.OFFERED, S.CANCELLED),
        (S.WAITING, S.CANCELLED),
        (S.CONFIRMED, S.CANCELLED),
    }
    assert _moves(STAFF) == {
        (S.WAITING, S.CANCELLED),
        (S.OFFERED, S.CANCELLED),
        (S.CONFIRMED, S.CANCELLED),
    }
    assert _moves(SYSTEM) == {
        (S.WAITING, S.OFFERED),
        (S.OFFERED, S.EXPIRED),
        (S.CONFIRMED, S.RELEASED),
    }
    assert REGISTRATION_LIFECYCLE.find(S.CONFIRMED, S.CANCELLED, STAFF).reason_required  # type: ignore[union-attr]


def test_staff_cancel_a_confirmed_place_with_a_reason_and_the_next_is_offered_it(municipality):  # type: ignore[no-untyped-def]
    _parent, confirmed, waiting = _two_children_one_place(municipality)
    staff = admin_actor(municipality)

    registration_cancel(actor=staff, registration_id=confirmed.pk, reason="Ziek")

    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, waiting.status) == (S.CANCELLED, S.OFFERED)
    cancelled = confirmed.events.get(to_status=S.CANCELLED)
    assert (cancelled.from_status, cancelled.note, cancelled.actor_user_id) == (
        S.CONFIRMED,
        "Ziek",
        staff.user_id,
    )
    assert waiting.events.filter(from_status=S.WAITING, to_status=S.OFFERED).count() == 1


def test_staff_cannot_cancel_a_confirmed_place_without_a_reason(municipality):  # type: ignore[no-untyped-def]
    _parent, confirmed, _waiting = _two_children_one_place(municipality)
    events = RegistrationEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        registration_cancel(actor=admin_actor(municipality), registration_id=confirmed.pk)

    assert refused.value.error_dict["reason"][0].code == "reason_missing"
    confirmed.refresh_from_db()
    assert confirmed.status == S.CONFIRMED
    assert RegistrationEvent.objects.count() == events


def test_a_cancelled_registration_cannot_be_cancelled_again(municipality):  # type: ignore[no-untyped-def]
    parent, _confirmed, waiting = _two_children_one_place(municipality)
    resident = actor_for_resident(parent.pk)
    registration_cancel(actor=resident, registration_id=waiting.pk)
    events = RegistrationEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        registration_cancel(actor=resident, registration_id=waiting.pk)

    assert refused.value.code == "transition_not_allowed"
    waiting.refresh_from_db()
    assert waiting.status == S.CANCELLED
    assert RegistrationEvent.objects.count() == events


def test_a_place_on_the_waiting_list_cannot_be_accepted_before_it_is_offered(municipality):  # type: ignore[no-untyped-def]
    parent, _confirmed, waiting = _two_children_one_place(municipality)

    with pytest.raises(ValidationError):
        registration_offer_accept(actor=actor_for_resident(parent.pk), registration_id=waiting.pk)

    waiting.refresh_from_db()
    assert waiting.status == S.WAITING


def test_the_parent_accepts_an_offered_place(municipality):  # type: ignore[no-untyped-def]
    parent, confirmed, waiting = _two_children_one_place(municipality)
    resident = actor_for_resident(parent.pk)
    registration_cancel(actor=resident, registration_id=confirmed.pk)

    registration_offer_accept(actor=resident, registration_id=waiting.pk)

    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED
    assert waiting.events.filter(from_status=S.OFFERED, to_status=S.CONFIRMED).count() == 1


def test_an_offer_not_accepted_in_time_expires(municipality):  # type: ignore[no-untyped-def]
    parent, confirmed, waiting = _two_children_one_place(municipality)
    registration_cancel(actor=actor_for_resident(parent.pk), registration_id=confirmed.pk)
    waiting.refresh_from_db()
    assert waiting.offer_expires_at is not None

    early = registration_offer_expire(
        registration_id=waiting.pk, now=waiting.offer_expires_at - dt.timedelta(minutes=1)
    )
    late = registration_offer_expire(
        registration_id=waiting.pk, now=waiting.offer_expires_at + dt.timedelta(minutes=1)
    )

    assert early is None
    assert late is not None
    waiting.refresh_from_db()
    assert waiting.status == S.EXPIRED


def test_staff_without_activities_manage_cannot_cancel(municipality):  # type: ignore[no-untyped-def]
    _parent, confirmed, _waiting = _two_children_one_place(municipality)
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    events = RegistrationEvent.objects.count()

    with pytest.raises(PermissionDenied):
        registration_cancel(actor=clerk, registration_id=confirmed.pk, reason="Ziek")

    confirmed.refresh_from_db()
    assert confirmed.status == S.CONFIRMED
    assert RegistrationEvent.objects.count() == events
