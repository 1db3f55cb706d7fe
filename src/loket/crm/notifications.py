"""What the CRM domain sends: a staff member's answer to a resident's e-mail, and the
proactive service's invitation to renew an identity card that ends soon.

The answer is the staff member's own text; the subject is the mail's subject with "Re:".
It is essential (the resident asked), goes by e-mail first (then the resident's own
channels, should the mail bounce), and threads with the resident's mail (In-Reply-To and
References).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.crm.models import Suggestion
from loket.notify.events import SIGN_OFF, EventType, Variable, VariableKind, Wording, event_register
from loket.notify.models import Notification
from loket.notify.services import notification_send
from loket.people.models import Channel, ConsentPurpose, Person
from loket.tenancy.models import Municipality

MAIL_REPLY = event_register(
    EventType(
        code="crm.mail_reply",
        label=_("A staff member answered an e-mail"),
        essential=True,
        variables={
            "subject": Variable(_("Subject of the e-mail answered"), "Re: Parkeerkaart"),
            "text": Variable(_("The answer"), "U kunt de kaart online verlengen."),
        },
        wordings={
            "nl": Wording(
                subject="{{ subject }}",
                body="{{ text }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }} beantwoordde uw e-mail: {{ text }}",
            ),
            "fr": Wording(
                subject="{{ subject }}",
                body="{{ text }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }} a répondu à votre e-mail : {{ text }}",
            ),
            "en": Wording(
                subject="{{ subject }}",
                body="{{ text }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }} answered your e-mail: {{ text }}",
            ),
        },
    )
)


def mail_reply_notify(
    *,
    person: Person,
    municipality: Municipality,
    subject: str,
    text: str,
    idempotency_key: str,
    in_reply_to: str,
    references: str,
    reply_to: str,
) -> Notification:
    return notification_send(
        recipient=person,
        event=MAIL_REPLY.code,
        context={"subject": subject, "text": text},
        municipality=municipality,
        idempotency_key=idempotency_key,
        in_reply_to=in_reply_to,
        references=references,
        channels_first=[Channel.EMAIL],
        reply_to=reply_to,
    )


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
                "kaart mee." + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: uw identiteitskaart vervalt op {{ expires_on }}. "
                "Afspraak: {{ url }}",
            ),
            "fr": Wording(
                subject="Votre carte d'identité expire le {{ expires_on }}",
                body="Bonjour {{ recipient_name }},\n\nVotre carte d'identité est valable "
                "jusqu'au {{ expires_on }}. Demandez-en une nouvelle à temps : la fabrication "
                "prend 2 à 3 semaines. Prenez rendez-vous sur {{ url }} et apportez une photo "
                "récente et votre carte actuelle." + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : votre carte d'identité expire le "
                "{{ expires_on }}. Rendez-vous : {{ url }}",
            ),
            "en": Wording(
                subject="Your identity card expires on {{ expires_on }}",
                body="Dear {{ recipient_name }},\n\nYour identity card is valid until "
                "{{ expires_on }}. Ask for a new one in time: making it takes 2 to 3 weeks. "
                "Book a visit at {{ url }} and bring a recent photo and your current card."
                + SIGN_OFF["en"],
                sms="{{ municipality_name }}: your identity card expires on {{ expires_on }}. "
                "Book: {{ url }}",
            ),
        },
    )
)


def id_card_renewal_notify(*, suggestion: Suggestion, book_url: str) -> None:
    """Invite the resident of the suggestion (one anonymised by the retention job is told
    nothing: it names nobody)."""
    if suggestion.person is None:
        return
    notification_send(
        recipient=suggestion.person,
        event=ID_CARD_RENEWAL.code,
        context={"expires_on": suggestion.occasion_on.isoformat(), "url": absolute_url(book_url)},
        municipality=suggestion.municipality,
        idempotency_key=f"crm-id-card-{suggestion.person_id}-{suggestion.occasion}",
    )


# The contact centre's events (a question received, a question answered).
import loket.crm.contact_centre.notifications  # noqa: E402, F401
