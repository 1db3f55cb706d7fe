"""Questions put to the assistant keep no resident, but the text is what a resident typed
and may name them ("my son Tom …"). Past its period a question loses its text; its language,
outcome, product, confidence, municipality, review status and date stay, so the counts per
outcome and the learning figures do not change. A conversation (what the assistant
remembers of one browser session) loses its turns and candidates much sooner. Questions
and conversations of no municipality (the regional page) follow the default period
(loket.audit.retention)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from loket.assistant.models import AskedQuestion, Conversation
from loket.audit.retention import RetentionKind, retention_kind_register


def _questions_due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[AskedQuestion]:
    return AskedQuestion.objects.filter(municipality_id=municipality_id, created_at__lt=cutoff)


def _questions_due_without_municipality(cutoff: dt.datetime) -> QuerySet[AskedQuestion]:
    return AskedQuestion.objects.filter(municipality__isnull=True, created_at__lt=cutoff)


def asked_questions_anonymise(ids: Sequence[int]) -> None:
    AskedQuestion.objects.filter(pk__in=ids).update(question="")


def _conversations_due(municipality_id: int, cutoff: dt.datetime) -> QuerySet[Conversation]:
    return Conversation.objects.filter(municipality_id=municipality_id, updated_at__lt=cutoff)


def _conversations_due_without_municipality(cutoff: dt.datetime) -> QuerySet[Conversation]:
    return Conversation.objects.filter(municipality__isnull=True, updated_at__lt=cutoff)


def conversations_anonymise(ids: Sequence[int]) -> None:
    """Empty the turns and retire the key: a browser that comes back with the old key
    starts a new conversation (a new row, anonymised in its own time), so nothing said
    after the anonymisation can stay in this row. `update()` leaves `updated_at` as it was."""
    Conversation.objects.filter(pk__in=ids).update(
        turns=[],
        candidates=[],
        is_awaiting_choice=False,
        key=Concat(Value("anonymised-"), Cast("pk", CharField())),
    )


retention_kind_register(
    RetentionKind(
        code="assistant_questions",
        label=_("Questions put to the assistant"),
        default_days=365,
        minimum_days=90,
        basis=_(
            "Counted from the question. Staff review unanswered questions and teach the "
            "assistant from them within weeks; one year by default, never less than three "
            "months."
        ),
        due=_questions_due,
        anonymise=asked_questions_anonymise,
        order=60,
        kept=("language", "outcome", "product", "confidence", "review status", "date"),
        due_without_municipality=_questions_due_without_municipality,
    )
)

retention_kind_register(
    RetentionKind(
        code="assistant_conversations",
        label=_("Conversations with the assistant"),
        default_days=30,
        minimum_days=1,
        basis=_(
            "Counted from the last question of the browser session. The assistant only needs "
            "the last turns to understand a follow-up question; thirty days by default."
        ),
        due=_conversations_due,
        anonymise=conversations_anonymise,
        order=61,
        kept=("municipality", "language", "date"),
        due_without_municipality=_conversations_due_without_municipality,
    )
)
