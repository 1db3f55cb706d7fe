"""The contact centre's hand-over desk: where the assistant's questions land (see
loket.assistant.handover; registered when the crm app is ready)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.assistant.handover import DESK, HANDOVER_DESKS, QuestionNotFound
from loket.assistant.models import AskedQuestion
from loket.catalog.selectors import product_get
from loket.crm.contact_centre.history import contact_question_event_append
from loket.crm.contact_centre.models import QUESTION_MAX_LENGTH, ContactQuestion
from loket.crm.contact_centre.notifications import contact_centre_notify
from loket.crm.contact_centre.services import QUESTION_DUE, REACH_MISSING, _reach_errors
from loket.crm.contact_centre.workflow import (
    EventKind,
    QuestionChannel,
    QuestionKind,
    QuestionStatus,
)
from loket.tenancy.models import Department, Municipality


@transaction.atomic
def contact_question_receive(
    *,
    municipality: Municipality,
    department: Department | None,
    asked_question: AskedQuestion,
    question: str,
    language: str,
    transcript: list[dict[str, str]],
) -> ContactQuestion:
    """The assistant's hand-over: the question lands in the same queue (no actor: the
    visitor asked it)."""
    now = timezone.now()
    contact = ContactQuestion.objects.create(
        municipality=municipality,
        department=department,
        kind=QuestionKind.QUESTION,
        channel=QuestionChannel.ASSISTANT,
        asked_question=asked_question,
        product=product_get(asked_question.product_code) if asked_question.product_code else None,
        question=question[:QUESTION_MAX_LENGTH],
        language=language,
        transcript=transcript,
        due_at=now + QUESTION_DUE,
        created_at=now,
    )
    contact_question_event_append(
        contact_question=contact,
        kind=EventKind.CREATED,
        from_status="",
        to_status=QuestionStatus.OPEN,
        to_municipality=municipality,
        to_department=department,
    )
    contact_centre_notify(contact_question=contact)
    return contact


@transaction.atomic
def contact_question_reach_set(
    *, question_id: int, session_key: str, email: str, phone: str
) -> ContactQuestion:
    """How the visitor of the assistant's conversation wants to be answered. Another
    conversation's question (or a closed one) raises ContactQuestion.DoesNotExist."""
    contact = (
        ContactQuestion.objects.select_for_update()
        .filter(
            pk=question_id,
            asked_question__conversation__key=session_key,
            status__in=[QuestionStatus.OPEN, QuestionStatus.IN_PROGRESS],
        )
        .first()
    )
    if contact is None:
        raise ContactQuestion.DoesNotExist
    email = email.strip()
    phone = " ".join(phone.split())
    errors: dict[str, list[Any]] = {}
    if not email and not phone:
        errors["email"] = [REACH_MISSING]
    _reach_errors(email, phone, errors)
    if errors:
        raise ValidationError(
            {
                {"reply_email": "email", "reply_phone": "phone"}.get(k, k): v
                for k, v in errors.items()
            }
        )
    contact.reply_email = email
    contact.reply_phone = phone
    contact.save(update_fields=["reply_email", "reply_phone"])
    contact_question_event_append(
        contact_question=contact,
        kind=EventKind.REACH,
        from_status=contact.status,
        to_status=contact.status,
        note=str(_("The visitor left an e-mail address or phone number.")),
    )
    return contact


@HANDOVER_DESKS.register
class ContactCentreDesk:
    code: ClassVar[str] = DESK

    @classmethod
    def receive(
        cls,
        *,
        municipality: Municipality,
        department: Department | None,
        asked_question: AskedQuestion,
        question: str,
        language: str,
        transcript: list[dict[str, str]],
    ) -> int:
        return contact_question_receive(
            municipality=municipality,
            department=department,
            asked_question=asked_question,
            question=question,
            language=language,
            transcript=transcript,
        ).pk

    @classmethod
    def reach_set(cls, *, question_id: int, session_key: str, email: str, phone: str) -> None:
        try:
            contact_question_reach_set(
                question_id=question_id, session_key=session_key, email=email, phone=phone
            )
        except ContactQuestion.DoesNotExist:
            raise QuestionNotFound from None
