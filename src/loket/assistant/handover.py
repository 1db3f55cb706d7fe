"""Where the assistant hands over a question it cannot answer: the contact centre.

The contact centre (loket.crm) sits above the assistant, which may not import it. So the
contact centre registers its desk here at start-up (`HANDOVER_DESKS`, one plugin with the
code `contact-centre`), and the assistant hands over through it: the question lands in the
one queue of the contact centre, like a question taken on the phone or at the counter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol

from loket.core.plugins import Registry

if TYPE_CHECKING:
    from loket.assistant.models import AskedQuestion
    from loket.tenancy.models import Department, Municipality

DESK = "contact-centre"


class QuestionNotFound(LookupError):
    """No open hand-over with this id for this conversation (or none at all)."""


class HandoverDesk(Protocol):
    code: ClassVar[str]

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
        """Take the question in (inside the caller's transaction); its id."""
        ...

    @classmethod
    def reach_set(cls, *, question_id: int, session_key: str, email: str, phone: str) -> None:
        """Store how the visitor of this conversation wants to be answered; raises
        `QuestionNotFound` for another conversation's question (or an unknown one) and a
        ValidationError per field."""
        ...


HANDOVER_DESKS: Registry[HandoverDesk] = Registry("hand-over desk")


def desk() -> type[HandoverDesk]:
    return HANDOVER_DESKS.get(DESK)
