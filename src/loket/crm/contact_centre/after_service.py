"""A question answered for a known resident is a service done: the satisfaction question
may follow (loket.notify.after_service; the listeners decide)."""

from __future__ import annotations

from loket.crm.models import ContactQuestion
from loket.notify.after_service import ServiceDone, ServiceKind, service_done


def question_service_done(*, question: ContactQuestion) -> None:
    """Tell the listeners, in the caller's transaction, when the question has a resident."""
    if question.person_id is None:
        return
    service_done(
        done=ServiceDone(
            kind=ServiceKind.CONTACT_QUESTION,
            reference=str(question.pk),
            municipality_id=question.municipality_id,
            person_id=question.person_id,
            department_id=question.department_id,
            subject_code=question.product.code if question.product else "",
            subject_name=question.product.name_nl if question.product else "",
        )
    )
