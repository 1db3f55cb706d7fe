"""The contact centre's API schemas (the endpoints are in loket.crm.api)."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from loket.crm.contact_centre.models import (
    ContactQuestion,
    ContactQuestionAnswerEmail,
    ContactQuestionEvent,
    KnowledgeArticle,
)
from loket.crm.contact_centre.selectors import (
    ContactQueueView,
    contact_question_answer_emails,
    contact_question_history,
)
from loket.crm.contact_centre.workflow import (
    AnswerEmailStatus,
    QuestionChannel,
    QuestionKind,
    QuestionStatus,
)


class ContactQuestionOut(Schema):
    id: int
    municipality_nis_code: str
    department_id: int | None
    kind: QuestionKind
    channel: QuestionChannel
    status: QuestionStatus
    question: str
    language: str
    person_id: int | None = Field(description="The resident of the register, when known.")
    product_code: str | None
    owner: str | None = Field(description="The staff member who owns it.")
    due_at: dt.datetime
    created_at: dt.datetime

    @staticmethod
    def resolve_municipality_nis_code(question: ContactQuestion) -> str:
        return question.municipality.nis_code

    @staticmethod
    def resolve_product_code(question: ContactQuestion) -> str | None:
        return question.product.code if question.product is not None else None

    @staticmethod
    def resolve_owner(question: ContactQuestion) -> str | None:
        owner = question.owner
        return (owner.get_full_name() or owner.get_username()) if owner is not None else None


class ContactQuestionEventOut(Schema):
    kind: str
    from_status: str
    to_status: str
    from_municipality_nis_code: str | None
    to_municipality_nis_code: str | None
    from_department_id: int | None
    to_department_id: int | None
    note: str
    created_at: dt.datetime

    @staticmethod
    def resolve_from_municipality_nis_code(event: ContactQuestionEvent) -> str | None:
        return event.from_municipality.nis_code if event.from_municipality else None

    @staticmethod
    def resolve_to_municipality_nis_code(event: ContactQuestionEvent) -> str | None:
        return event.to_municipality.nis_code if event.to_municipality else None


class AnswerEmailOut(Schema):
    email: str
    status: AnswerEmailStatus = Field(description="queued, sent or failed.")
    attempts: int
    created_at: dt.datetime
    sent_at: dt.datetime | None

    @staticmethod
    def resolve_status(answer_email: ContactQuestionAnswerEmail) -> str:
        return answer_email.status


class ContactQuestionDetailOut(ContactQuestionOut):
    reply_email: str
    reply_phone: str
    callback_from: dt.datetime | None
    callback_until: dt.datetime | None
    answer: str
    history: list[ContactQuestionEventOut]
    answer_emails: list[AnswerEmailOut] = Field(
        description="The answers sent by e-mail to the reply address, with their delivery status."
    )

    @staticmethod
    def resolve_answer(question: ContactQuestion) -> str:
        return question.answer_note

    @staticmethod
    def resolve_history(question: ContactQuestion) -> list[ContactQuestionEvent]:
        return contact_question_history(question=question)

    @staticmethod
    def resolve_answer_emails(question: ContactQuestion) -> list[ContactQuestionAnswerEmail]:
        return contact_question_answer_emails(question=question)


class ContactQuestionFilter(Schema):
    view: ContactQueueView = ContactQueueView.ALL
    overdue: bool = False
    department_id: int | None = None
    status: QuestionStatus | None = None


class ContactQuestionIn(Schema):
    question: str = Field(max_length=500)
    kind: QuestionKind = QuestionKind.QUESTION
    channel: QuestionChannel = QuestionChannel.PHONE
    language: str = Field("nl", max_length=2)
    municipality_nis_code: str | None = Field(
        None, description="Default: the resident's municipality, or the caller's only one."
    )
    department_id: int | None = None
    person_id: int | None = None
    product_code: str = Field("", max_length=60)
    reply_email: str = Field("", max_length=254)
    reply_phone: str = Field("", max_length=30)
    callback_from: dt.datetime | None = None
    callback_until: dt.datetime | None = None


class TransferIn(Schema):
    municipality_nis_code: str | None = Field(
        None, description="Another municipality of the same region; default: the same one."
    )
    department_id: int | None = Field(None, description="A department there (or a regional one).")
    reason: str = Field(max_length=1000)


class AnswerIn(Schema):
    answer: str = Field(max_length=4000, description="The answer, as the resident gets it.")
    send_to_resident: bool = Field(
        True,
        description="Send the answer to the resident (a resident of the register on their own "
        "channel; a visitor who left only an e-mail address by e-mail).",
    )


class CloseIn(Schema):
    reason: str = Field(
        "", max_length=1000, description="Why: required to close a question not yet answered."
    )


class KnowledgeArticleOut(Schema):
    id: int
    title: str
    body: str
    language: str
    municipality_nis_code: str | None = Field(description="Null for an article of the region.")
    product_codes: list[str]
    version: int = Field(description="The number of its current version (1 when new).")

    @staticmethod
    def resolve_municipality_nis_code(article: KnowledgeArticle) -> str | None:
        return article.municipality.nis_code if article.municipality else None

    @staticmethod
    def resolve_product_codes(article: KnowledgeArticle) -> list[str]:
        return [product.code for product in article.products.all()]
