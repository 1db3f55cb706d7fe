"""Residents with an appointment: checked in at the reception, called before the walk-ins,
and the appointment records whether they came."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from loket.appointments.models import Appointment
from loket.queue.models import Ticket, TicketChannel
from loket.queue.selectors import appointments_due
from loket.queue.services import (
    ticket_call_next,
    ticket_for_appointment,
    ticket_take,
    ticket_transition,
)
from loket.tenancy.access import ANONYMOUS, actor_for_user
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory, staff_member
from tests.queue.helpers import queue_make

pytestmark = pytest.mark.django_db


def _appointment(office, desk, person, minutes_from_now: int = 5) -> Appointment:  # type: ignore[no-untyped-def]
    starts_at = timezone.now() + dt.timedelta(minutes=minutes_from_now)
    return Appointment.objects.create(
        municipality=office.municipality,
        office=office,
        desk=desk,
        product=catalog_product("residence-certificate"),
        reference="AB12CD",
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(minutes=15),
        channel="online",
        person=person,
        name="Sofie Vandenbroucke",
        holder_key=f"person:{person.pk}",
    )


def test_a_checked_in_appointment_is_called_first_and_marked_held(
    office, queue, desk, clerk_actor, municipality
) -> None:
    person = PersonFactory(municipality=municipality)
    appointment = _appointment(office, desk, person)
    ticket_take(
        actor=ANONYMOUS,
        office=office,
        queue_id=queue.pk,
        channel=TicketChannel.KIOSK,
        priority=True,
    )
    assert [a.pk for a in appointments_due(actor=clerk_actor, office=office)] == [appointment.pk]

    ticket = ticket_for_appointment(actor=clerk_actor, appointment_id=appointment.pk)
    again = ticket_for_appointment(actor=clerk_actor, appointment_id=appointment.pk)
    called = ticket_call_next(actor=clerk_actor, desk_id=desk.pk)
    ticket_transition(actor=clerk_actor, ticket_id=ticket.pk, to_status="serving")

    assert again.pk == ticket.pk
    assert ticket.person_id == person.pk
    assert called is not None
    assert called.pk == ticket.pk
    appointment.refresh_from_db()
    assert appointment.status == "held"
    assert appointments_due(actor=clerk_actor, office=office) == []


def test_the_appointment_goes_to_the_queue_of_its_product(
    office, queue, desk, clerk_actor, municipality
) -> None:
    certificates = queue_make(office, "B", "Attesten")
    certificates.products.add(catalog_product("residence-certificate"))
    appointment = _appointment(office, desk, PersonFactory(municipality=municipality))

    ticket = ticket_for_appointment(actor=clerk_actor, appointment_id=appointment.pk)

    assert ticket.queue_id == certificates.pk
    assert ticket.code == "B-001"


def test_staff_of_another_municipality_cannot_check_in(
    office, desk, queue, other_municipality, municipality
) -> None:
    appointment = _appointment(office, desk, PersonFactory(municipality=municipality))
    stranger = actor_for_user(staff_member(other_municipality, Role.CLERK))

    with pytest.raises(Http404):
        ticket_for_appointment(actor=stranger, appointment_id=appointment.pk)

    assert Ticket.objects.count() == 0


def test_a_simultaneous_second_check_in_returns_the_first_ticket(
    office, queue, desk, clerk_actor, municipality, monkeypatch
) -> None:
    from loket.queue.selectors import queues_of_office
    from loket.queue.services import appointments as checkin

    appointment = _appointment(office, desk, PersonFactory(municipality=municipality))
    competing: list[Ticket] = []

    def other_clerk_checks_in_meanwhile(*, office):  # type: ignore[no-untyped-def]
        # The other check-in passed the same "already a ticket?" check and commits first.
        if not competing:
            competing.append(
                ticket_take(
                    actor=clerk_actor,
                    office=office,
                    queue_id=queue.pk,
                    channel=TicketChannel.CLERK,
                    appointment=appointment,
                )
            )
        return queues_of_office(office=office)

    monkeypatch.setattr(checkin, "queues_of_office", other_clerk_checks_in_meanwhile)
    real_filter = Ticket.objects.filter

    def no_ticket_seen_yet(*args, **kwargs):  # type: ignore[no-untyped-def]
        if "appointment" in kwargs and not competing:
            return Ticket.objects.none()
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(Ticket.objects, "filter", no_ticket_seen_yet)

    ticket = ticket_for_appointment(actor=clerk_actor, appointment_id=appointment.pk)

    assert ticket.pk == competing[0].pk
    assert list(Ticket.objects.values_list("pk", flat=True)) == [competing[0].pk]
