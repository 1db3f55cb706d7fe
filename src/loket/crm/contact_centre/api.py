"""The contact centre's API (crm.handle_questions): its queue, one question with its history,
a new question or callback request, a transfer, answering and closing; the knowledge
articles (crm.view). Another municipality's question answers 404 exactly like an unknown one,
and every identifier in a body is resolved through the caller's own selectors."""

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import P, Query, QueryEx, Router, Status
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import requires
from loket.audit.models import AccessChannel
from loket.crm.api import nis_code_to_id
from loket.crm.contact_centre.knowledge import knowledge_search
from loket.crm.contact_centre.schemas import (
    AnswerIn,
    CloseIn,
    ContactQuestionDetailOut,
    ContactQuestionFilter,
    ContactQuestionIn,
    ContactQuestionOut,
    KnowledgeArticleOut,
    TransferIn,
)
from loket.crm.contact_centre.selectors import (
    ContactQueueFilter,
    contact_centre_queue,
    contact_question_get_visible,
    transfer_municipalities,
)
from loket.crm.contact_centre.selectors import (
    contact_question_read as contact_question_read_logged,
)
from loket.crm.contact_centre.services import (
    QuestionInput,
    contact_question_answer,
    contact_question_close,
    contact_question_register,
    contact_question_transfer,
)
from loket.crm.models import (
    ContactQuestion,
    KnowledgeArticle,
)
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipalities_public

router = Router(tags=["contact centre"])


def _api_fields(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            {"municipality_id": "municipality_nis_code"}.get(field, field): messages
            for field, messages in error.message_dict.items()
        }
    )


@router.get("/contact-questions", response=list[ContactQuestionOut], tags=["contact centre"])
@requires(Permission.CRM_HANDLE_QUESTIONS)
@paginate(PageNumberPagination)
def contact_questions_list(
    request: HttpRequest, filters: Query[ContactQuestionFilter]
) -> QuerySet[ContactQuestion]:
    """The contact centre's queue: the open questions and callback requests of the caller's
    municipalities (a region-wide grant: every municipality of the region), soonest due
    first; `mine`, `unassigned`, overdue, by department or status."""
    return contact_centre_queue(
        actor=actor_of(request),
        filters=ContactQueueFilter(
            view=filters.view,
            overdue_only=filters.overdue,
            department_id=filters.department_id,
            status=filters.status or "",
        ),
    )


@router.get(
    "/contact-questions/{question_id}",
    response={200: ContactQuestionDetailOut, 404: ErrorResponse},
    tags=["contact centre"],
)
@requires(Permission.CRM_HANDLE_QUESTIONS)
def contact_question_read(request: HttpRequest, question_id: int) -> ContactQuestion:
    """One question with its history. Another municipality's is 404, like an unknown one.
    A question about a resident is written to their access log."""
    return contact_question_read_logged(
        actor=actor_of(request), question_id=question_id, channel=AccessChannel.API
    )


@router.post(
    "/contact-questions",
    response={201: ContactQuestionDetailOut, 422: ErrorResponse},
    tags=["contact centre"],
)
@requires(Permission.CRM_HANDLE_QUESTIONS)
def contact_question_create(
    request: HttpRequest, payload: ContactQuestionIn
) -> Status[ContactQuestion]:
    """Put a question or callback request (phone, counter, e-mail, web form, letter) in the
    queue. A resident, department or municipality out of the caller's reach is refused like
    one that does not exist (422)."""
    actor = actor_of(request)
    try:
        question = contact_question_register(
            actor=actor,
            data=QuestionInput(
                question=payload.question,
                channel=payload.channel,
                kind=payload.kind,
                language=payload.language,
                municipality_id=nis_code_to_id(
                    payload.municipality_nis_code, municipalities_public()
                ),
                department_id=payload.department_id,
                person_id=payload.person_id,
                product_code=payload.product_code,
                reply_email=payload.reply_email,
                reply_phone=payload.reply_phone,
                callback_from=payload.callback_from,
                callback_until=payload.callback_until,
            ),
        )
    except ValidationError as error:
        raise _api_fields(error) from None
    return Status(201, contact_question_get_visible(actor=actor, question_id=question.pk))


@router.post(
    "/contact-questions/{question_id}/transfer",
    response={200: ContactQuestionDetailOut, 404: ErrorResponse, 422: ErrorResponse},
    tags=["contact centre"],
)
@requires(Permission.CRM_HANDLE_QUESTIONS)
def contact_question_transfer_endpoint(
    request: HttpRequest, question_id: int, payload: TransferIn
) -> ContactQuestion:
    """Transfer an open question to another department, or to another municipality of the
    same region, with a reason (logged in its history). The answer is the question as the
    caller still sees it; after a transfer out of their reach, 404."""
    actor = actor_of(request)
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    try:
        contact_question_transfer(
            actor=actor,
            question_id=question.pk,
            municipality_id=nis_code_to_id(
                payload.municipality_nis_code, transfer_municipalities(question=question)
            ),
            department_id=payload.department_id,
            reason=payload.reason,
        )
    except ValidationError as error:
        raise _api_fields(error) from None
    return contact_question_get_visible(actor=actor, question_id=question.pk)


@router.post(
    "/contact-questions/{question_id}/answer",
    response={200: ContactQuestionDetailOut, 404: ErrorResponse, 422: ErrorResponse},
    tags=["contact centre"],
)
@requires(Permission.CRM_HANDLE_QUESTIONS)
def contact_question_answer_endpoint(
    request: HttpRequest, question_id: int, payload: AnswerIn
) -> ContactQuestion:
    """Answer an open question (like "Answer" in the back office): it is answered, a
    contact moment is recorded and, unless `send_to_resident` is false, the resident gets
    the answer. Another municipality's question is 404 and nothing is written."""
    actor = actor_of(request)
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    try:
        contact_question_answer(
            actor=actor,
            question_id=question.pk,
            answer=payload.answer,
            send_to_resident=payload.send_to_resident,
        )
    except ValidationError as error:
        raise _api_fields(error) from None
    return contact_question_get_visible(actor=actor, question_id=question.pk)


@router.post(
    "/contact-questions/{question_id}/close",
    response={200: ContactQuestionDetailOut, 404: ErrorResponse, 422: ErrorResponse},
    tags=["contact centre"],
)
@requires(Permission.CRM_HANDLE_QUESTIONS)
def contact_question_close_endpoint(
    request: HttpRequest, question_id: int, payload: CloseIn
) -> ContactQuestion:
    """Close a question: an answered one, or an open one with a reason (logged in its
    history). Another municipality's question is 404 and nothing is written."""
    actor = actor_of(request)
    question = contact_question_get_visible(actor=actor, question_id=question_id)
    try:
        contact_question_close(actor=actor, question_id=question.pk, reason=payload.reason)
    except ValidationError as error:
        raise _api_fields(error) from None
    return contact_question_get_visible(actor=actor, question_id=question.pk)


@router.get("/knowledge-articles", response=list[KnowledgeArticleOut], tags=["contact centre"])
@requires(Permission.CRM_VIEW)
def knowledge_articles_search(
    request: HttpRequest,
    q: QueryEx[str, P(max_length=200, description="Words (all of them, in any language).")] = "",
    product_code: QueryEx[str, P(max_length=60, description="Only articles of a product.")] = "",
) -> list[KnowledgeArticle]:
    """The active knowledge articles of the caller's municipalities and regions matching
    the words, best first (at most 20); without words, the newest."""
    return knowledge_search(actor=actor_of(request), query=q, product_code=product_code)
