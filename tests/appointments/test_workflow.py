"""The appointment lifecycle: every allowed move works and is written in the history,
every other is refused and changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from loket.appointments.models import Appointment, AppointmentEvent, OfficeProduct
from loket.appointments.services import Holder, appointment_book, appointment_transition
from loket.appointments.workflow import LIFECYCLE, AppointmentStatus, Party
from loket.tenancy.access import ANONYMOUS, actor_for_user
from loket.tenancy.permissions import Role
from tests.appointments.helpers import at, next_open_day
from tests.factories import staff_member

pytestmark = pytest.mark.django_db
S = AppointmentStatus


def _appointment(office_product: OfficeProduct, status: str) -> Appointment:
    appointment = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(next_open_day(), 9),
        holder=Holder(name="Ann", email="ann@example.test"),
    ).appointment
    Appointment.objects.filter(pk=appointment.pk).update(status=status)
    appointment.refresh_from_db()
    return appointment


@pytest.mark.parametrize(
    ("source", "target"),
    [(t.source, t.target) for t in LIFECYCLE.transitions if t.party == Party.STAFF],
)
def test_every_staff_move_works_and_is_in_the_history(
    office_product: OfficeProduct, municipality, source: str, target: str
) -> None:
    actor = actor_for_user(staff_member(municipality, Role.CLERK))
    appointment = _appointment(office_product, source)
    appointment_transition(actor=actor, appointment=appointment, to_status=target)
    appointment.refresh_from_db()
    assert appointment.status == target
    event = AppointmentEvent.objects.filter(kind="status_changed").get()
    assert (event.from_status, event.to_status) == (source, target)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (source, target)
        for source in S.values
        for target in S.values
        if not LIFECYCLE.allowed(source, target, Party.STAFF)
    ],
)
def test_every_other_staff_move_is_refused(
    office_product: OfficeProduct, municipality, source: str, target: str
) -> None:
    actor = actor_for_user(staff_member(municipality, Role.CLERK))
    appointment = _appointment(office_product, source)
    with pytest.raises(ValidationError) as refused:
        appointment_transition(actor=actor, appointment=appointment, to_status=target)
    assert refused.value.error_dict["to_status"][0].code == "transition_not_allowed"
    appointment.refresh_from_db()
    assert appointment.status == source
    assert AppointmentEvent.objects.filter(kind="status_changed").count() == 0


def test_a_resident_may_only_cancel(office_product: OfficeProduct) -> None:
    booked = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(next_open_day(), 9),
        holder=Holder(name="Ann", email="ann@example.test"),
    )
    appointment, token = booked.appointment, booked.token
    with pytest.raises(ValidationError):
        appointment_transition(actor=ANONYMOUS, manage_token=token, to_status=S.HELD)
    appointment_transition(actor=ANONYMOUS, manage_token=token, to_status=S.CANCELLED)
    appointment.refresh_from_db()
    assert appointment.status == S.CANCELLED


def test_a_view_only_member_cannot_record(office_product: OfficeProduct, municipality) -> None:
    appointment = _appointment(office_product, S.BOOKED)
    handler = actor_for_user(staff_member(municipality, Role.HANDLER))
    with pytest.raises(PermissionDenied):
        appointment_transition(actor=handler, appointment=appointment, to_status=S.NO_SHOW)
    appointment.refresh_from_db()
    assert appointment.status == S.BOOKED


def test_the_history_is_append_only(office_product: OfficeProduct) -> None:
    _appointment(office_product, S.BOOKED)
    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentEvent.objects.update(message="changed")
    with pytest.raises(IntegrityError), transaction.atomic():
        AppointmentEvent.objects.all().delete()


def test_the_database_refuses_two_appointments_at_one_desk_at_once(
    office_product: OfficeProduct,
) -> None:
    """The guarantee itself, without the service: an overlapping row is refused."""
    first = _appointment(office_product, S.BOOKED)
    overlapping = {
        "municipality_id": first.municipality_id,
        "office_id": first.office_id,
        "desk_id": first.desk_id,
        "product_id": first.product_id,
        "starts_at": first.starts_at.replace(minute=5),
        "ends_at": first.ends_at.replace(minute=20),
        "channel": "online",
        "name": "Bert",
        "holder_key": "email:bert@example.test",
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(reference="OVERLAP1", **overlapping)
    Appointment.objects.filter(pk=first.pk).update(status=S.CANCELLED)
    Appointment.objects.create(reference="OVERLAP2", **overlapping)  # a cancelled one is free
    assert Appointment.objects.count() == 2
