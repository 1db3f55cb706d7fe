"""The contact centre's hand-over desk: where the assistant's questions land (see
loket.assistant.handover; registered when the crm app is ready)."""

from __future__ import annotations

from typing import ClassVar

from loket.assistant.handover import DESK, HANDOVER_DESKS, QuestionNotFound
from loket.assistant.models import AskedQuestion
from loket.crm.contact_centre.models import ContactQuestion
from loket.crm.contact_centre.services import contact_question_reach_set, contact_question_receive
from loket.tenancy.models import Department, Municipality


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
