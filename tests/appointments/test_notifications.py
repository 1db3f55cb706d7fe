"""What people are told: the guest's confirmation through a real SMTP server with the .ics
and the manage link (its context emptied once sent), and the reminder the day before,
once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from loket.appointments.guest_messages import guest_message_deliver
from loket.appointments.models import AppointmentEvent, GuestMessage, ManageLink, OfficeProduct
from loket.appointments.services import Holder, appointment_book, appointments_remind
from loket.notify.models import Notification
from loket.tenancy.access import ANONYMOUS, actor_for_resident
from tests.appointments.helpers import at, next_open_day
from tests.factories import PersonFactory
from tests.notify.conftest import SmtpSink, smtp_server

__all__ = ["smtp_server"]

pytestmark = pytest.mark.django_db


def test_the_guest_gets_the_confirmation_with_the_calendar_file(
    office_product: OfficeProduct, smtp_server: SmtpSink
) -> None:
    day = next_open_day()
    booked = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(day, 9, 30),
        holder=Holder(name="Ann Desmet", email="ann@example.test", language="en"),
    )
    message = GuestMessage.objects.get()
    assert guest_message_deliver(guest_message_id=message.pk) is None
    assert guest_message_deliver(guest_message_id=message.pk) is None  # sent once
    [mail] = smtp_server.messages
    assert mail["To"] == "ann@example.test"
    assert mail["Subject"].startswith(f"Your appointment: {office_product.product.name_en} on ")
    body = mail.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Dear Ann Desmet," in body
    assert f"/afspraken/beheer/{booked.token}/" in body
    assert "Bring: Your old card" in body
    [attachment] = [part for part in mail.iter_attachments()]
    assert attachment.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(attachment.get_content())
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == at(day, 9, 30)
    assert str(event["uid"]).startswith(f"appointment-{booked.appointment.reference}@")
    message.refresh_from_db()
    assert (message.status, message.context) == ("sent", {})


def test_the_reminder_goes_once_the_day_before(office_product: OfficeProduct, municipality) -> None:
    person = PersonFactory(municipality=municipality)
    day = next_open_day()
    guest = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(day, 9),
        holder=Holder(name="Ann", phone="+32470000000"),
    ).appointment
    resident = appointment_book(
        actor=actor_for_resident(person.pk),
        office_product=office_product,
        starts_at=at(day, 10),
        holder=Holder(person=person),
    ).appointment
    the_day_before = timezone.make_aware(
        dt.datetime.combine(day - dt.timedelta(days=1), dt.time(8))
    )
    assert appointments_remind(now=the_day_before - dt.timedelta(days=1)) == 0
    assert appointments_remind(now=the_day_before) == 2
    assert appointments_remind(now=the_day_before) == 0
    [sms] = GuestMessage.objects.filter(notify_event="appointment.reminder")
    assert (sms.appointment_id, sms.channel) == (guest.pk, "sms")
    assert ManageLink.objects.filter(appointment=guest).count() == 2  # a fresh link for the SMS
    # ... which replaces the confirmation's link: only one link works.
    assert ManageLink.objects.filter(appointment=guest, expires_at__gt=timezone.now()).count() == 1
    assert Notification.objects.filter(event="appointment.reminder", person=person).count() == 1
    assert AppointmentEvent.objects.filter(kind="reminded").count() == 2
    resident.refresh_from_db()
    assert resident.reminded_at == the_day_before
