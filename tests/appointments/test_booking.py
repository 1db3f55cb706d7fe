"""Booking, moving and cancelling through the services: the happy paths, every refusal
with its message, and that a refusal writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from loket.appointments.models import (
    Appointment,
    AppointmentEvent,
    Closure,
    GuestMessage,
    ManageLink,
    OfficeProduct,
)
from loket.appointments.selectors import appointment_by_manage_token, token_hash
from loket.appointments.services import (
    Holder,
    appointment_book,
    appointment_reschedule,
    appointment_transition,
    booking,
)
from loket.appointments.workflow import AppointmentChannel, AppointmentStatus
from loket.core.holidays import belgian_public_holidays
from loket.notify.models import Notification
from loket.tenancy.access import ANONYMOUS, actor_for_resident, actor_for_user
from loket.tenancy.permissions import Role
from tests.appointments.helpers import at, next_open_day, office_with_desks
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db

GUEST = Holder(name="Ann Desmet", email="ann@example.test", language="nl")


def _nothing_written() -> None:
    assert Appointment.objects.count() == 0
    assert AppointmentEvent.objects.count() == 0
    assert GuestMessage.objects.count() == 0
    assert ManageLink.objects.count() == 0


def _code(error: ValidationError, field: str = "starts_at") -> str:
    return error.error_dict[field][0].code  # type: ignore[no-any-return]


def test_a_guest_books_a_free_slot(office_product: OfficeProduct, desk) -> None:
    day = next_open_day()
    booked = appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=at(day, 9, 15), holder=GUEST
    )
    appointment = booked.appointment
    assert (appointment.starts_at, appointment.ends_at) == (at(day, 9, 15), at(day, 9, 30))
    assert appointment.desk_id == desk.pk
    assert appointment.status == AppointmentStatus.BOOKED
    assert appointment.channel == AppointmentChannel.ONLINE
    assert appointment.holder_key == "email:ann@example.test"
    assert len(appointment.reference) == 8
    [link] = ManageLink.objects.all()
    assert link.token_hash == token_hash(booked.token) != booked.token
    assert link.expires_at == appointment.starts_at
    assert appointment_by_manage_token(token=booked.token) == appointment
    [event] = AppointmentEvent.objects.all()
    assert (event.kind, event.to_status) == ("booked", "booked")
    [message] = GuestMessage.objects.all()
    assert (message.channel, message.address, message.notify_event) == (
        "email",
        "ann@example.test",
        "appointment.booked",
    )
    assert message.with_calendar_file is True
    assert message.context["manage_url"].endswith(f"/afspraken/beheer/{booked.token}/")
    assert ProcrastinateJob.objects.filter(
        task_name="appointments.guest_message", args={"guest_message_id": message.pk}
    ).exists()


def test_a_signed_in_resident_is_told_through_notify_with_the_calendar_file(
    office_product: OfficeProduct, municipality
) -> None:
    person = PersonFactory(municipality=municipality)
    booked = appointment_book(
        actor=actor_for_resident(person.pk),
        office_product=office_product,
        starts_at=at(next_open_day(), 10),
        holder=Holder(person=person),
    )
    assert booked.appointment.person == person
    assert booked.appointment.holder_key == f"person:{person.pk}"
    [notification] = Notification.objects.all()
    assert notification.event == "appointment.booked"
    assert notification.person == person
    assert notification.context["manage_url"].endswith("/mijn/afspraken/")
    [attachment] = notification.attachments.all()
    assert attachment.content_type == "text/calendar"
    assert b"BEGIN:VEVENT" in bytes(attachment.content)
    assert GuestMessage.objects.count() == 0


def test_a_resident_cannot_book_for_someone_else(office_product: OfficeProduct) -> None:
    me, other = PersonFactory(), PersonFactory()
    with pytest.raises(PermissionDenied):
        appointment_book(
            actor=actor_for_resident(me.pk),
            office_product=office_product,
            starts_at=at(next_open_day(), 10),
            holder=Holder(person=other),
        )
    _nothing_written()


def test_a_full_slot_is_refused_and_writes_nothing_more(office_product: OfficeProduct) -> None:
    starts_at = at(next_open_day(), 11)
    appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=starts_at, holder=GUEST
    )
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=starts_at,
            holder=Holder(name="Bert", phone="+32470000000"),
        )
    assert _code(refused.value) == "slot_full"
    assert refused.value.error_dict["starts_at"][0].messages == [
        "This slot just filled up. Please choose another time."
    ]
    assert Appointment.objects.count() == 1


@pytest.mark.parametrize(
    ("hour", "minute", "code"),
    [
        (8, 45, "outside_opening_hours"),
        (12, 0, "outside_opening_hours"),
        (9, 5, "outside_opening_hours"),
        (15, 50, "outside_opening_hours"),
    ],
)
def test_a_time_outside_the_opening_hours_is_refused(
    office_product: OfficeProduct, hour: int, minute: int, code: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=at(next_open_day(), hour, minute),
            holder=GUEST,
        )
    assert _code(refused.value) == code
    _nothing_written()


def test_a_closure_and_a_public_holiday_are_refused(office_product: OfficeProduct) -> None:
    day = next_open_day()
    Closure.objects.create(office=office_product.office, first_day=day, last_day=day)
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS, office_product=office_product, starts_at=at(day, 10), holder=GUEST
        )
    assert _code(refused.value) == "closed_day"
    assert refused.value.error_dict["starts_at"][0].messages == [
        "The office is closed on that day (a public holiday or a closure)."
    ]
    office = office_product.office
    office.booking_days_ahead = 400
    office.save()
    today = dt.date.today()
    holiday = min(
        d
        for year in (today.year, today.year + 1)
        for d in belgian_public_holidays(year)
        if d > today + dt.timedelta(days=1) and d.weekday() < 5
    )
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS, office_product=office_product, starts_at=at(holiday, 10), holder=GUEST
        )
    assert _code(refused.value) == "closed_day"
    _nothing_written()


def test_the_past_and_beyond_the_horizon_are_refused(office_product: OfficeProduct) -> None:
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=at(dt.date.today() - dt.timedelta(days=3), 10),
            holder=GUEST,
        )
    assert _code(refused.value) == "in_the_past"
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=at(dt.date.today() + dt.timedelta(days=90), 10),
            holder=GUEST,
        )
    assert _code(refused.value) == "too_far_ahead"
    _nothing_written()


def test_a_guest_needs_a_name_and_a_way_to_be_told(office_product: OfficeProduct) -> None:
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=at(next_open_day(), 10),
            holder=Holder(name=" "),
        )
    assert refused.value.message_dict == {
        "name": ["Give the name the appointment is for."],
        "email": ["Give an e-mail address or a mobile number to receive the confirmation."],
    }
    _nothing_written()


def test_the_limit_per_person_and_product(office_product: OfficeProduct) -> None:
    office_product.max_open_per_person = 2
    office_product.save()
    day = next_open_day()
    for hour in (9, 10):
        appointment_book(
            actor=ANONYMOUS, office_product=office_product, starts_at=at(day, hour), holder=GUEST
        )
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=at(day, 11),
            holder=Holder(name="Ann", email="ANN@example.test "),
        )
    assert _code(refused.value, "product") == "limit_reached"
    assert refused.value.error_dict["product"][0].messages == [
        "You already have 2 open appointment(s) for this; that is the limit. "
        "Change or cancel one first."
    ]
    assert Appointment.objects.count() == 2


def test_capacity_is_the_desks_on_duty_that_handle_the_product(municipality) -> None:
    _office, office_product, desks = office_with_desks(municipality=municipality, desks=2)
    desks[1].products.set([catalog_product("passport")])  # not the eID card
    starts_at = at(next_open_day(), 9)
    appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=starts_at, holder=GUEST
    )
    with pytest.raises(ValidationError) as refused:
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=starts_at,
            holder=Holder(name="Bert", email="bert@example.test"),
        )
    assert _code(refused.value) == "slot_full"
    desks[1].products.clear()  # now it handles every product of the office
    second = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=starts_at,
        holder=Holder(name="Bert", email="bert@example.test"),
    )
    assert second.appointment.desk_id == desks[1].pk


def test_staff_book_by_phone_and_the_channel_is_recorded(
    office_product: OfficeProduct, municipality
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    booked = appointment_book(
        actor=actor_for_user(clerk),
        office_product=office_product,
        starts_at=at(next_open_day(), 14),
        holder=Holder(name="Jan Peeters", phone="+32470111222"),
        channel=AppointmentChannel.PHONE,
    )
    assert booked.appointment.channel == "phone"
    assert booked.appointment.booked_by_user == clerk
    [sms] = GuestMessage.objects.all()
    assert (sms.channel, sms.address, sms.with_calendar_file) == ("sms", "+32470111222", False)


def test_phone_bookings_need_the_permission_in_that_municipality(
    office_product: OfficeProduct, other_municipality
) -> None:
    outsider = staff_member(other_municipality, Role.CLERK)
    for actor in (ANONYMOUS, actor_for_user(outsider)):
        with pytest.raises(PermissionDenied):
            appointment_book(
                actor=actor,
                office_product=office_product,
                starts_at=at(next_open_day(), 14),
                holder=GUEST,
                channel=AppointmentChannel.PHONE,
            )
    _nothing_written()


def test_reschedule_with_the_link_moves_and_tells(office_product: OfficeProduct) -> None:
    day = next_open_day()
    booked = appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=at(day, 9), holder=GUEST
    )
    moved = appointment_reschedule(
        actor=ANONYMOUS, manage_token=booked.token, starts_at=at(day, 13, 30)
    )
    assert moved.appointment.starts_at == at(day, 13, 30)
    assert appointment_by_manage_token(token=moved.token) == booked.appointment
    with pytest.raises(ValidationError) as refused:
        appointment_by_manage_token(token=booked.token)
    assert refused.value.code == "link_expired"
    assert refused.value.messages == [
        "This link has expired: the appointment has passed or was replaced."
    ]
    old_link = ManageLink.objects.get(token_hash=token_hash(booked.token))
    assert old_link.expires_at <= timezone.now()
    assert ManageLink.objects.get(token_hash=token_hash(moved.token)).expires_at == at(day, 13, 30)
    assert list(AppointmentEvent.objects.values_list("kind", flat=True)) == [
        "booked",
        "rescheduled",
    ]
    assert list(GuestMessage.objects.values_list("notify_event", flat=True)) == [
        "appointment.booked",
        "appointment.rescheduled",
    ]


def test_reschedule_to_a_full_slot_changes_nothing(office_product: OfficeProduct) -> None:
    day = next_open_day()
    booked = appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=at(day, 9), holder=GUEST
    )
    appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(day, 10),
        holder=Holder(name="Bert", email="bert@example.test"),
    )
    with pytest.raises(ValidationError) as refused:
        appointment_reschedule(actor=ANONYMOUS, manage_token=booked.token, starts_at=at(day, 10))
    assert _code(refused.value) == "slot_full"
    booked.appointment.refresh_from_db()
    assert booked.appointment.starts_at == at(day, 9)
    assert AppointmentEvent.objects.filter(kind="rescheduled").count() == 0


def test_cancel_with_the_link_frees_the_slot_and_ends_the_link(
    office_product: OfficeProduct,
) -> None:
    starts_at = at(next_open_day(), 9)
    booked = appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=starts_at, holder=GUEST
    )
    appointment_transition(
        actor=ANONYMOUS, manage_token=booked.token, to_status=AppointmentStatus.CANCELLED
    )
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == "cancelled"
    with pytest.raises(ValidationError) as refused:
        appointment_by_manage_token(token=booked.token)
    assert refused.value.code == "link_expired"
    again = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=starts_at,
        holder=Holder(name="Bert", email="bert@example.test"),
    )
    assert again.appointment.desk_id == booked.appointment.desk_id


def test_a_wrong_link_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        appointment_by_manage_token(token="not-a-real-token")
    assert refused.value.code == "link_invalid"
    assert refused.value.messages == [
        "This link is not valid. Use the link from your most recent message."
    ]


def test_an_anonymous_caller_cannot_cancel_without_the_link(
    office_product: OfficeProduct,
) -> None:
    booked = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(next_open_day(), 9),
        holder=GUEST,
    )
    with pytest.raises(PermissionDenied):
        appointment_transition(
            actor=ANONYMOUS, appointment=booked.appointment, to_status="cancelled"
        )
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == "booked"


def test_without_the_link_an_anonymous_caller_can_change_nothing(
    office_product: OfficeProduct,
) -> None:
    day = next_open_day()
    booked = appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=at(day, 9), holder=GUEST
    )
    with pytest.raises(PermissionDenied):
        appointment_reschedule(
            actor=ANONYMOUS, appointment=booked.appointment, starts_at=at(day, 13, 30)
        )
    with pytest.raises(PermissionDenied):
        appointment_transition(
            actor=ANONYMOUS, appointment=booked.appointment, to_status=AppointmentStatus.CANCELLED
        )
    for token in ("not-a-real-token", ""):
        with pytest.raises(ValidationError) as refused:
            appointment_reschedule(actor=ANONYMOUS, manage_token=token, starts_at=at(day, 13, 30))
        assert refused.value.code == "link_invalid"
        with pytest.raises(ValidationError) as refused:
            appointment_transition(
                actor=ANONYMOUS, manage_token=token, to_status=AppointmentStatus.CANCELLED
            )
        assert refused.value.code == "link_invalid"
    booked.appointment.refresh_from_db()
    assert (booked.appointment.status, booked.appointment.starts_at) == ("booked", at(day, 9))
    assert list(AppointmentEvent.objects.values_list("kind", flat=True)) == ["booked"]
    assert ManageLink.objects.count() == 1


def test_a_taken_reference_is_drawn_again(
    office_product: OfficeProduct, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = iter(["AAAA2222", "AAAA2222", "BBBB3333"])
    monkeypatch.setattr(booking, "_reference", lambda: next(drawn))
    day = next_open_day()
    first = appointment_book(
        actor=ANONYMOUS, office_product=office_product, starts_at=at(day, 9), holder=GUEST
    )
    second = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(day, 10),
        holder=Holder(name="Bert", email="bert@example.test"),
    )
    assert (first.appointment.reference, second.appointment.reference) == (
        "AAAA2222",
        "BBBB3333",
    )
    assert Appointment.objects.count() == 2
    assert AppointmentEvent.objects.filter(kind="booked").count() == 2
