"""Handover: a question the assistant does not know becomes an open question in the contact
centre's one queue (loket.crm), with the transcript, and the centre is told."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from loket.assistant.services import assistant_ask
from loket.assistant.workflow import Outcome
from loket.crm.contact_centre.selectors import ContactQueueFilter, contact_centre_queue
from loket.crm.contact_centre.services import contact_question_answer
from loket.crm.contact_centre.workflow import QuestionChannel, QuestionStatus
from loket.crm.models import ContactMoment, ContactQuestion, ContactQuestionEvent
from loket.notify.models import Notification
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Role
from tests.factories import MembershipFactory, UserFactory, staff_member


@pytest.mark.usefixtures("knowledge")
def test_handover_creates_an_open_question_for_the_contact_centre(
    municipality: Municipality, contact_centre: Department
) -> None:
    member = UserFactory()
    MembershipFactory(user=member, municipality=municipality, department=contact_centre)

    assistant_ask(
        question="grofvuil laten ophalen", municipality=municipality, session_key="s-0000001"
    )
    reply = assistant_ask(
        question="welk weer wordt het morgen aan zee",
        municipality=municipality,
        session_key="s-0000001",
    )

    assert reply.handover is True
    assert reply.outcome is Outcome.HANDED_OVER
    contact = ContactQuestion.objects.get()
    assert contact.pk == reply.contact_question_id
    assert contact.municipality == municipality
    assert contact.department == contact_centre
    assert contact.status == QuestionStatus.OPEN
    assert contact.channel == QuestionChannel.ASSISTANT
    assert contact.language == "nl"
    assert contact.question == "welk weer wordt het morgen aan zee"
    assert [turn["question"] for turn in contact.transcript] == [
        "grofvuil laten ophalen",
        "welk weer wordt het morgen aan zee",
    ]
    assert contact.transcript[0]["answer"].startswith("Ophaling grofvuil aan huis: ")
    assert list(ContactQuestionEvent.objects.values_list("from_status", "to_status")) == [
        ("", "open")
    ]
    notification = Notification.objects.get()
    assert notification.event == "assistant.question_received"
    assert notification.staff_user == member
    assert notification.context["question"] == "welk weer wordt het morgen aan zee"
    assert notification.context["question_url"].endswith(f"/backoffice/contactcenter/{contact.pk}/")
    # The same queue as the questions taken on the phone and at the counter.
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    assert list(contact_centre_queue(actor=clerk, filters=ContactQueueFilter())) == [contact]


@pytest.mark.usefixtures("knowledge")
def test_handover_falls_back_to_the_municipality_without_a_contact_centre(
    municipality: Municipality,
) -> None:
    reply = assistant_ask(question="quel temps fera-t-il ce week-end", municipality=municipality)

    contact = ContactQuestion.objects.get()
    assert reply.handover is True
    assert reply.language == "fr"
    assert contact.municipality == municipality
    assert contact.department is None
    assert contact.language == "fr"
    assert Notification.objects.count() == 0


@pytest.mark.usefixtures("knowledge")
def test_handover_without_municipality_asks_to_choose_one_and_creates_nothing() -> None:
    reply = assistant_ask(question="who won the football match yesterday")

    assert reply.handover is True
    assert reply.language == "en"
    assert [action.url for action in reply.actions] == ["/assistent/#assistant-municipality"]
    assert ContactQuestion.objects.count() == 0


@pytest.mark.usefixtures("knowledge")
def test_contact_centre_marks_a_question_answered_once(
    municipality: Municipality, contact_centre: Department
) -> None:
    reply = assistant_ask(question="welk weer wordt het morgen", municipality=municipality)
    contact = ContactQuestion.objects.get(pk=reply.contact_question_id)
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))

    answered = contact_question_answer(actor=clerk, question_id=contact.pk, answer="Called back.")

    assert answered.status == QuestionStatus.ANSWERED
    assert answered.answer_note == "Called back."
    assert list(
        ContactQuestionEvent.objects.filter(contact_question=contact).values_list(
            "from_status", "to_status"
        )
    ) == [("", "open"), ("open", "answered")]
    # Answering recorded a contact moment (the visitor is not known: no resident).
    moment = ContactMoment.objects.get()
    assert (moment.channel, moment.person_id) == ("chat", None)
    assert moment.summary.endswith("Called back.")
    with pytest.raises(ValidationError) as refused:
        contact_question_answer(actor=clerk, question_id=contact.pk, answer="Twice.")
    assert refused.value.error_dict["to_status"][0].code == "transition_not_allowed"
    assert ContactQuestionEvent.objects.filter(contact_question=contact).count() == 2
    assert ContactMoment.objects.count() == 1


@pytest.mark.usefixtures("knowledge")
def test_contact_question_of_another_municipality_cannot_be_answered(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    reply = assistant_ask(question="welk weer wordt het morgen", municipality=municipality)
    contact = ContactQuestion.objects.get(pk=reply.contact_question_id)
    outsider = actor_for_user(staff_member(other_municipality, Role.CLERK))

    with pytest.raises(Http404):
        contact_question_answer(actor=outsider, question_id=contact.pk, answer="Not mine.")

    contact.refresh_from_db()
    assert contact.status == QuestionStatus.OPEN
    assert ContactQuestionEvent.objects.filter(contact_question=contact).count() == 1
