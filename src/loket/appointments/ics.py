"""Appointments as iCalendar events: the file attached to a confirmation, and a desk's feed
for staff calendars. What an event says is decided here; `loket.notify.ical` writes it."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext

from loket.appointments.models import Appointment, AppointmentEvent
from loket.appointments.workflow import AppointmentStatus
from loket.notify.ical import CalendarEvent, ical_document, ical_uid


def _event(appointment: Appointment, language: str, *, for_staff: bool) -> CalendarEvent:
    with translation.override(language):
        product = appointment.product.name_in(language)
        office = appointment.office
        if for_staff:
            summary = f"{product}: {appointment.name} ({appointment.reference})"
        else:
            summary = gettext("Appointment: %(product)s") % {"product": product}
        description = [gettext("Reference: %(reference)s") % {"reference": appointment.reference}]
        bring = office.products.filter(product_id=appointment.product_id).first()
        if bring is not None and bring.bring_in(language):
            description.append(
                gettext("What to bring: %(bring)s") % {"bring": bring.bring_in(language)}
            )
    latitude, longitude = office.latitude, office.longitude
    return CalendarEvent(
        uid=ical_uid("appointment", appointment.reference),
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        summary=summary,
        description="\n".join(description),
        location=f"{office.name_in(language)}, {office.address}",
        geo=(latitude, longitude) if latitude is not None and longitude is not None else None,
        sequence=AppointmentEvent.objects.filter(
            appointment=appointment, kind=AppointmentEvent.Kind.RESCHEDULED
        ).count(),
        cancelled=appointment.status == AppointmentStatus.CANCELLED,
        attendee_email=appointment.email if for_staff else "",
    )


def appointment_ics(appointment: Appointment, language: str) -> bytes:
    """The calendar file for the resident: one event (cancelled when cancelled)."""
    event = _event(appointment, language, for_staff=False)
    return ical_document(events=[event], method="CANCEL" if event.cancelled else "PUBLISH")


def desk_feed_ics(*, name: str, appointments: Iterable[Appointment], language: str) -> bytes:
    """A desk's feed: its appointments, for a staff member's calendar application."""
    return ical_document(
        events=[_event(appointment, language, for_staff=True) for appointment in appointments],
        name=name,
    )
