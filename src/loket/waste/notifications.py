"""What the waste domain sends: the reminder, the evening before, of tomorrow's collection
in the resident's street. Optional and opt-in (consent purpose `waste_reminders`, chosen on
"my page"); sent on the resident's own channels."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from loket.notify.events import SIGN_OFF, EventType, Variable, VariableKind, Wording, event_register
from loket.notify.models import Notification
from loket.notify.services import notification_send
from loket.people.models import ConsentPurpose, Person
from loket.tenancy.models import Municipality

COLLECTION_REMINDER = event_register(
    EventType(
        code="waste.collection_reminder",
        label=_("Reminder of tomorrow's waste collection"),
        essential=False,
        consent_purpose=ConsentPurpose.WASTE_REMINDERS,
        variables={
            "collection_date": Variable(_("Collection date"), "2026-03-14", VariableKind.DATE),
            "fractions": Variable(_("What is collected"), "Rest, PMD"),
            "url": Variable(
                _("Link to the calendar"), "https://loket.example/mijn/gemeente/", VariableKind.URL
            ),
        },
        wordings={
            "nl": Wording(
                subject="Morgen ophaling: {{ fractions }}",
                body="Beste {{ recipient_name }},\n\nMorgen, {{ collection_date }}, wordt in "
                "uw straat opgehaald: {{ fractions }}. Zet het afval buiten vóór 6 uur 's "
                "morgens.\n\nDe hele kalender: {{ url }}" + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: morgen ophaling {{ fractions }}. Buiten vóór 6 uur.",
            ),
            "fr": Wording(
                subject="Collecte demain : {{ fractions }}",
                body="Bonjour {{ recipient_name }},\n\nDemain, {{ collection_date }}, la "
                "collecte dans votre rue concerne : {{ fractions }}. Sortez vos déchets avant "
                "6 heures du matin.\n\nLe calendrier complet : {{ url }}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : collecte demain {{ fractions }}. Sortez-les "
                "avant 6 h.",
            ),
            "en": Wording(
                subject="Collection tomorrow: {{ fractions }}",
                body="Dear {{ recipient_name }},\n\nTomorrow, {{ collection_date }}, this is "
                "collected in your street: {{ fractions }}. Put it out before 6 in the "
                "morning.\n\nThe whole calendar: {{ url }}" + SIGN_OFF["en"],
                sms="{{ municipality_name }}: collection tomorrow {{ fractions }}. Out before "
                "6 am.",
            ),
        },
    )
)


def reminder_key(*, person_id: int, collection_date: dt.date) -> str:
    """One reminder per resident and collection day, however often the job runs."""
    return f"waste-reminder-{person_id}-{collection_date.isoformat()}"


def collection_reminder_notify(
    *,
    person: Person,
    municipality: Municipality,
    collection_date: dt.date,
    fractions: str,
    url: str,
) -> Notification:
    return notification_send(
        recipient=person,
        event=COLLECTION_REMINDER.code,
        context={
            "collection_date": collection_date.isoformat(),
            "fractions": fractions,
            "url": url,
        },
        municipality=municipality,
        idempotency_key=reminder_key(person_id=person.pk, collection_date=collection_date),
    )
