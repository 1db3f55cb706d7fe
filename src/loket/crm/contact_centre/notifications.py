"""What the contact centre tells: its staff that a question came in, the resident the answer.

The staff members of the question's department are told, once per question and
department (a transfer tells the new department). Without a department (or nobody in it)
the question still waits in the queue; nobody is messaged. The event keeps its first code,
`assistant.question_received`, so municipalities' own wordings stay.

The answer goes to a resident of the register who is linked to the question, on their own
channel (`crm.question_answered`, essential: they asked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
from loket.notify.models import Notification
from loket.notify.services import notification_send
from loket.people.models import Person
from loket.tenancy.models import Membership

if TYPE_CHECKING:
    from loket.crm.contact_centre.models import ContactQuestion

QUESTION_RECEIVED = event_register(
    EventType(
        code="assistant.question_received",
        label=_("A question for the contact centre came in"),
        essential=True,
        variables={
            "question": Variable(_("The resident's question"), "Mag ik een kippenhok bouwen?"),
            "question_url": Variable(
                _("Link to the question in the back office"),
                "https://loket.example/backoffice/contactcenter/12/",
                VariableKind.URL,
            ),
        },
        wordings={
            "nl": Wording(
                subject="Nieuwe vraag voor het contactcenter",
                body="Beste {{ recipient_name }},\n\nDe digitale assistent kon deze vraag niet "
                "beantwoorden:\n\n“{{ question }}”\n\nBeantwoord ze via {{ question_url }}",
                sms="Nieuwe vraag voor het contactcenter: {{ question_url }}",
            ),
            "fr": Wording(
                subject="Nouvelle question pour le centre de contact",
                body="Bonjour {{ recipient_name }},\n\nL'assistant numérique n'a pas pu répondre "
                "à cette question :\n\n« {{ question }} »\n\nRépondez-y via {{ question_url }}",
                sms="Nouvelle question pour le centre de contact : {{ question_url }}",
            ),
            "en": Wording(
                subject="New question for the contact centre",
                body="Dear {{ recipient_name }},\n\nThe digital assistant could not answer this "
                "question:\n\n“{{ question }}”\n\nAnswer it at {{ question_url }}",
                sms="New question for the contact centre: {{ question_url }}",
            ),
        },
    )
)


def contact_centre_notify(*, contact_question: ContactQuestion) -> int:
    """Message the members of the contact centre (in the caller's transaction)."""

    if contact_question.department_id is None:
        return 0
    members = {
        membership.user
        for membership in Membership.objects.filter(
            department_id=contact_question.department_id
        ).select_related("user")
        if membership.user.is_active
    }
    url = absolute_url(reverse("crm:contact-question", args=[contact_question.pk]))
    for user in sorted(members, key=lambda member: member.pk):
        notification_send(
            recipient=user,
            event=QUESTION_RECEIVED.code,
            context={"question": contact_question.question, "question_url": url},
            municipality=contact_question.municipality,
            idempotency_key=(
                f"assistant-contact-question-{contact_question.pk}-{contact_question.department_id}"
            ),
        )
    return len(members)


QUESTION_ANSWERED = event_register(
    EventType(
        code="crm.question_answered",
        label=_("The contact centre answered a question"),
        essential=True,
        variables={
            "question": Variable(_("The resident's question"), "Mag ik een kippenhok bouwen?"),
            "answer": Variable(_("The answer"), "Ja, tot 10 m² zonder vergunning."),
        },
        wordings={
            "nl": Wording(
                subject="Antwoord op uw vraag",
                body="Beste {{ recipient_name }},\n\nU vroeg:\n\n“{{ question }}”\n\n"
                "{{ answer }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }}: {{ answer }}",
            ),
            "fr": Wording(
                subject="Réponse à votre question",
                body="Bonjour {{ recipient_name }},\n\nVous avez demandé :\n\n"
                "« {{ question }} »\n\n{{ answer }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }} : {{ answer }}",
            ),
            "en": Wording(
                subject="Answer to your question",
                body="Dear {{ recipient_name }},\n\nYou asked:\n\n“{{ question }}”\n\n"
                "{{ answer }}\n\n{{ municipality_name }}",
                sms="{{ municipality_name }}: {{ answer }}",
            ),
        },
    )
)


def question_answered_notify(*, contact_question: ContactQuestion, person: Person) -> Notification:
    """Send the answer to the resident (in the caller's transaction, once per question)."""
    return notification_send(
        recipient=person,
        event=QUESTION_ANSWERED.code,
        context={"question": contact_question.question, "answer": contact_question.answer_note},
        municipality=contact_question.municipality,
        idempotency_key=f"crm-contact-question-{contact_question.pk}-answered",
    )
