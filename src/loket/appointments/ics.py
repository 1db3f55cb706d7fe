"""Appointments as iCalendar (RFC 5545): the file attached to a confirmation, and a desk's
feed for staff calendars. Built with the `icalendar` library."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress, vText

from loket.appointments.models import Appointment, AppointmentEvent
from loket.appointments.workflow import AppointmentStatus

PRODUCT_ID = "-//Loket//Appointments//EN"


def _uid(appointment: Appointment) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "loket.invalid"
    return f"appointment-{appointment.reference}@{domain}"


def _event(appointment: Appointment, language: str, *, for_staff: bool) -> Event:
    with translation.override(language):
        product = appointment.product.name_in(language)
        office = appointment.office
        event = Event()
        event.add("uid", _uid(appointment))
        event.add("dtstamp", timezone.now())
        event.add("dtstart", appointment.starts_at)
        event.add("dtend", appointment.ends_at)
        sequence = AppointmentEvent.objects.filter(
            appointment=appointment, kind=AppointmentEvent.Kind.RESCHEDULED
        ).count()
        event.add("sequence", sequence)
        if for_staff:
            summary = f"{product}: {appointment.name} ({appointment.reference})"
        else:
            summary = gettext("Appointment: %(product)s") % {"product": product}
        event.add("summary", summary)
        event["location"] = vText(f"{office.name_in(language)}, {office.address}")
        description = [gettext("Reference: %(reference)s") % {"reference": appointment.reference}]
        bring = office.products.filter(product_id=appointment.product_id).first()
        if bring is not None and bring.bring_in(language):
            description.append(
                gettext("What to bring: %(bring)s") % {"bring": bring.bring_in(language)}
            )
        event.add("description", "\n".join(description))
        if office.latitude is not None and office.longitude is not None:
            event.add("geo", (office.latitude, office.longitude))
        cancelled = appointment.status == AppointmentStatus.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if for_staff and appointment.email:
            event.add("attendee", vCalAddress(f"mailto:{appointment.email}"))
    return event


def appointment_ics(appointment: Appointment, language: str) -> bytes:
    """The calendar file for the resident: one event (cancelled when cancelled)."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    cancelled = appointment.status == AppointmentStatus.CANCELLED
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    calendar.add_component(_event(appointment, language, for_staff=False))
    return bytes(calendar.to_ical())


def desk_feed_ics(*, name: str, appointments: Iterable[Appointment], language: str) -> bytes:
    """A desk's feed: its appointments, for a staff member's calendar application."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for appointment in appointments:
        calendar.add_component(_event(appointment, language, for_staff=True))
    return bytes(calendar.to_ical())
