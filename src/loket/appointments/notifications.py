"""What the appointments domain tells people: the confirmation (with the .ics attached),
a move, a cancellation and the reminder the day before.

A signed-in resident (an appointment with a `person`) is told through
`loket.notify.services.notification_send`, with a link to "my appointments". Someone who
booked without an account gets the same wording through the guest outbox
(`GuestMessage`, delivered by `guest_messages.py` on notify's channels), by e-mail and/or
SMS, with the manage link; the link's token lives only in that outbox row until it is
sent. All events are essential (they are about an appointment the person made).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from loket.appointments.ics import appointment_ics
from loket.appointments.models import Appointment, Closure, GuestMessage
from loket.config.links import absolute_url
from loket.notify.channels.base import AttachmentFile
from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send

_VARIABLES = {
    "product_name": Variable(_("The product the appointment is for"), "Identiteitskaart (eID)"),
    "office_name": Variable(_("Name of the office"), "Stadhuis Kortrijk"),
    "office_address": Variable(_("Address of the office"), "Grote Markt 54, 8500 Kortrijk"),
    "starts_at": Variable(
        _("Date and time of the appointment"), "2026-04-30T09:15:00", VariableKind.DATETIME
    ),
    "reference": Variable(_("Reference of the appointment"), "K7M2QX9P"),
    "bring": Variable(_("What to bring (may be empty)"), "Uw oude identiteitskaart"),
    "manage_url": Variable(
        _("Link to change or cancel the appointment"),
        "https://loket.example/afspraken/beheer/abc/",
        VariableKind.URL,
    ),
}


def _event(
    code: str, label: Any, wordings: dict[str, Wording], leave_out: tuple[str, ...] = ()
) -> EventType:
    variables = {name: v for name, v in _VARIABLES.items() if name not in leave_out}
    return event_register(
        EventType(code=code, label=label, essential=True, variables=variables, wordings=wordings)
    )


_DETAILS = {
    "nl": (
        "Wanneer: {{ starts_at }}\nWaar: {{ office_name }}, {{ office_address }}\n"
        "Referentie: {{ reference }}\n{% if bring %}Meebrengen: {{ bring }}\n{% endif %}"
    ),
    "fr": (
        "Quand : {{ starts_at }}\nOù : {{ office_name }}, {{ office_address }}\n"
        "Référence : {{ reference }}\n{% if bring %}À apporter : {{ bring }}\n{% endif %}"
    ),
    "en": (
        "When: {{ starts_at }}\nWhere: {{ office_name }}, {{ office_address }}\n"
        "Reference: {{ reference }}\n{% if bring %}Bring: {{ bring }}\n{% endif %}"
    ),
}
_MANAGE = {
    "nl": "Wijzigen of annuleren: {{ manage_url }}",
    "fr": "Modifier ou annuler : {{ manage_url }}",
    "en": "Change or cancel: {{ manage_url }}",
}
_GREETING = {"nl": "Beste {{ recipient_name }},", "fr": "Bonjour {{ recipient_name }},"}
_GREETING["en"] = "Dear {{ recipient_name }},"
_CLOSING = {
    "nl": "Met vriendelijke groeten,\n{{ municipality_name }}",
    "fr": "Meilleures salutations,\n{{ municipality_name }}",
    "en": "Kind regards,\n{{ municipality_name }}",
}


def _wordings(
    subjects: dict[str, str], leads: dict[str, str], sms: dict[str, str]
) -> dict[str, Wording]:
    return {
        language: Wording(
            subject=subjects[language],
            body=(
                f"{_GREETING[language]}\n\n{leads[language]}\n\n{_DETAILS[language]}\n"
                f"{_MANAGE[language]}\n\n{_CLOSING[language]}"
            ),
            sms=sms[language],
        )
        for language in ("nl", "fr", "en")
    }


APPOINTMENT_BOOKED = _event(
    "appointment.booked",
    _("An appointment is booked"),
    _wordings(
        {
            "nl": "Uw afspraak: {{ product_name }} op {{ starts_at }}",
            "fr": "Votre rendez-vous : {{ product_name }} le {{ starts_at }}",
            "en": "Your appointment: {{ product_name }} on {{ starts_at }}",
        },
        {
            "nl": "Uw afspraak voor {{ product_name }} is bevestigd. "
            "Het agendabestand in bijlage zet ze in uw agenda.",
            "fr": "Votre rendez-vous pour {{ product_name }} est confirmé. "
            "Le fichier de calendrier en annexe l'ajoute à votre agenda.",
            "en": "Your appointment for {{ product_name }} is confirmed. "
            "The calendar file attached adds it to your calendar.",
        },
        {
            "nl": "{{ municipality_name }}: afspraak {{ product_name }} op {{ starts_at }}, "
            "{{ office_name }}. Ref. {{ reference }}. {{ manage_url }}",
            "fr": "{{ municipality_name }} : rendez-vous {{ product_name }} le {{ starts_at }}, "
            "{{ office_name }}. Réf. {{ reference }}. {{ manage_url }}",
            "en": "{{ municipality_name }}: appointment {{ product_name }} on {{ starts_at }}, "
            "{{ office_name }}. Ref. {{ reference }}. {{ manage_url }}",
        },
    ),
)

APPOINTMENT_RESCHEDULED = _event(
    "appointment.rescheduled",
    _("An appointment is moved"),
    _wordings(
        {
            "nl": "Uw afspraak is verplaatst naar {{ starts_at }}",
            "fr": "Votre rendez-vous est déplacé au {{ starts_at }}",
            "en": "Your appointment has moved to {{ starts_at }}",
        },
        {
            "nl": "Uw afspraak voor {{ product_name }} is verplaatst. "
            "Het agendabestand in bijlage werkt uw agenda bij.",
            "fr": "Votre rendez-vous pour {{ product_name }} est déplacé. "
            "Le fichier de calendrier en annexe met votre agenda à jour.",
            "en": "Your appointment for {{ product_name }} has moved. "
            "The calendar file attached updates your calendar.",
        },
        {
            "nl": "{{ municipality_name }}: afspraak {{ product_name }} verplaatst naar "
            "{{ starts_at }}. {{ manage_url }}",
            "fr": "{{ municipality_name }} : rendez-vous {{ product_name }} déplacé au "
            "{{ starts_at }}. {{ manage_url }}",
            "en": "{{ municipality_name }}: appointment {{ product_name }} moved to "
            "{{ starts_at }}. {{ manage_url }}",
        },
    ),
)

APPOINTMENT_CANCELLED = _event(
    "appointment.cancelled",
    _("An appointment is cancelled"),
    {
        "nl": Wording(
            subject="Uw afspraak van {{ starts_at }} is geannuleerd",
            body="Beste {{ recipient_name }},\n\nUw afspraak voor {{ product_name }} op "
            "{{ starts_at }} ({{ office_name }}, referentie {{ reference }}) is geannuleerd.\n\n"
            "Met vriendelijke groeten,\n{{ municipality_name }}",
            sms="{{ municipality_name }}: afspraak {{ product_name }} op {{ starts_at }} "
            "geannuleerd.",
        ),
        "fr": Wording(
            subject="Votre rendez-vous du {{ starts_at }} est annulé",
            body="Bonjour {{ recipient_name }},\n\nVotre rendez-vous pour {{ product_name }} le "
            "{{ starts_at }} ({{ office_name }}, référence {{ reference }}) est annulé.\n\n"
            "Meilleures salutations,\n{{ municipality_name }}",
            sms="{{ municipality_name }} : rendez-vous {{ product_name }} du {{ starts_at }} "
            "annulé.",
        ),
        "en": Wording(
            subject="Your appointment of {{ starts_at }} is cancelled",
            body="Dear {{ recipient_name }},\n\nYour appointment for {{ product_name }} on "
            "{{ starts_at }} ({{ office_name }}, reference {{ reference }}) is cancelled.\n\n"
            "Kind regards,\n{{ municipality_name }}",
            sms="{{ municipality_name }}: appointment {{ product_name }} on {{ starts_at }} "
            "cancelled.",
        ),
    },
    leave_out=("office_address", "bring", "manage_url"),
)

APPOINTMENT_OFFICE_CLOSED = event_register(
    EventType(
        code="appointment.office_closed",
        label=_("An appointment is cancelled because the office closes"),
        essential=True,
        variables={
            name: variable
            for name, variable in _VARIABLES.items()
            if name in {"product_name", "office_name", "starts_at", "reference"}
        }
        | {
            "reason": Variable(_("Why the office is closed (may be empty)"), "Brugdag"),
            "book_url": Variable(
                _("Link to book a new appointment"),
                "https://loket.example/kortrijk/afspraken/eid-card/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Uw afspraak van {{ starts_at }} is geannuleerd: het kantoor is gesloten",
                body="Beste {{ recipient_name }},\n\n{{ office_name }} is gesloten op de dag van "
                "uw afspraak voor {{ product_name }} op {{ starts_at }} (referentie "
                "{{ reference }}){% if reason %}: {{ reason }}{% endif %}. Uw afspraak is "
                "daarom geannuleerd.\n\nBoek een nieuwe afspraak op {{ book_url }}\n\n"
                "Met vriendelijke groeten,\n{{ municipality_name }}",
                sms="{{ municipality_name }}: {{ office_name }} is gesloten, afspraak "
                "{{ product_name }} op {{ starts_at }} geannuleerd. Nieuwe afspraak: "
                "{{ book_url }}",
            ),
            "fr": Wording(
                subject="Votre rendez-vous du {{ starts_at }} est annulé : le bureau est fermé",
                body="Bonjour {{ recipient_name }},\n\n{{ office_name }} est fermé le jour de "
                "votre rendez-vous pour {{ product_name }} le {{ starts_at }} (référence "
                "{{ reference }}){% if reason %} : {{ reason }}{% endif %}. Votre rendez-vous "
                "est donc annulé.\n\nPrenez un nouveau rendez-vous sur {{ book_url }}\n\n"
                "Meilleures salutations,\n{{ municipality_name }}",
                sms="{{ municipality_name }} : {{ office_name }} fermé, rendez-vous "
                "{{ product_name }} du {{ starts_at }} annulé. Nouveau rendez-vous : "
                "{{ book_url }}",
            ),
            "en": Wording(
                subject="Your appointment of {{ starts_at }} is cancelled: the office is closed",
                body="Dear {{ recipient_name }},\n\n{{ office_name }} is closed on the day of "
                "your appointment for {{ product_name }} on {{ starts_at }} (reference "
                "{{ reference }}){% if reason %}: {{ reason }}{% endif %}. Your appointment is "
                "therefore cancelled.\n\nBook a new appointment at {{ book_url }}\n\n"
                "Kind regards,\n{{ municipality_name }}",
                sms="{{ municipality_name }}: {{ office_name }} is closed, appointment "
                "{{ product_name }} on {{ starts_at }} cancelled. New appointment: "
                "{{ book_url }}",
            ),
        },
    )
)

APPOINTMENT_REMINDER = _event(
    "appointment.reminder",
    _("Reminder of an appointment the day before"),
    _wordings(
        {
            "nl": "Herinnering: uw afspraak morgen, {{ starts_at }}",
            "fr": "Rappel : votre rendez-vous demain, {{ starts_at }}",
            "en": "Reminder: your appointment tomorrow, {{ starts_at }}",
        },
        {
            "nl": "Wij verwachten u morgen voor {{ product_name }}.",
            "fr": "Nous vous attendons demain pour {{ product_name }}.",
            "en": "We expect you tomorrow for {{ product_name }}.",
        },
        {
            "nl": "{{ municipality_name }}: herinnering afspraak {{ product_name }} "
            "{{ starts_at }}, {{ office_name }}. {{ manage_url }}",
            "fr": "{{ municipality_name }} : rappel rendez-vous {{ product_name }} "
            "{{ starts_at }}, {{ office_name }}. {{ manage_url }}",
            "en": "{{ municipality_name }}: reminder appointment {{ product_name }} "
            "{{ starts_at }}, {{ office_name }}. {{ manage_url }}",
        },
    ),
)


def manage_url(token: str) -> str:
    return absolute_url(reverse("appointments:manage", kwargs={"token": token}))


def _context(
    appointment: Appointment, language: str, link: str, event: EventType
) -> dict[str, str]:
    office = appointment.office
    office_product = office.products.filter(product_id=appointment.product_id).first()
    with translation.override(language):
        values = {
            "product_name": appointment.product.name_in(language),
            "office_name": office.name_in(language),
            "office_address": office.address,
            "starts_at": timezone.localtime(appointment.starts_at)
            .replace(tzinfo=None)
            .isoformat(timespec="minutes"),
            "reference": appointment.reference,
            "bring": office_product.bring_in(language) if office_product else "",
            "manage_url": link,
        }
    return {name: value for name, value in values.items() if name in event.variables}


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "loket.invalid"
    return f"<{uuid.uuid4().hex}.appointment@{domain}>"


def _tell(
    appointment: Appointment,
    *,
    event: EventType,
    key: str,
    token: str,
    calendar_file: bool,
    extra: Callable[[str], dict[str, str]] | None = None,
) -> None:
    """Tell whoever booked, once per `key` (inside the business transaction); `extra`
    gives the event's own variables in the recipient's language."""
    # A function-local import: the tasks module runs the services that call this one.
    from loket.appointments.tasks import guest_message_defer

    if appointment.person is not None:
        person = appointment.person
        link = absolute_url(reverse("appointments:my-appointments"))
        attachments = (
            (
                AttachmentFile(
                    filename=f"{appointment.reference}.ics",
                    content_type="text/calendar",
                    content=appointment_ics(appointment, person.preferred_language),
                ),
            )
            if calendar_file
            else ()
        )
        notification_send(
            recipient=person,
            event=event.code,
            context={
                **_context(appointment, person.preferred_language, link, event),
                **(extra(person.preferred_language) if extra else {}),
            },
            municipality=appointment.municipality,
            idempotency_key=f"appointment-{appointment.pk}-{key}",
            attachments=attachments,
        )
        return
    link = manage_url(token) if token else ""
    context = {
        **_context(appointment, appointment.language, link, event),
        **(extra(appointment.language) if extra else {}),
        "recipient_name": appointment.name,
    }
    for channel, address in (("email", appointment.email), ("sms", appointment.phone)):
        if not address:
            continue
        message, created = GuestMessage.objects.get_or_create(
            appointment=appointment,
            channel=channel,
            idempotency_key=key,
            defaults={
                "address": address,
                "language": appointment.language,
                "notify_event": event.code,
                "context": context,
                "with_calendar_file": calendar_file and channel == "email",
                "message_id": _message_id(),
            },
        )
        if created:
            guest_message_defer(guest_message_id=message.pk)


def appointment_booked_notify(*, appointment: Appointment, event_id: int, token: str) -> None:
    _tell(
        appointment,
        event=APPOINTMENT_BOOKED,
        key=f"event-{event_id}",
        token=token,
        calendar_file=True,
    )


def appointment_rescheduled_notify(*, appointment: Appointment, event_id: int, token: str) -> None:
    _tell(
        appointment,
        event=APPOINTMENT_RESCHEDULED,
        key=f"event-{event_id}",
        token=token,
        calendar_file=True,
    )


def appointment_cancelled_notify(*, appointment: Appointment, event_id: int) -> None:
    _tell(
        appointment,
        event=APPOINTMENT_CANCELLED,
        key=f"event-{event_id}",
        token="",
        calendar_file=True,
    )


def appointment_office_closed_notify(
    *, appointment: Appointment, event_id: int, closure: Closure
) -> None:
    """The office closes on the day of the appointment, which is therefore cancelled: why,
    and where to book another (with the .ics that takes it out of the calendar)."""
    book_url = absolute_url(
        reverse(
            "appointments:book",
            kwargs={"slug": appointment.municipality.slug, "code": appointment.product.code},
        )
    )

    def extra(language: str) -> dict[str, str]:
        return {"reason": closure.reason_in(language), "book_url": book_url}

    _tell(
        appointment,
        event=APPOINTMENT_OFFICE_CLOSED,
        key=f"event-{event_id}",
        token="",
        calendar_file=True,
        extra=extra,
    )


def appointment_reminder_notify(*, appointment: Appointment, token: str) -> None:
    key = f"reminder-{appointment.starts_at:%Y%m%d%H%M}"
    _tell(appointment, event=APPOINTMENT_REMINDER, key=key, token=token, calendar_file=False)
