"""What the requester is told about a booking, through the notification service.

Registered at start-up (the notify app loads this module). Every send happens inside the
booking's transaction with an idempotency key per booking event, so a retried transaction
never tells anyone twice.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.core.dates import date_display
from loket.notify.events import SIGN_OFF, EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send
from loket.resources.models import Booking, BookingEvent
from loket.resources.workflow import BookingStatus

_VARIABLES = {
    "resource": Variable(_("What was booked"), "Feestzaal De Linde"),
    "period": Variable(_("When"), "12/12/2026 14:00\u201318:00"),
    "status": Variable(_("Status of the booking"), "Bevestigd"),
    "message": Variable(_("Explanation of staff (may be empty)"), ""),
    "booking_url": Variable(
        _("Link to the booking on the portal"),
        "https://loket.example/mijn/reservaties/12/",
        VariableKind.URL,
    ),
}

BOOKING_STATUS = event_register(
    EventType(
        code="resources.booking_status",
        label=_("A booking was received, confirmed, refused or cancelled"),
        essential=True,
        variables=_VARIABLES,
        wordings={
            "nl": Wording(
                subject="Reservatie {{ resource }}: {{ status }}",
                body="Beste {{ recipient_name }},\n\nUw reservatie van {{ resource }} "
                "({{ period }}) heeft de status: {{ status }}."
                "{% if message %}\n\n{{ message }}{% endif %}\n\nMeer op {{ booking_url }}"
                + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: reservatie {{ resource }} ({{ period }}): "
                "{{ status }}. {{ booking_url }}",
            ),
            "fr": Wording(
                subject="Réservation {{ resource }} : {{ status }}",
                body="Bonjour {{ recipient_name }},\n\nVotre réservation de {{ resource }} "
                "({{ period }}) a le statut : {{ status }}."
                "{% if message %}\n\n{{ message }}{% endif %}\n\nPlus d'informations sur "
                "{{ booking_url }}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : réservation {{ resource }} ({{ period }}) : "
                "{{ status }}. {{ booking_url }}",
            ),
            "en": Wording(
                subject="Booking {{ resource }}: {{ status }}",
                body="Dear {{ recipient_name }},\n\nYour booking of {{ resource }} "
                "({{ period }}) has the status: {{ status }}."
                "{% if message %}\n\n{{ message }}{% endif %}\n\nMore at {{ booking_url }}"
                + SIGN_OFF["en"],
                sms="{{ municipality_name }}: booking {{ resource }} ({{ period }}): "
                "{{ status }}. {{ booking_url }}",
            ),
        },
    )
)


def booking_url(booking: Booking) -> str:
    return absolute_url(reverse("resources:my-booking", kwargs={"booking_id": booking.pk}))


def period_text(booking: Booking, language: str) -> str:
    start = timezone.localtime(booking.starts_at)
    end = timezone.localtime(booking.ends_at)
    first = f"{date_display(start.date(), language)} {start:%H:%M}"
    if start.date() == end.date():
        return f"{first}\u2013{end:%H:%M}"
    return f"{first} \u2013 {date_display(end.date(), language)} {end:%H:%M}"


def booking_status_notify(*, booking: Booking, event: BookingEvent) -> None:
    """Tell the requester what became of their booking (received, confirmed, refused,
    cancelled), in their language. An anonymised booking (loket.resources.retention) has
    nobody to tell."""
    person = booking.person
    if person is None:
        return
    language = person.preferred_language or "nl"
    with translation.override(language):
        status = str(BookingStatus(booking.status).label)
    notification_send(
        recipient=person,
        event=BOOKING_STATUS.code,
        context={
            "resource": booking.resource.name_in(language),
            "period": period_text(booking, language),
            "status": status,
            "message": event.message,
            "booking_url": booking_url(booking),
        },
        municipality=booking.municipality,
        idempotency_key=f"booking-event-{event.pk}",
    )
