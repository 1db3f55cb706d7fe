"""The assistant's API: ask a question, get an answer (public, like the portal widget)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from loket.api.errors import ApiError, ErrorResponse
from loket.api.permissions import public
from loket.assistant.services import assistant_ask
from loket.tenancy.selectors import municipalities_public

router = Router(tags=["assistant"])


class AskIn(Schema):
    question: str = Field(
        default="",
        max_length=500,
        description="The question, as typed (may be left out when `choice` is given).",
    )
    language: str | None = Field(
        default=None,
        max_length=2,
        description="nl, fr or en; detected from the question when left out.",
    )
    municipality: str | None = Field(
        default=None,
        max_length=100,
        description="Slug of the municipality; remembered for the session.",
    )
    session: str | None = Field(
        default=None,
        max_length=64,
        description="A key the caller chooses (8 to 64 letters, digits, - or _) to keep a "
        "conversation: the municipality and the last candidates are remembered.",
    )
    choice: str | None = Field(
        default=None,
        max_length=80,
        description="After an answer that offered choices (same session): the product code "
        "picked among `alternatives`, which answers with that product, or `none` (none of "
        "these), which hands the question over to a person with the conversation.",
    )


class ActionOut(Schema):
    kind: str = Field(description="start_request, book_appointment, read_more or contact.")
    label: str
    url: str


class AskOut(Schema):
    answer: str
    language: str = Field(description="The language of the answer (that of the question).")
    product_code: str | None = Field(description="The catalogue code answered about, or null.")
    confidence: float = Field(ge=0, le=1, description="Calibrated probability the answer is right.")
    alternatives: list[str] = Field(
        description="When `product_code` is null and `handover` false: the product codes "
        'offered as choices ("Did you mean …?"), most likely first; pick one with `choice`. '
        "After an answer: other likely product codes, best first."
    )
    actions: list[ActionOut]
    handover: bool = Field(
        description="True when the assistant does not know: the question went to a person."
    )


@router.post(
    "/ask",
    auth=None,
    response={200: AskOut, 404: ErrorResponse, 422: ErrorResponse},
    summary="Ask the assistant a question",
)
@public
def ask(request: HttpRequest, payload: AskIn) -> AskOut:
    municipality = None
    if payload.municipality:
        municipality = municipalities_public().filter(slug=payload.municipality).first()
        if municipality is None:
            raise ApiError(
                status=404,
                code="not_found",
                message=_("There is no municipality with this slug."),
                fields={"municipality": [_("There is no municipality with this slug.")]},
            )
    reply = assistant_ask(
        question=payload.question,
        language=payload.language,
        municipality=municipality,
        session_key=payload.session,
        choice=payload.choice,
    )
    return AskOut(
        answer=reply.answer,
        language=reply.language,
        product_code=reply.product_code,
        confidence=reply.confidence,
        alternatives=reply.alternatives,
        actions=[ActionOut(kind=a.kind, label=a.label, url=a.url) for a in reply.actions],
        handover=reply.handover,
    )
