"""Retention of bookings: a booking whose period ended (or that was cancelled) before its
period loses the person who booked, what it was for and the messages of its history; a
recent one and a future one are untouched; the counts per resource, month and status, the
prices and the payment links stay the same; the history stays append-only outside the job
(loket.resources.retention, docs/privacy.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth

from loket.audit.models import AnonymisationRecord
from loket.audit.retention import retention_rule_set, retention_run
from loket.people.data_export import resident_data_export
from loket.resources.history import booking_event_append
from loket.resources.models import Booking, BookingEvent, BookingEventKind, Resource
from loket.resources.services import booking_request, booking_transition
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from tests.resources.helpers import at

pytestmark = pytest.mark.django_db

SECRET = "Verjaardagsfeest van Jan Peeters, Kerkstraat 12, bel 0470 11 12 22"
REASON = "Jan Peeters liet de zaal vorige keer vuil achter"
REFUND = "Paid € 200,00: to be refunded through the payment request."


def _book(actor: Actor, resource: Resource, days: int, hour: int) -> Booking:
    return booking_request(
        actor=actor,
        resource_id=resource.pk,
        starts_at=at(days, hour),
        ends_at=at(days, hour + 2),
        category="resident",
        purpose=SECRET,
    )


def _shift(booking: Booking, days: int) -> Booking:
    """As if it all happened `days` days earlier (setting up a test, not a feature)."""
    shift = dt.timedelta(days=days)
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=F("starts_at") - shift,
        ends_at=F("ends_at") - shift,
        created_at=F("created_at") - shift,
        updated_at=F("updated_at") - shift,
    )
    booking.refresh_from_db()
    return booking


def _counts() -> list[dict[str, Any]]:
    return list(
        Booking.objects.values(
            "municipality_id", "resource_id", "category", "status", month=TruncMonth("starts_at")
        )
        .annotate(
            n=Count("pk", distinct=True),
            history=Count("events"),
            price=Sum("price_cents"),
            deposit=Sum("deposit_cents"),
        )
        .order_by("municipality_id", "resource_id", "month", "status")
    )


def _reservations(actor: Actor, person: Any) -> list[dict[str, Any]]:
    parts = resident_data_export(actor=actor, person=person)["parts"]
    items: list[dict[str, Any]] = next(p["items"] for p in parts if p["code"] == "reservations")
    return items


def _events() -> list[dict[str, Any]]:
    return list(
        BookingEvent.objects.values("booking_id", "kind", "from_status", "to_status", "actor_user")
        .annotate(n=Count("pk"))
        .order_by("booking_id", "kind", "to_status")
    )


def test_a_past_booking_loses_the_person_and_the_rest_stays(
    municipality: Municipality,
    hall: Resource,
    approval_hall: Resource,
    booker: Any,
    booker_actor: Actor,
    handler_actor: Actor,
) -> None:
    # Approved by staff, held three years ago; the payment was refunded afterwards.
    held = _book(booker_actor, approval_hall, 10, 10)
    booking_transition(actor=handler_actor, booking_id=held.pk, to_status="approved")
    booking_event_append(
        booking=held, kind=BookingEventKind.REFUND_DUE, actor=booker_actor, message=REFUND
    )
    held = _shift(held, 3 * 365)
    # Refused with a reason, for a day three years ago.
    refused = _book(booker_actor, approval_hall, 11, 10)
    booking_transition(
        actor=handler_actor, booking_id=refused.pk, to_status="refused", reason=REASON
    )
    refused = _shift(refused, 3 * 365)
    # Cancelled by the requester, for a day 100 days ago: within its period.
    recent = _book(booker_actor, hall, 12, 10)
    booking_transition(actor=booker_actor, booking_id=recent.pk, to_status="cancelled")
    recent = _shift(recent, 100)
    # Booked long ago for a day still to come (never due, however old the request).
    future = _book(booker_actor, hall, 20, 10)
    Booking.objects.filter(pk=future.pk).update(
        created_at=F("created_at") - dt.timedelta(days=3 * 365),
        updated_at=F("updated_at") - dt.timedelta(days=3 * 365),
    )
    untouched = {
        booking.pk: Booking.objects.filter(pk=booking.pk).values().get()
        for booking in (recent, future)
    }
    untouched_events = list(
        BookingEvent.objects.filter(booking__in=[recent, future]).order_by("pk").values()
    )
    counts, events = _counts(), _events()
    assert REASON in str(_reservations(booker_actor, booker))

    dry = retention_run(dry_run=True)
    assert dry.counts == {(municipality.slug, "bookings_past"): 2}
    assert Booking.objects.filter(purpose=SECRET).count() == 4  # the dry run changed nothing

    plan = retention_run()

    assert plan.counts == {(municipality.slug, "bookings_past"): 2}
    for old in (held, refused):
        anonymised = Booking.objects.get(pk=old.pk)
        assert (anonymised.person_id, anonymised.purpose) == (None, "")
        # What the counts, the calendar and the takings read stays.
        assert (
            anonymised.resource_id,
            anonymised.municipality_id,
            anonymised.category,
            anonymised.quantity,
            anonymised.starts_at,
            anonymised.ends_at,
            anonymised.status,
            anonymised.price_cents,
            anonymised.deposit_cents,
            anonymised.payment_request_id,
            anonymised.created_at,
            anonymised.updated_at,
        ) == (
            old.resource_id,
            old.municipality_id,
            old.category,
            old.quantity,
            old.starts_at,
            old.ends_at,
            old.status,
            old.price_cents,
            old.deposit_cents,
            old.payment_request_id,
            old.created_at,
            old.updated_at,
        )
        assert old.payment_request_id is not None
        assert not BookingEvent.objects.filter(booking=old, actor_person__isnull=False).exists()
    assert list(
        BookingEvent.objects.filter(booking__in=[held, refused]).values_list("kind", "message")
    ) == [
        ("requested", ""),
        ("status_changed", ""),
        ("refund_due", REFUND),  # the system's note of the amount: it names nobody
        ("requested", ""),
        ("status_changed", ""),
    ]
    assert Booking.objects.get(pk=refused.pk).status == "refused"
    for booking in (recent, future):
        assert Booking.objects.filter(pk=booking.pk).values().get() == untouched[booking.pk]
    assert (
        list(BookingEvent.objects.filter(booking__in=[recent, future]).order_by("pk").values())
        == untouched_events
    )
    assert (_counts(), _events()) == (counts, events)
    assert set(AnonymisationRecord.objects.values_list("kind", "object_id")) == {
        ("bookings_past", held.pk),
        ("bookings_past", refused.pk),
    }
    # The resident's own data no longer holds the anonymised bookings.
    exported = _reservations(booker_actor, booker)
    assert len(exported) == 2 + 3  # the recent and future bookings and their events
    assert REASON not in str(exported)
    # Idempotent.
    assert retention_run().total == 0


def test_a_municipalitys_longer_period_keeps_its_bookings(
    municipality: Municipality, hall: Resource, booker_actor: Actor
) -> None:
    retention_rule_set(municipality=municipality, kind_code="bookings_past", days=5 * 365)
    old = _shift(_book(booker_actor, hall, 10, 10), 3 * 365)

    assert retention_run().total == 0
    assert Booking.objects.get(pk=old.pk).person_id is not None


def test_the_history_stays_append_only_outside_the_job(hall: Resource, booker_actor: Actor) -> None:
    old = _shift(_book(booker_actor, hall, 10, 10), 3 * 365)
    retention_run()

    with pytest.raises(IntegrityError), transaction.atomic():
        BookingEvent.objects.filter(booking=old).update(message="changed")
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingEvent.objects.filter(booking=old).delete()
