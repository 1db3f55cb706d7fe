"""What participation sends: an idea's new public status (to its author, and to the
supporters who asked to hear of it when they voted), and the invitation to the happiness
survey (to residents who said yes to surveys)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.notify.after_service import ServiceKind
from loket.notify.events import SIGN_OFF, EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send
from loket.participation.models import (
    Idea,
    IdeaEvent,
    ResearchInvitation,
    SatisfactionInvitation,
)
from loket.participation.workflow import PublicStatus
from loket.people.models import ConsentPurpose, Person
from loket.tenancy.models import Municipality

IDEA_STATUS_CHANGED = event_register(
    EventType(
        code="participation.idea_status_changed",
        label=_("The status of an idea changed"),
        # Sent to the author and to supporters who asked for it when they voted.
        essential=True,
        variables={
            "idea_title": Variable(_("Title of the idea"), "Een bank in het park"),
            "status": Variable(_("The new status"), "Gepland"),
            "reason": Variable(_("Why it was declined"), ""),
            "idea_url": Variable(
                _("Link to the idea"), "https://loket.example/kortrijk/ideeen/1/", VariableKind.URL
            ),
        },
        wordings={
            "nl": Wording(
                subject="Uw idee “{{ idea_title }}”: {{ status }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "Het idee “{{ idea_title }}” heeft een nieuwe status: {{ status }}."
                    "{% if reason %}\n\n{{ reason }}{% endif %}\n\n"
                    "Bekijk het idee: {{ idea_url }}" + SIGN_OFF["nl"]
                ),
                sms="{{ municipality_name }}: idee “{{ idea_title }}” is nu {{ status }}.",
            ),
            "fr": Wording(
                subject="L'idée « {{ idea_title }} » : {{ status }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "L'idée « {{ idea_title }} » a un nouveau statut : {{ status }}."
                    "{% if reason %}\n\n{{ reason }}{% endif %}\n\n"
                    "Voir l'idée : {{ idea_url }}" + SIGN_OFF["fr"]
                ),
                sms="{{ municipality_name }} : l'idée « {{ idea_title }} » : {{ status }}.",
            ),
            "en": Wording(
                subject="The idea “{{ idea_title }}”: {{ status }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "The idea “{{ idea_title }}” has a new status: {{ status }}."
                    "{% if reason %}\n\n{{ reason }}{% endif %}\n\n"
                    "See the idea: {{ idea_url }}" + SIGN_OFF["en"]
                ),
                sms="{{ municipality_name }}: the idea “{{ idea_title }}” is now {{ status }}.",
            ),
        },
    )
)

HAPPINESS_INVITATION = event_register(
    EventType(
        code="participation.happiness_invitation",
        label=_("Invitation to the happiness survey"),
        essential=False,
        consent_purpose=ConsentPurpose.SURVEYS,
        variables={
            "survey_url": Variable(
                _("Link to the survey"), "https://loket.example/mijn/geluk/", VariableKind.URL
            ),
        },
        wordings={
            "nl": Wording(
                subject="Hoe gelukkig bent u in {{ municipality_name }}?",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "Hoe gelukkig bent u om in {{ municipality_name }} te wonen? Geef een "
                    "score en kies wat u gelukkiger zou maken: {{ survey_url }}\n\n"
                    "Uw antwoord wordt apart van uw naam bewaard." + SIGN_OFF["nl"]
                ),
                sms="{{ municipality_name }}: hoe gelukkig bent u hier? {{ survey_url }}",
            ),
            "fr": Wording(
                subject="Êtes-vous heureux à {{ municipality_name }} ?",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Êtes-vous heureux de vivre à {{ municipality_name }} ? Donnez une note et "
                    "choisissez ce qui vous rendrait plus heureux : {{ survey_url }}\n\n"
                    "Votre réponse est conservée séparément de votre nom." + SIGN_OFF["fr"]
                ),
                sms="{{ municipality_name }} : êtes-vous heureux ici ? {{ survey_url }}",
            ),
            "en": Wording(
                subject="How happy are you in {{ municipality_name }}?",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "How happy are you living in {{ municipality_name }}? Give a score and "
                    "pick what would make you happier: {{ survey_url }}\n\n"
                    "Your answer is kept apart from your name." + SIGN_OFF["en"]
                ),
                sms="{{ municipality_name }}: how happy are you here? {{ survey_url }}",
            ),
        },
    )
)

SATISFACTION_INVITATION = event_register(
    EventType(
        code="participation.satisfaction_invitation",
        label=_("How satisfied were you? (after a service)"),
        essential=False,
        consent_purpose=ConsentPurpose.SURVEYS,
        variables={
            "service": Variable(_("The service"), "Bewonerskaart (parkeren)"),
            "answer_url": Variable(
                _("Link to answer"),
                "https://loket.example/tevredenheid/abc/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Hoe tevreden bent u? {{ service }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "We hebben u onlangs geholpen: {{ service }}. Hoe tevreden bent u? "
                    "Eén vraag, een score van 1 tot 5 en als u wilt een opmerking voor de "
                    "dienst: {{ answer_url }}" + SIGN_OFF["nl"]
                ),
                sms="{{ municipality_name }}: hoe tevreden bent u? {{ answer_url }}",
            ),
            "fr": Wording(
                subject="Êtes-vous satisfait ? {{ service }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Nous vous avons aidé récemment : {{ service }}. Êtes-vous satisfait ? "
                    "Une question, une note de 1 à 5 et, si vous le souhaitez, un commentaire "
                    "pour le service : {{ answer_url }}" + SIGN_OFF["fr"]
                ),
                sms="{{ municipality_name }} : êtes-vous satisfait ? {{ answer_url }}",
            ),
            "en": Wording(
                subject="How satisfied are you? {{ service }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "We helped you recently: {{ service }}. How satisfied are you? One "
                    "question, a score from 1 to 5 and, if you like, a comment for the "
                    "department: {{ answer_url }}" + SIGN_OFF["en"]
                ),
                sms="{{ municipality_name }}: how satisfied are you? {{ answer_url }}",
            ),
        },
    )
)

RESEARCH_INVITATION = event_register(
    EventType(
        code="participation.research_invitation",
        label=_("Invitation of a user panel member"),
        # Sent only to residents who joined the panel to be asked.
        essential=True,
        variables={
            "activity_title": Variable(_("Title of the activity"), "Test van het nieuwe formulier"),
            "activity_kind": Variable(_("Kind of activity"), "Test van een nieuw formulier"),
            "description": Variable(_("What we ask"), "Een half uur op het gemeentehuis"),
            "panel_url": Variable(
                _("Link to the panel page"), "https://loket.example/mijn/panel/", VariableKind.URL
            ),
        },
        wordings={
            "nl": Wording(
                subject="Uitnodiging: {{ activity_title }}",
                body=(
                    "Beste {{ recipient_name }},\n\n"
                    "U zit in het gebruikerspanel van {{ municipality_name }}. We nodigen u uit "
                    "voor: {{ activity_title }} ({{ activity_kind }}).\n\n{{ description }}"
                    "\n\nLaat ons weten of u meedoet door op dit bericht te antwoorden of ons "
                    "te bellen. Uw panel: {{ panel_url }}" + SIGN_OFF["nl"]
                ),
                sms="{{ municipality_name }}: uitnodiging {{ activity_title }}. {{ panel_url }}",
            ),
            "fr": Wording(
                subject="Invitation : {{ activity_title }}",
                body=(
                    "Bonjour {{ recipient_name }},\n\n"
                    "Vous faites partie du panel d'utilisateurs de {{ municipality_name }}. "
                    "Nous vous invitons à : {{ activity_title }} ({{ activity_kind }}).\n\n"
                    "{{ description }}\n\nDites-nous si vous participez en répondant à ce "
                    "message ou en nous appelant. Votre panel : {{ panel_url }}" + SIGN_OFF["fr"]
                ),
                sms="{{ municipality_name }} : invitation {{ activity_title }}. {{ panel_url }}",
            ),
            "en": Wording(
                subject="Invitation: {{ activity_title }}",
                body=(
                    "Dear {{ recipient_name }},\n\n"
                    "You are in the user panel of {{ municipality_name }}. We invite you to: "
                    "{{ activity_title }} ({{ activity_kind }}).\n\n{{ description }}\n\n"
                    "Let us know whether you take part by answering this message or calling "
                    "us. Your panel: {{ panel_url }}" + SIGN_OFF["en"]
                ),
                sms="{{ municipality_name }}: invitation {{ activity_title }}. {{ panel_url }}",
            ),
        },
    )
)


def research_invitation_notify(*, invitation: ResearchInvitation) -> None:
    activity = invitation.activity
    with translation.override(invitation.person.preferred_language or "nl"):
        kind = str(activity.get_kind_display())
    notification_send(
        recipient=invitation.person,
        event=RESEARCH_INVITATION.code,
        context={
            "activity_title": activity.title,
            "activity_kind": kind,
            "description": activity.description,
            "panel_url": absolute_url("/mijn/panel/"),
        },
        municipality=activity.municipality,
        idempotency_key=f"research-invitation-{invitation.pk}",
    )


def satisfaction_invitation_notify(*, invitation: SatisfactionInvitation, token: str) -> None:
    """The short question after a service, with its signed one-time link."""
    with translation.override(invitation.person.preferred_language or "nl"):
        service = invitation.subject_name or str(ServiceKind(invitation.service_kind).label)
    notification_send(
        recipient=invitation.person,
        event=SATISFACTION_INVITATION.code,
        context={"service": service, "answer_url": absolute_url(f"/tevredenheid/{token}/")},
        municipality=invitation.municipality,
        idempotency_key=f"satisfaction-{invitation.pk}",
    )


def idea_status_notify(*, idea: Idea, event: IdeaEvent, recipients: list[Person]) -> None:
    """Tell each recipient (in their language) the idea's new public status."""
    url = absolute_url(f"/{idea.municipality.slug}/ideeen/{idea.pk}/")
    for person in recipients:
        with translation.override(person.preferred_language or "nl"):
            status = str(PublicStatus(event.to_status).label)
        notification_send(
            recipient=person,
            event=IDEA_STATUS_CHANGED.code,
            context={
                "idea_title": idea.title,
                "status": status,
                "reason": event.message,
                "idea_url": url,
            },
            municipality=idea.municipality,
            idempotency_key=f"idea-event-{event.pk}",
        )


def happiness_invitation_notify(
    *, person: Person, municipality: Municipality, period_start: str
) -> None:
    notification_send(
        recipient=person,
        event=HAPPINESS_INVITATION.code,
        context={"survey_url": absolute_url("/mijn/geluk/")},
        municipality=municipality,
        idempotency_key=f"happiness-{municipality.pk}-{period_start}",
    )
