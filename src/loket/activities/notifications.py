"""What parents are told about their children's registrations, through loket.notify.

Every send happens inside the business transaction with an idempotency key per
registration and occasion, so a retried transaction never tells anyone twice.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.activities.models import Registration
from loket.config.links import absolute_url
from loket.notify.events import SIGN_OFF, EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send
from loket.people.models import Person

_ACTIVITY = Variable(_("Activity"), "Sportkamp Kortrijk")
_PERIOD = Variable(_("Week or course"), "Week 1 (6-10 July)")
_CHILD = Variable(_("Child's first name"), "Lotte")
_URL = Variable(
    _("Link to my registrations"), "https://loket.example/mijn/activiteiten/", VariableKind.URL
)
_COMMON = {"activity": _ACTIVITY, "period": _PERIOD, "child": _CHILD, "url": _URL}

REGISTRATION_CONFIRMED = event_register(
    EventType(
        code="activities.confirmed",
        label=_("A child's place at an activity is confirmed"),
        essential=True,
        variables={
            **_COMMON,
            "pay_before": Variable(
                _("Pay before (empty: free, or no deadline)"),
                "2026-07-01T12:00",
                VariableKind.DATETIME,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Inschrijving bevestigd: {{ activity }}",
                body="Beste {{ recipient_name }},\n\n{{ child }} is ingeschreven voor "
                "“{{ activity }}”, {{ period }}. Bekijk en betaal op {{ url }}{% if pay_before %}. "
                "Betaal vóór {{ pay_before }}, anders gaat de plaats naar de wachtlijst."
                "{% endif %}" + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: {{ child }} ingeschreven voor {{ activity }}.",
            ),
            "fr": Wording(
                subject="Inscription confirmée : {{ activity }}",
                body="Bonjour {{ recipient_name }},\n\n{{ child }} est inscrit(e) à "
                "« {{ activity }} », {{ period }}. Consultez et payez sur {{ url }}"
                "{% if pay_before %}. Payez avant le {{ pay_before }}, sinon la place passe à "
                "la liste d'attente.{% endif %}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : {{ child }} inscrit(e) à {{ activity }}.",
            ),
            "en": Wording(
                subject="Registration confirmed: {{ activity }}",
                body="Dear {{ recipient_name }},\n\n{{ child }} is registered for "
                "“{{ activity }}”, {{ period }}. View and pay at {{ url }}{% if pay_before %}. "
                "Pay before {{ pay_before }}, otherwise the place goes to the waiting list."
                "{% endif %}" + SIGN_OFF["en"],
                sms="{{ municipality_name }}: {{ child }} registered for {{ activity }}.",
            ),
        },
    )
)

REGISTRATION_WAITING = event_register(
    EventType(
        code="activities.waiting",
        label=_("A child is on an activity's waiting list"),
        essential=True,
        variables={**_COMMON, "rank": Variable(_("Place on the waiting list"), "3")},
        wordings={
            "nl": Wording(
                subject="Wachtlijst: {{ activity }}",
                body="Beste {{ recipient_name }},\n\n“{{ activity }}”, {{ period }} is volzet. "
                "{{ child }} staat op de wachtlijst (plaats {{ rank }}). Komt er een plaats "
                "vrij, dan laten we het u weten. {{ url }}" + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: {{ child }} op de wachtlijst ({{ rank }}).",
            ),
            "fr": Wording(
                subject="Liste d'attente : {{ activity }}",
                body="Bonjour {{ recipient_name }},\n\n« {{ activity }} », {{ period }} est "
                "complet. {{ child }} est sur la liste d'attente (place {{ rank }}). Nous vous "
                "préviendrons si une place se libère. {{ url }}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : {{ child }} en liste d'attente ({{ rank }}).",
            ),
            "en": Wording(
                subject="Waiting list: {{ activity }}",
                body="Dear {{ recipient_name }},\n\n“{{ activity }}”, {{ period }} is full. "
                "{{ child }} is on the waiting list (place {{ rank }}). We will tell you when a "
                "place becomes free. {{ url }}" + SIGN_OFF["en"],
                sms="{{ municipality_name }}: {{ child }} on the waiting list ({{ rank }}).",
            ),
        },
    )
)

PLACE_OFFERED = event_register(
    EventType(
        code="activities.offered",
        label=_("A place became free for a child on the waiting list"),
        essential=True,
        variables={
            **_COMMON,
            "deadline": Variable(_("Accept before"), "2026-07-01T12:00", VariableKind.DATETIME),
        },
        wordings={
            "nl": Wording(
                subject="Er is een plaats vrij: {{ activity }}",
                body="Beste {{ recipient_name }},\n\nEr is een plaats vrijgekomen voor "
                "{{ child }} in “{{ activity }}”, {{ period }}. Aanvaard ze vóór "
                "{{ deadline }} op {{ url }}, anders gaat ze naar de volgende op de wachtlijst."
                + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: plaats vrij voor {{ child }}. Aanvaard vóór "
                "{{ deadline }}: {{ url }}",
            ),
            "fr": Wording(
                subject="Une place s'est libérée : {{ activity }}",
                body="Bonjour {{ recipient_name }},\n\nUne place s'est libérée pour "
                "{{ child }} à « {{ activity }} », {{ period }}. Acceptez-la avant le "
                "{{ deadline }} sur {{ url }}, sinon elle passe au suivant de la liste."
                + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : place libre pour {{ child }}. Acceptez avant le "
                "{{ deadline }} : {{ url }}",
            ),
            "en": Wording(
                subject="A place is free: {{ activity }}",
                body="Dear {{ recipient_name }},\n\nA place became free for {{ child }} in "
                "“{{ activity }}”, {{ period }}. Accept it before {{ deadline }} at {{ url }}, "
                "otherwise it goes to the next on the waiting list." + SIGN_OFF["en"],
                sms="{{ municipality_name }}: a place is free for {{ child }}. Accept before "
                "{{ deadline }}: {{ url }}",
            ),
        },
    )
)


PLACE_RELEASED = event_register(
    EventType(
        code="activities.released",
        label=_("A child's place was released because it was not paid in time"),
        essential=True,
        variables={
            **_COMMON,
            "deadline": Variable(_("Pay before"), "2026-07-01T12:00", VariableKind.DATETIME),
        },
        wordings={
            "nl": Wording(
                subject="Plaats vrijgegeven: {{ activity }}",
                body="Beste {{ recipient_name }},\n\nDe plaats van {{ child }} in "
                "“{{ activity }}”, {{ period }} werd niet betaald vóór {{ deadline }}. Ze is "
                "daarom vrijgegeven voor de wachtlijst en het betalingsverzoek is geannuleerd. "
                "U kunt {{ child }} opnieuw inschrijven op {{ url }}" + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: plaats van {{ child }} in {{ activity }} niet "
                "betaald vóór {{ deadline }} en vrijgegeven. {{ url }}",
            ),
            "fr": Wording(
                subject="Place libérée : {{ activity }}",
                body="Bonjour {{ recipient_name }},\n\nLa place de {{ child }} à "
                "« {{ activity }} », {{ period }} n'a pas été payée avant le {{ deadline }}. "
                "Elle a donc été libérée pour la liste d'attente et la demande de paiement est "
                "annulée. Vous pouvez réinscrire {{ child }} sur {{ url }}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : place de {{ child }} à {{ activity }} non payée "
                "avant le {{ deadline }}, libérée. {{ url }}",
            ),
            "en": Wording(
                subject="Place released: {{ activity }}",
                body="Dear {{ recipient_name }},\n\nThe place of {{ child }} in "
                "“{{ activity }}”, {{ period }} was not paid before {{ deadline }}. It was "
                "therefore released to the waiting list and the payment request is cancelled. "
                "You can register {{ child }} again at {{ url }}" + SIGN_OFF["en"],
                sms="{{ municipality_name }}: the place of {{ child }} in {{ activity }} was not "
                "paid before {{ deadline }} and is released. {{ url }}",
            ),
        },
    )
)


def _context(registration: Registration, parent: Person) -> dict[str, str]:
    child = registration.child
    return {
        "activity": registration.activity.title_in(parent.preferred_language),
        "period": registration.period.label,
        "child": child.first_names.split(" ")[0] if child is not None else "",
        "url": absolute_url(reverse("activities:my-registrations")),
    }


def registration_confirmed_notify(*, registration: Registration) -> None:
    parent = registration.parent
    if parent is None:  # anonymised (loket.activities.retention): nobody to tell
        return
    due = registration.payment_due_at
    notification_send(
        recipient=parent,
        event=REGISTRATION_CONFIRMED.code,
        context={**_context(registration, parent), "pay_before": due.isoformat() if due else ""},
        municipality=registration.municipality,
        idempotency_key=f"activity-registration-{registration.pk}-confirmed",
    )


def registration_waiting_notify(*, registration: Registration, rank: int) -> None:
    parent = registration.parent
    if parent is None:  # anonymised (loket.activities.retention): nobody to tell
        return
    notification_send(
        recipient=parent,
        event=REGISTRATION_WAITING.code,
        context={**_context(registration, parent), "rank": str(rank)},
        municipality=registration.municipality,
        idempotency_key=f"activity-registration-{registration.pk}-waiting",
    )


def place_offered_notify(*, registration: Registration) -> None:
    parent = registration.parent
    if parent is None:  # anonymised (loket.activities.retention): nobody to tell
        return
    assert registration.offer_expires_at is not None
    notification_send(
        recipient=parent,
        event=PLACE_OFFERED.code,
        context={
            **_context(registration, parent),
            "deadline": registration.offer_expires_at.isoformat(),
        },
        municipality=registration.municipality,
        idempotency_key=f"activity-registration-{registration.pk}-offered",
    )


def place_released_notify(*, registration: Registration) -> None:
    parent = registration.parent
    if parent is None:  # anonymised (loket.activities.retention): nobody to tell
        return
    assert registration.payment_due_at is not None
    notification_send(
        recipient=parent,
        event=PLACE_RELEASED.code,
        context={
            **_context(registration, parent),
            "deadline": registration.payment_due_at.isoformat(),
        },
        municipality=registration.municipality,
        idempotency_key=f"activity-registration-{registration.pk}-released",
    )
