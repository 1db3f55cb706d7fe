"""What residents are told by the proactive service, through loket.notify: the invitation
to renew an identity card that ends soon."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.crm.models import Suggestion
from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send
from loket.people.models import ConsentPurpose

_SIGN_OFF = {
    "nl": "\n\nMet vriendelijke groeten,\n{{ municipality_name }}",
    "fr": "\n\nCordialement,\n{{ municipality_name }}",
    "en": "\n\nKind regards,\n{{ municipality_name }}",
}

ID_CARD_RENEWAL = event_register(
    EventType(
        code="crm.id_card_renewal",
        label=_("Invitation to renew an identity card that expires soon"),
        essential=False,
        # Opt-out: sent unless the resident said no to suggestions.
        consent_purpose=ConsentPurpose.SUGGESTIONS,
        variables={
            "expires_on": Variable(_("Valid until"), "2027-01-31", VariableKind.DATE),
            "url": Variable(
                _("Link to book the visit"),
                "https://loket.example/kortrijk/afspraken/eid-card/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Uw identiteitskaart vervalt op {{ expires_on }}",
                body="Beste {{ recipient_name }},\n\nUw identiteitskaart is geldig tot "
                "{{ expires_on }}. Vraag tijdig een nieuwe aan: de aanmaak duurt 2 à 3 weken. "
                "Maak een afspraak op {{ url }} en breng een recente pasfoto en uw huidige "
                "kaart mee." + _SIGN_OFF["nl"],
                sms="{{ municipality_name }}: uw identiteitskaart vervalt op {{ expires_on }}. "
                "Afspraak: {{ url }}",
            ),
            "fr": Wording(
                subject="Votre carte d'identité expire le {{ expires_on }}",
                body="Bonjour {{ recipient_name }},\n\nVotre carte d'identité est valable "
                "jusqu'au {{ expires_on }}. Demandez-en une nouvelle à temps : la fabrication "
                "prend 2 à 3 semaines. Prenez rendez-vous sur {{ url }} et apportez une photo "
                "récente et votre carte actuelle." + _SIGN_OFF["fr"],
                sms="{{ municipality_name }} : votre carte d'identité expire le "
                "{{ expires_on }}. Rendez-vous : {{ url }}",
            ),
            "en": Wording(
                subject="Your identity card expires on {{ expires_on }}",
                body="Dear {{ recipient_name }},\n\nYour identity card is valid until "
                "{{ expires_on }}. Ask for a new one in time: making it takes 2 to 3 weeks. "
                "Book a visit at {{ url }} and bring a recent photo and your current card."
                + _SIGN_OFF["en"],
                sms="{{ municipality_name }}: your identity card expires on {{ expires_on }}. "
                "Book: {{ url }}",
            ),
        },
    )
)


def id_card_renewal_notify(*, suggestion: Suggestion, book_url: str) -> None:
    notification_send(
        recipient=suggestion.person,
        event=ID_CARD_RENEWAL.code,
        context={"expires_on": suggestion.occasion_on.isoformat(), "url": absolute_url(book_url)},
        municipality=suggestion.municipality,
        idempotency_key=f"crm-id-card-{suggestion.person_id}-{suggestion.occasion}",
    )
