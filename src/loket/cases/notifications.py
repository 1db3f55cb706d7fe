"""What the resident is told about their request, through the notification service.

The event types are registered at start-up (the notify app loads this module). Every send
happens inside the business transaction, with an idempotency key per case and event, so a
retried transaction never tells the resident twice.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from loket.cases.models import Case, CaseEvent
from loket.cases.workflow import CaseStatus
from loket.config.links import absolute_url
from loket.notify.events import SIGN_OFF, EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send

_NUMBER = Variable(_("Case number"), "KORTRIJK-2026-000123")
_PRODUCT = Variable(_("What was asked for"), "Bewonerskaart")
_CASE_URL = Variable(
    _("Link to the request on the portal"),
    "https://loket.example/mijn/aanvragen/KORTRIJK-2026-000123/",
    VariableKind.URL,
)
CASE_SUBMITTED = event_register(
    EventType(
        code="case.submitted",
        label=_("A request was received"),
        essential=True,
        variables={
            "case_number": _NUMBER,
            "product": _PRODUCT,
            "due_date": Variable(_("Answer expected by"), "2026-05-12", VariableKind.DATE),
            "case_url": _CASE_URL,
        },
        wordings={
            "nl": Wording(
                subject="Aanvraag ontvangen: {{ product }} ({{ case_number }})",
                body="Beste {{ recipient_name }},\n\nWe ontvingen uw aanvraag “{{ product }}” "
                "met nummer {{ case_number }}. U krijgt een antwoord uiterlijk op "
                "{{ due_date }}. Volg uw aanvraag op {{ case_url }}" + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: aanvraag {{ case_number }} ontvangen. {{ case_url }}",
            ),
            "fr": Wording(
                subject="Demande reçue : {{ product }} ({{ case_number }})",
                body="Bonjour {{ recipient_name }},\n\nNous avons reçu votre demande "
                "« {{ product }} » portant le numéro {{ case_number }}. Vous recevrez une "
                "réponse au plus tard le {{ due_date }}. Suivez votre demande sur "
                "{{ case_url }}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : demande {{ case_number }} reçue. {{ case_url }}",
            ),
            "en": Wording(
                subject="Request received: {{ product }} ({{ case_number }})",
                body="Dear {{ recipient_name }},\n\nWe received your request “{{ product }}” "
                "with number {{ case_number }}. You will get an answer by {{ due_date }}. "
                "Follow your request at {{ case_url }}" + SIGN_OFF["en"],
                sms="{{ municipality_name }}: request {{ case_number }} received. {{ case_url }}",
            ),
        },
    )
)

CASE_STATUS_CHANGED = event_register(
    EventType(
        code="case.status_changed",
        label=_("The status of a request changed"),
        essential=True,
        variables={
            "case_number": _NUMBER,
            "product": _PRODUCT,
            "status": Variable(_("New status"), "In behandeling"),
            "message": Variable(_("Explanation of the handler (may be empty)"), ""),
            "case_url": _CASE_URL,
        },
        wordings={
            "nl": Wording(
                subject="{{ product }} ({{ case_number }}): {{ status }}",
                body="Beste {{ recipient_name }},\n\nUw aanvraag “{{ product }}” "
                "({{ case_number }}) heeft een nieuwe status: {{ status }}."
                "{% if message %}\n\n{{ message }}{% endif %}\n\nMeer op {{ case_url }}"
                + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: aanvraag {{ case_number }}: {{ status }}. "
                "{{ case_url }}",
            ),
            "fr": Wording(
                subject="{{ product }} ({{ case_number }}) : {{ status }}",
                body="Bonjour {{ recipient_name }},\n\nVotre demande « {{ product }} » "
                "({{ case_number }}) a un nouveau statut : {{ status }}."
                "{% if message %}\n\n{{ message }}{% endif %}\n\nPlus d'informations sur "
                "{{ case_url }}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : demande {{ case_number }} : {{ status }}. "
                "{{ case_url }}",
            ),
            "en": Wording(
                subject="{{ product }} ({{ case_number }}): {{ status }}",
                body="Dear {{ recipient_name }},\n\nYour request “{{ product }}” "
                "({{ case_number }}) has a new status: {{ status }}."
                "{% if message %}\n\n{{ message }}{% endif %}\n\nMore at {{ case_url }}"
                + SIGN_OFF["en"],
                sms="{{ municipality_name }}: request {{ case_number }}: {{ status }}. "
                "{{ case_url }}",
            ),
        },
    )
)

CASE_MESSAGE = event_register(
    EventType(
        code="case.message",
        label=_("A new message about a request"),
        essential=True,
        variables={"case_number": _NUMBER, "product": _PRODUCT, "case_url": _CASE_URL},
        wordings={
            "nl": Wording(
                subject="Nieuw bericht over {{ product }} ({{ case_number }})",
                body="Beste {{ recipient_name }},\n\nEr is een nieuw bericht over uw aanvraag "
                "“{{ product }}” ({{ case_number }}). Lees en beantwoord het op "
                "{{ case_url }}" + SIGN_OFF["nl"],
                sms="{{ municipality_name }}: nieuw bericht over aanvraag {{ case_number }}. "
                "{{ case_url }}",
            ),
            "fr": Wording(
                subject="Nouveau message concernant {{ product }} ({{ case_number }})",
                body="Bonjour {{ recipient_name }},\n\nVous avez un nouveau message concernant "
                "votre demande « {{ product }} » ({{ case_number }}). Lisez-le et répondez "
                "sur {{ case_url }}" + SIGN_OFF["fr"],
                sms="{{ municipality_name }} : nouveau message, demande {{ case_number }}. "
                "{{ case_url }}",
            ),
            "en": Wording(
                subject="New message about {{ product }} ({{ case_number }})",
                body="Dear {{ recipient_name }},\n\nThere is a new message about your request "
                "“{{ product }}” ({{ case_number }}). Read and answer it at {{ case_url }}"
                + SIGN_OFF["en"],
                sms="{{ municipality_name }}: new message about request {{ case_number }}. "
                "{{ case_url }}",
            ),
        },
    )
)


def case_public_url(case: Case) -> str:
    """The absolute link to the resident's page of the case."""
    return absolute_url(reverse("cases:my-request", kwargs={"number": case.number}))


def _base_context(case: Case) -> dict[str, str]:
    language = case.applicant_required.preferred_language
    return {
        "case_number": case.number,
        "product": case.product.name_in(language),
        "case_url": case_public_url(case),
    }


def case_submitted_notify(*, case: Case) -> None:
    notification_send(
        recipient=case.applicant_required,
        event=CASE_SUBMITTED.code,
        context={**_base_context(case), "due_date": case.due_date.isoformat()},
        municipality=case.municipality,
        idempotency_key=f"case-{case.pk}-submitted",
    )


def case_status_notify(*, case: Case, event: CaseEvent) -> None:
    with translation.override(case.applicant_required.preferred_language):
        status = str(CaseStatus(event.to_status).label)
    notification_send(
        recipient=case.applicant_required,
        event=CASE_STATUS_CHANGED.code,
        context={**_base_context(case), "status": status, "message": event.message},
        municipality=case.municipality,
        idempotency_key=f"case-event-{event.pk}",
    )


def case_message_notify(*, case: Case, event: CaseEvent) -> None:
    notification_send(
        recipient=case.applicant_required,
        event=CASE_MESSAGE.code,
        context=_base_context(case),
        municipality=case.municipality,
        idempotency_key=f"case-event-{event.pk}",
    )
