"""Telling the contact centre that the assistant handed a question over.

The event type is registered at start-up (the notify app loads this module). The staff
members of the municipality's contact-centre department are told, once per question.
When the municipality has no contact-centre department (or nobody in it), the question
still waits on the back-office page; nobody is messaged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.config.links import absolute_url
from loket.notify.events import EventType, Variable, VariableKind, Wording, event_register
from loket.notify.services import notification_send
from loket.tenancy.models import Membership

if TYPE_CHECKING:
    from loket.assistant.models import ContactQuestion

QUESTION_RECEIVED = event_register(
    EventType(
        code="assistant.question_received",
        label=_("The assistant passed on a question it could not answer"),
        essential=True,
        variables={
            "question": Variable(_("The resident's question"), "Mag ik een kippenhok bouwen?"),
            "question_url": Variable(
                _("Link to the question in the back office"),
                "https://loket.example/backoffice/assistent/contactvragen/12/",
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
    url = absolute_url(reverse("assistant:contact-question", args=[contact_question.pk]))
    for user in sorted(members, key=lambda member: member.pk):
        notification_send(
            recipient=user,
            event=QUESTION_RECEIVED.code,
            context={"question": contact_question.question, "question_url": url},
            municipality=contact_question.municipality,
            idempotency_key=f"assistant-contact-question-{contact_question.pk}",
        )
    return len(members)
