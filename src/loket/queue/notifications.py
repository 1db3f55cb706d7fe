"""What the resident waiting in the hall is told: "your turn in about 5 minutes".

The event type is registered at start-up (the notify app loads this module). After each
call at a desk, `soon_alerts_send` looks at the office's waiting tickets whose holder gave a
way to reach them; the first time a ticket's estimate falls to `SOON_MINUTES` or less it is
stamped (`soon_alert_at`, so nobody is told twice): a resident of the register is told
through loket.notify, a holder known only by a mobile number or an e-mail address through a
`TicketAlert` (delivered by `alerts.py` on notify's channels), in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from loket.appointments.models import Office
from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send
from loket.queue.links import ticket_url
from loket.queue.models import Ticket, TicketAlert
from loket.queue.selectors import ticket_estimate
from loket.queue.workflow import TicketStatus

SOON_MINUTES = 5

TURN_SOON = event_register(
    EventType(
        code="queue.turn_soon",
        label=_("A ticket's turn is near"),
        essential=True,
        variables={
            "ticket": Variable(_("Ticket number"), "A-012"),
            "office": Variable(_("Office"), "Stadhuis"),
            "minutes": Variable(_("Minutes left (about)"), "5"),
            "ticket_url": Variable(
                _("Link to the ticket's page"),
                "https://loket.example/wachtrij/ticket/0e1f…/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Uw beurt komt eraan: {{ ticket }}",
                body="Beste {{ recipient_name }},\n\nNummer {{ ticket }} is over ongeveer "
                "{{ minutes }} minuten aan de beurt in {{ office }}. Volg het op "
                "{{ ticket_url }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }}: nummer {{ ticket }} is over ongeveer {{ minutes }} "
                "min. aan de beurt. {{ ticket_url }}",
            ),
            "fr": Wording(
                subject="Bientôt votre tour : {{ ticket }}",
                body="Bonjour {{ recipient_name }},\n\nLe numéro {{ ticket }} passe dans "
                "environ {{ minutes }} minutes à {{ office }}. Suivez-le sur "
                "{{ ticket_url }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }} : le numéro {{ ticket }} passe dans environ "
                "{{ minutes }} min. {{ ticket_url }}",
            ),
            "en": Wording(
                subject="Your turn is near: {{ ticket }}",
                body="Dear {{ recipient_name }},\n\nNumber {{ ticket }} is called in about "
                "{{ minutes }} minutes at {{ office }}. Follow it at {{ ticket_url }}"
                "\n\n{{ municipality_name }}",
                sms="{{ municipality_name }}: number {{ ticket }} is called in about "
                "{{ minutes }} min. {{ ticket_url }}",
            ),
        },
    )
)


def _message_id() -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "loket.invalid"
    return f"<{uuid.uuid4().hex}.queue@{domain}>"


def _context(ticket: Ticket, language: str, minutes: int) -> dict[str, str]:
    """What the message says, without the link to the ticket's page: a secret, signed for
    a resident of the register as the notification is made, and for an alert only when it
    is delivered (`alerts.py`)."""
    return {
        "ticket": ticket.code,
        "office": ticket.office.name_in(language),
        "minutes": str(max(minutes, 1)),
    }


def _tell(ticket: Ticket, minutes: int) -> None:
    # A function-local import: the tasks module runs the delivery this module queues.
    from loket.queue.tasks import ticket_alert_defer

    if ticket.person is not None:
        notification_send(
            recipient=ticket.person,
            event=TURN_SOON.code,
            context={
                **_context(ticket, ticket.person.preferred_language, minutes),
                # Sent at once: the resident's own message keeps the link, which stops
                # working at the end of the ticket's day.
                "ticket_url": ticket_url(ticket_id=ticket.pk),
            },
            municipality=ticket.municipality,
            idempotency_key=f"queue-ticket-{ticket.pk}-soon",
        )
        return
    # No link in the stored alert: its delivery builds one (`alerts.py`), so neither the
    # alert row nor the job's arguments hold a secret.
    context = {**_context(ticket, ticket.language, minutes), "recipient_name": gettext("resident")}
    for channel, address in (("email", ticket.email), ("sms", ticket.phone)):
        if not address:
            continue
        alert, created = TicketAlert.objects.get_or_create(
            ticket=ticket,
            channel=channel,
            defaults={
                "address": address,
                "language": ticket.language,
                "notify_event": TURN_SOON.code,
                "context": context,
                "message_id": _message_id(),
            },
        )
        if created:
            ticket_alert_defer(ticket_alert_id=alert.pk)


def soon_alerts_send(*, office: Office, now: dt.datetime) -> int:
    """Tell the holders whose turn is now about `SOON_MINUTES` away; returns how many."""
    reachable = (
        Ticket.objects.filter(
            office=office, status=TicketStatus.WAITING, soon_alert_at__isnull=True
        )
        .filter(~Q(phone="") | ~Q(email="") | Q(person__isnull=False))
        .select_related("office", "municipality", "person")
    )
    told = 0
    for ticket in reachable:
        estimate = ticket_estimate(ticket=ticket, now=now)
        if estimate.minutes is None or estimate.minutes > SOON_MINUTES:
            continue
        Ticket.objects.filter(pk=ticket.pk).update(soon_alert_at=now)
        _tell(ticket, estimate.minutes)
        told += 1
    return told
