"""What the CRM domain sends: a staff member's answer to a resident's e-mail.

The answer is the staff member's own text; the subject is the mail's subject with "Re:".
It is essential (the resident asked), goes by e-mail first (then the resident's own
channels, should the mail bounce), and threads with the resident's mail (In-Reply-To and
References).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from loket.notify.events import EventType, Variable, Wording, event_register
from loket.notify.models import Notification
from loket.notify.services import notification_send
from loket.people.models import Channel, Person
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
