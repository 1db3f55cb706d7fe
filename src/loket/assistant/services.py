"""Every write of the assistant domain: asking, handing over, answering, learning.

Keyword-only, typed, atomic. A change of the knowledge (FAQ entries, phrasings) bumps
`KnowledgeRevision` in the same transaction, so every process rebuilds its index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.assistant.composing import Composed, outcome_compose, product_codes
from loket.assistant.documents import key_parse
from loket.assistant.engine import Decision
from loket.assistant.history import contact_question_event_append
from loket.assistant.knowledge import Knowledge, knowledge_current
from loket.assistant.models import (
    LANGUAGE_CODES,
    AskedQuestion,
    ContactQuestion,
    Conversation,
    FaqEntry,
    FaqPhrasing,
    KnowledgeRevision,
    ProductPhrasing,
)
from loket.assistant.notifications import contact_centre_notify
from loket.assistant.replies import Action, clarification, handover_answer
from loket.assistant.workflow import (
    LIFECYCLE,
    REVIEW_LIFECYCLE,
    ContactQuestionStatus,
    Outcome,
    ReviewStatus,
)
from loket.catalog.selectors import product_get
from loket.core.lifecycle import transition_apply, transition_check
from loket.tenancy.access import Actor
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import departments_public

CONTACT_CENTRE_CODE = "contact-centre"
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
    options: list[str] = field(default_factory=list)  # the names offered in a clarification


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
) -> tuple[ContactQuestion | None, Department | None]:
    if municipality is None:
        return None, None
    department = contact_centre_of(municipality)
    contact = ContactQuestion.objects.create(
        municipality=municipality,
        department=department,
        asked_question=asked,
        question=question,
        language=language,
        transcript=transcript,
    )
    contact_question_event_append(
        contact_question=contact, from_status="", to_status=ContactQuestionStatus.OPEN
    )
    contact_centre_notify(contact_question=contact)
    return contact, department


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
        awaiting = list(conversation.candidates[:2])
    if conversation is not None and conversation.language:
        hint = conversation.language
    return knowledge.engine.decide(
        question,
        language=language,
        hint=hint,
        allowed=knowledge.allowed_for(municipality),
        awaiting_choice=awaiting,
    )


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
    contact: ContactQuestion | None = None


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
        alternatives = product_codes(decision.ranked[:2])
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
    conversation.candidates = decision.ranked[:3]
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
        contact_question_id=reply.contact.pk if reply.contact is not None else None,
        options=options,
    )


@transaction.atomic
def assistant_ask(
    *,
    question: str,
    language: str | None = None,
    municipality: Municipality | None = None,
    session_key: str | None = None,
    hint: str | None = None,
) -> AssistantReply:
    """Answer a resident's question, ask which of two they mean, or hand it over.

    `language` forces the language of the answer (else it is the question's); `hint` (the
    page language) only breaks ties when a question is too short to tell."""
    question = _question_clean(question, language)
    knowledge = knowledge_current()
    conversation = _conversation_for(session_key)
    if municipality is None and conversation is not None:
        municipality = conversation.municipality
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
    transcript.append({"question": question, "language": decision.language})
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


def _check_knowledge_grant(actor: Actor, municipality_id: int | None) -> None:
    if municipality_id is None:
        if not actor.region_ids(Permission.ASSISTANT_MANAGE_KNOWLEDGE):
            raise PermissionDenied
    elif not actor.has(Permission.ASSISTANT_MANAGE_KNOWLEDGE, municipality_id):
        raise PermissionDenied


def _clean_text(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError({"text": [_("Write the question.")]})
    return cleaned[:300]


@transaction.atomic
def question_learn(
    *, actor: Actor, asked_question: AskedQuestion, target: str, text: str | None = None
) -> ProductPhrasing | FaqPhrasing:
    """Teach the assistant: the question (or `text`) becomes a phrasing of the product or
    FAQ entry `target` ("product:<code>" or "faq:<id>")."""
    asked = AskedQuestion.objects.select_for_update().get(pk=asked_question.pk)
    if asked.municipality_id is None:
        if not actor.region_ids(Permission.ASSISTANT_MANAGE_KNOWLEDGE):
            raise PermissionDenied
    elif not actor.has(Permission.ASSISTANT_MANAGE_KNOWLEDGE, asked.municipality_id):
        raise PermissionDenied
    phrasing = _clean_text(text if text is not None else asked.question)
    kind, value = key_parse(target)
    learned: ProductPhrasing | FaqPhrasing
    if kind == "product":
        if product_get(value) is None:
            raise ValidationError({"target": [_("Choose a product of the catalogue.")]})
        learned, _created = ProductPhrasing.objects.get_or_create(
            product_code=value,
            language=asked.language,
            text=phrasing,
            defaults={"created_by": actor.user},
        )
    elif kind == "faq" and value.isdigit():
        entry = FaqEntry.objects.filter(pk=int(value), is_active=True).first()
        if entry is None or (
            entry.municipality_id is not None and entry.municipality_id != asked.municipality_id
        ):
            raise ValidationError({"target": [_("Choose an FAQ entry of this municipality.")]})
        learned, _created = FaqPhrasing.objects.get_or_create(
            entry=entry, language=asked.language, text=phrasing
        )
    else:
        raise ValidationError({"target": [_("Choose a product or an FAQ entry.")]})
    transition_check(REVIEW_LIFECYCLE, current=asked.review_status, target=ReviewStatus.LEARNED)
    asked.review_status = ReviewStatus.LEARNED
    asked.reviewed_by = actor.user
    asked.reviewed_at = timezone.now()
    asked.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
    knowledge_changed()
    return learned


@transaction.atomic
def question_dismiss(*, actor: Actor, asked_question: AskedQuestion) -> AskedQuestion:
    """Mark a logged question as reviewed without teaching anything (spam, off-topic)."""
    asked = AskedQuestion.objects.select_for_update().get(pk=asked_question.pk)
    if asked.municipality_id is not None and not actor.has(
        Permission.ASSISTANT_MANAGE_KNOWLEDGE, asked.municipality_id
    ):
        raise PermissionDenied
    transition_check(REVIEW_LIFECYCLE, current=asked.review_status, target=ReviewStatus.DISMISSED)
    asked.review_status = ReviewStatus.DISMISSED
    asked.reviewed_by = actor.user
    asked.reviewed_at = timezone.now()
    asked.save(update_fields=["review_status", "reviewed_by", "reviewed_at"])
    return asked


@transaction.atomic
def contact_question_answer(
    *, actor: Actor, contact_question: ContactQuestion, note: str
) -> ContactQuestion:
    """Record that the contact centre answered a handed-over question."""
    contact = ContactQuestion.objects.select_for_update().get(pk=contact_question.pk)
    if not actor.has(Permission.ASSISTANT_VIEW_QUESTIONS, contact.municipality_id):
        raise PermissionDenied
    note = note.strip()
    transition_apply(
        LIFECYCLE,
        instance=contact,
        target=ContactQuestionStatus.ANSWERED,
        actor=actor,
        history=lambda transition, source: contact_question_event_append(
            contact_question=contact,
            from_status=source,
            to_status=transition.target,
            note=note,
            actor_user=actor.user,
        ),
        changes={"answer_note": note, "answered_at": timezone.now(), "answered_by": actor.user},
    )
    return contact


def _phrasings_parse(lines: dict[str, str]) -> list[tuple[str, str]]:
    result = []
    for language in LANGUAGE_CODES:
        for line in lines.get(language, "").splitlines():
            text = " ".join(line.split())
            if text:
                result.append((language, text[:300]))
    return result


@transaction.atomic
def faq_entry_save(
    *,
    actor: Actor,
    region_id: int,
    municipality: Municipality | None,
    answers: dict[str, str],
    phrasings: dict[str, str],
    product_code: str = "",
    entry: FaqEntry | None = None,
    is_active: bool = True,
) -> FaqEntry:
    """Create or change an FAQ entry. `phrasings` holds one question a line per language."""
    _check_knowledge_grant(actor, municipality.pk if municipality is not None else None)
    if entry is not None:
        _check_knowledge_grant(actor, entry.municipality_id)
    if municipality is not None and municipality.region_id != region_id:
        raise ValidationError({"municipality": [_("Choose a municipality of the region.")]})
    if municipality is None and region_id not in actor.region_ids(
        Permission.ASSISTANT_MANAGE_KNOWLEDGE
    ):
        raise PermissionDenied
    parsed = _phrasings_parse(phrasings)
    errors: dict[str, list[str]] = {}
    if not any(answers.get(language, "").strip() for language in LANGUAGE_CODES):
        errors["answer_nl"] = [_("Write the answer in at least one language.")]
    if not parsed:
        errors["phrasings_nl"] = [_("Write at least one way of asking the question.")]
    if product_code and product_get(product_code) is None:
        errors["product_code"] = [_("Choose a product of the catalogue.")]
    if errors:
        raise ValidationError(errors)
    if entry is None:
        entry = FaqEntry(region_id=region_id)
    entry.municipality = municipality
    entry.product_code = product_code
    entry.is_active = is_active
    entry.updated_by = actor.user
    for language in LANGUAGE_CODES:
        setattr(entry, f"answer_{language}", answers.get(language, "").strip())
    entry.save()
    wanted = set(parsed)
    existing = {(p.language, p.text): p for p in entry.phrasings.all()}
    for key, phrasing in existing.items():
        if key not in wanted:
            phrasing.delete()
    FaqPhrasing.objects.bulk_create(
        FaqPhrasing(entry=entry, language=language, text=text)
        for language, text in parsed
        if (language, text) not in existing
    )
    knowledge_changed()
    return entry


@transaction.atomic
def shipped_phrasings_load(*, phrasings: dict[str, list[tuple[str, str]]]) -> int:
    """Add the phrasings shipped with Loket (idempotent); returns how many were new."""
    before = ProductPhrasing.objects.count()
    ProductPhrasing.objects.bulk_create(
        [
            ProductPhrasing(product_code=code, language=language, text=text, is_shipped=True)
            for code, rows in phrasings.items()
            for language, text in rows
        ],
        ignore_conflicts=True,
    )
    added = ProductPhrasing.objects.count() - before
    if added:
        knowledge_changed()
    return added
