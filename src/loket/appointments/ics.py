"""Appointments as iCalendar events: the file attached to a confirmation, and a desk's feed
for staff calendars. What an event says is decided here; `loket.notify.ical` writes it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext

from loket.appointments.models import Appointment, AppointmentEvent, OfficeProduct
from loket.appointments.workflow import AppointmentStatus
from loket.notify.ical import CalendarEvent, ical_document, ical_uid


def _event(
    appointment: Appointment,
    language: str,
    *,
    for_staff: bool,
    brings: Mapping[int, OfficeProduct] | None = None,
    sequences: Mapping[int, int] | None = None,
) -> CalendarEvent:
    with translation.override(language):
        product = appointment.product.name_in(language)
        office = appointment.office
        if for_staff:
            # No name, e-mail or phone in the feed: a calendar application keeps and syncs
            # it outside Loket. Staff find the resident by the reference in the back office,
            # where the reading is logged.
            summary = f"{product} ({appointment.reference})"
        else:
            summary = gettext("Appointment: %(product)s") % {"product": product}
        description = [gettext("Reference: %(reference)s") % {"reference": appointment.reference}]
        bring = (
            brings.get(appointment.product_id)
            if brings is not None
            else office.products.filter(product_id=appointment.product_id).first()
        )
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
        sequence=(
            sequences.get(appointment.pk, 0)
            if sequences is not None
            else AppointmentEvent.objects.filter(
                appointment=appointment, kind=AppointmentEvent.Kind.RESCHEDULED
            ).count()
        ),
        cancelled=appointment.status == AppointmentStatus.CANCELLED,
    )


def appointment_ics(appointment: Appointment, language: str) -> bytes:
    """The calendar file for the resident: one event (cancelled when cancelled)."""
    event = _event(appointment, language, for_staff=False)
    return ical_document(events=[event], method="CANCEL" if event.cancelled else "PUBLISH")


def desk_feed_ics(*, name: str, appointments: Iterable[Appointment], language: str) -> bytes:
    """A desk's feed: its appointments, for a staff member's calendar application (three
    queries whatever the number of appointments)."""
    appointments = list(appointments)
    office_ids = {appointment.office_id for appointment in appointments}
    brings = {row.product_id: row for row in OfficeProduct.objects.filter(office_id__in=office_ids)}
    sequences = dict(
        AppointmentEvent.objects.filter(
            appointment__in=appointments, kind=AppointmentEvent.Kind.RESCHEDULED
        )
        .values("appointment_id")
        .annotate(moves=Count("id"))
        .values_list("appointment_id", "moves")
    )
    return ical_document(
        events=[
            _event(appointment, language, for_staff=True, brings=brings, sequences=sequences)
            for appointment in appointments
        ],
        name=name,
    )
