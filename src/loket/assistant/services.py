"""Every write of the assistant domain: asking, handing over, answering, learning.

Keyword-only, typed, atomic. A change of the knowledge (FAQ entries, phrasings) bumps
`KnowledgeRevision` in the same transaction, so every process rebuilds its index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _

from loket.assistant.composing import Composed, name_of, outcome_compose, product_codes
from loket.assistant.documents import key_parse
from loket.assistant.engine import Decision
from loket.assistant.handover import QuestionNotFound, desk
from loket.assistant.knowledge import Knowledge, knowledge_current
from loket.assistant.models import (
    LANGUAGE_CODES,
    AskedQuestion,
    Conversation,
    KnowledgeRevision,
)
from loket.assistant.replies import Action, clarification, handover_answer
from loket.assistant.text import words
from loket.assistant.workflow import Outcome
from loket.tenancy.models import Department, Municipality
from loket.tenancy.selectors import departments_public, municipalities_public

CONTACT_CENTRE_CODE = "contact-centre"
NONE_OF_THESE = "none"  # the choice that none of the offered documents is meant
SESSION_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
QUESTION_MAX_LENGTH = 500
TURNS_KEPT = 10


@dataclass(frozen=True)
class AssistantReply:
    answer: str
    language: str
    product_code: str | None
    confidence: float
    alternatives: list[str]
    actions: list[Action]
    handover: bool
    outcome: Outcome
    asked_question_id: int
    contact_question_id: int | None = None
    options: list[str] = field(default_factory=list)  # the names of the offered choices
    choices: list[str] = field(default_factory=list)  # their document keys, same order

    @property
    def offered(self) -> list[tuple[str, str]]:
        """(document key, name) of each offered choice, most likely first."""
        return list(zip(self.choices, self.options, strict=False))


def knowledge_changed() -> None:
    """Bump the knowledge revision (inside the caller's transaction)."""
    updated = KnowledgeRevision.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        KnowledgeRevision.objects.get_or_create(pk=1, defaults={"number": 1})


def contact_centre_of(municipality: Municipality) -> Department | None:
    return departments_public(municipality=municipality).filter(code=CONTACT_CENTRE_CODE).first()


def _conversation_for(session_key: str | None) -> Conversation | None:
    if not session_key:
        return None
    if not SESSION_KEY.match(session_key):
        raise ValidationError(
            {"session": [_("A session key has 8 to 64 letters, digits, - or _.")]}
        )
    conversation, _created = Conversation.objects.select_for_update().get_or_create(key=session_key)
    return conversation


def _handover(
    *,
    question: str,
    language: str,
    municipality: Municipality | None,
    asked: AskedQuestion,
    transcript: list[dict[str, str]],
) -> tuple[int | None, Department | None]:
    """Hand the question over to the contact centre's queue (its id), in this transaction."""
    if municipality is None:
        return None, None
    department = contact_centre_of(municipality)
    question_id = desk().receive(
        municipality=municipality,
        department=department,
        asked_question=asked,
        question=question,
        language=language,
        transcript=transcript,
    )
    return question_id, department


def _decide(
    knowledge: Knowledge,
    *,
    question: str,
    language: str | None,
    municipality: Municipality | None,
    conversation: Conversation | None,
    hint: str | None,
) -> Decision:
    awaiting: list[str] = []
    if conversation is not None and conversation.is_awaiting_choice:
        awaiting = list(conversation.candidates[:3])
    if conversation is not None and conversation.language:
        hint = conversation.language
    return knowledge.engine.decide(
        question,
        language=language,
        hint=hint,
        allowed=knowledge.allowed_for(municipality),
        awaiting_choice=awaiting,
    )


def municipality_named_in(question: str) -> Municipality | None:
    """The municipality whose name (in any language) the question mentions, if only one."""
    asked = f" {' '.join(words(question))} "
    found = {}
    for municipality in municipalities_public():
        for name in (municipality.name_nl, municipality.name_fr, municipality.name_en):
            folded = " ".join(words(name or ""))
            if folded and f" {folded} " in asked:
                found[municipality.pk] = municipality
    return next(iter(found.values())) if len(found) == 1 else None


def _question_clean(question: str, language: str | None) -> str:
    question = " ".join(question.split())
    if not question:
        raise ValidationError({"question": [_("Ask a question.")]})
    if len(question) > QUESTION_MAX_LENGTH:
        raise ValidationError(
            {
                "question": [
                    _("Keep the question under %(count)d characters.")
                    % {"count": QUESTION_MAX_LENGTH}
                ]
            }
        )
    if language is not None and language not in LANGUAGE_CODES:
        raise ValidationError({"language": [_("Choose nl, fr or en.")]})
    return question


@dataclass
class _Reply:
    answer: str
    actions: list[Action]
    alternatives: list[str]
    product_code: str | None
    contact_question_id: int | None = None


def _reply_for(
    *,
    decision: Decision,
    outcome: Outcome,
    composed: Composed | None,
    options: list[str],
    municipality: Municipality | None,
    asked: AskedQuestion,
    transcript: list[dict[str, str]],
) -> _Reply:
    """The answer, the question asked back, or the hand-over to the contact centre."""
    language = decision.language
    if outcome is Outcome.ANSWERED and composed is not None:
        alternatives = [
            c for c in product_codes(decision.ranked[1:4]) if c != composed.product_code
        ]
        return _Reply(composed.answer, composed.actions, alternatives, composed.product_code)
    if outcome is Outcome.CLARIFIED:
        alternatives = product_codes(decision.offered)
        return _Reply(clarification(options, language), [], alternatives, None)
    contact, department = _handover(
        question=asked.question,
        language=language,
        municipality=municipality,
        asked=asked,
        transcript=transcript,
    )
    answer, actions = handover_answer(
        language=language,
        municipality=municipality,
        department=department,
        is_passed_on=contact is not None,
    )
    return _Reply(answer, actions, [], None, contact)


def _conversation_remember(
    conversation: Conversation | None,
    *,
    transcript: list[dict[str, str]],
    answer: str,
    municipality: Municipality | None,
    decision: Decision,
    outcome: Outcome,
) -> None:
    if conversation is None:
        return
    transcript[-1]["answer"] = answer
    conversation.turns = transcript[-TURNS_KEPT:]
    conversation.municipality = municipality
    conversation.language = decision.language
    conversation.candidates = (
        decision.offered if outcome is Outcome.CLARIFIED else decision.ranked[:3]
    )
    conversation.is_awaiting_choice = outcome is Outcome.CLARIFIED
    conversation.save()


def _asked_log(
    *,
    question: str,
    decision: Decision,
    outcome: Outcome,
    composed: Composed | None,
    municipality: Municipality | None,
    conversation: Conversation | None,
) -> AskedQuestion:
    """Every question is logged, for the knowledge review."""
    return AskedQuestion.objects.create(
        municipality=municipality,
        conversation=conversation,
        question=question,
        language=decision.language,
        outcome=outcome,
        product_code=composed.product_code or "" if composed else "",
        faq_entry=composed.faq_entry if composed else None,
        confidence=round(decision.confidence, 4),
        alternatives=decision.ranked[:3],
    )


def _assistant_reply(
    reply: _Reply, *, decision: Decision, outcome: Outcome, asked: AskedQuestion, options: list[str]
) -> AssistantReply:
    return AssistantReply(
        answer=reply.answer,
        language=decision.language,
        product_code=reply.product_code,
        confidence=round(decision.confidence, 4),
        alternatives=reply.alternatives,
        actions=reply.actions,
        handover=outcome is Outcome.HANDED_OVER,
        outcome=outcome,
        asked_question_id=asked.pk,
        contact_question_id=reply.contact_question_id,
        options=options,
        choices=decision.offered if outcome is Outcome.CLARIFIED else [],
    )


def _choice_decision(
    knowledge: Knowledge, *, conversation: Conversation | None, choice: str, language: str | None
) -> tuple[str, str, Decision]:
    """The resident picked one of the offered choices, or "none of these": the question
    they asked, the words of their pick for the transcript, and the decision."""
    if conversation is None or not conversation.is_awaiting_choice:
        raise ValidationError({"choice": [_("There is nothing to choose: ask a question.")]})
    if language is not None and language not in LANGUAGE_CODES:
        raise ValidationError({"language": [_("Choose nl, fr or en.")]})
    turns = conversation.turns or []
    asked = str(turns[-1].get("question", "")) if turns else ""
    answer_language = language or conversation.language or "nl"
    if choice == NONE_OF_THESE:
        with translation.override(answer_language):
            said = str(_("None of these"))
        candidates = list(conversation.candidates)
        decision = knowledge.engine.handed_over(answer_language, candidates)
        return asked or said, said, decision
    for key in conversation.candidates:
        if choice == key or key_parse(key) == ("product", choice):
            decision = knowledge.engine.chosen(key, answer_language)
            return asked or key, name_of(key, answer_language), decision
    raise ValidationError({"choice": [_("Choose one of the offered answers.")]})


@transaction.atomic
def assistant_ask(
    *,
    question: str = "",
    language: str | None = None,
    municipality: Municipality | None = None,
    session_key: str | None = None,
    hint: str | None = None,
    choice: str | None = None,
) -> AssistantReply:
    """Answer a resident's question, offer two or three choices, or hand it over.

    `language` forces the language of the answer (else it is the question's); `hint` (the
    page language) only breaks ties when a question is too short to tell. `choice` picks
    one of the choices offered just before in this session (a document key or a product
    code), or `NONE_OF_THESE`: the question is then handed over with the transcript."""
    knowledge = knowledge_current()
    conversation = _conversation_for(session_key)
    if municipality is None and conversation is not None:
        municipality = conversation.municipality
    if choice:
        question, said, decision = _choice_decision(
            knowledge, conversation=conversation, choice=choice, language=language
        )
    else:
        question = _question_clean(question, language)
        said = question
        if municipality is None:
            municipality = municipality_named_in(question)
        decision = _decide(
            knowledge,
            question=question,
            language=language,
            municipality=municipality,
            conversation=conversation,
            hint=hint,
        )
    outcome, composed, options = outcome_compose(decision, municipality)
    asked = _asked_log(
        question=question,
        decision=decision,
        outcome=outcome,
        composed=composed,
        municipality=municipality,
        conversation=conversation,
    )
    transcript = list(conversation.turns) if conversation is not None else []
    transcript.append({"question": said, "language": decision.language})
    reply = _reply_for(
        decision=decision,
        outcome=outcome,
        composed=composed,
        options=options,
        municipality=municipality,
        asked=asked,
        transcript=transcript,
    )
    _conversation_remember(
        conversation,
        transcript=transcript,
        answer=reply.answer,
        municipality=municipality,
        decision=decision,
        outcome=outcome,
    )
    return _assistant_reply(reply, decision=decision, outcome=outcome, asked=asked, options=options)


@transaction.atomic
def contact_question_reach_set(
    *, contact_question_id: int, session_key: str, email: str, phone: str
) -> None:
    """Store how the visitor who asked a handed-over question wants to be answered.

    Only the conversation that asked it may: any other raises `QuestionNotFound`, exactly
    like a question that does not exist. At least one of the two is required."""
    if not SESSION_KEY.match(session_key or ""):
        raise QuestionNotFound
    desk().reach_set(
        question_id=contact_question_id, session_key=session_key, email=email, phone=phone
    )
