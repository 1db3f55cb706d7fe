"""Retention of what residents typed to the assistant: a question past its period loses its
text, a conversation its turns, in a municipality and on the regional page (no
municipality, default period) alike; recent ones are untouched; the counts per outcome
stay; a municipality's longer period keeps its questions (loket.assistant.retention)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Count
from django.utils import timezone

from loket.assistant.models import AskedQuestion, Conversation
from loket.assistant.selectors import asked_questions_to_review
from loket.assistant.workflow import Outcome
from loket.audit.models import AnonymisationRecord
from loket.audit.retention import WITHOUT_MUNICIPALITY, retention_rule_set, retention_run
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

TYPED = "Mijn zoon Tom Peeters (12) verloor zijn kids-id in de Kerkstraat 4"


def _question(municipality: Municipality | None, days_ago: int, outcome: str) -> AskedQuestion:
    question = AskedQuestion.objects.create(
        municipality=municipality,
        question=TYPED,
        language="nl",
        outcome=outcome,
        product_code="kids-id" if outcome == Outcome.ANSWERED else "",
        confidence=0.4,
    )
    # As if it was asked `days_ago` days ago (setting up a test, not a feature).
    AskedQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return question


def _conversation(municipality: Municipality | None, key: str, days_ago: int) -> Conversation:
    conversation = Conversation.objects.create(
        key=key,
        municipality=municipality,
        language="nl",
        candidates=["product:kids-id"],
        turns=[{"question": TYPED, "answer": "Kids-ID", "language": "nl"}],
    )
    Conversation.objects.filter(pk=conversation.pk).update(
        updated_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return conversation


def _counts() -> list[dict[str, object]]:
    return list(
        AskedQuestion.objects.values("municipality_id", "outcome", "product_code", "language")
        .annotate(n=Count("pk"))
        .order_by("municipality_id", "outcome", "product_code")
    )


def test_old_questions_and_conversations_lose_what_was_typed_and_the_rest_stays(
    municipality: Municipality,
) -> None:
    old_here = _question(municipality, 400, Outcome.HANDED_OVER)
    old_regional = _question(None, 400, Outcome.ANSWERED)
    recent_here = _question(municipality, 30, Outcome.HANDED_OVER)
    recent_regional = _question(None, 30, Outcome.CLARIFIED)
    old_talk = _conversation(municipality, "a" * 32, 45)
    old_regional_talk = _conversation(None, "b" * 32, 45)
    recent_talk = _conversation(None, "c" * 32, 2)
    reviewer = actor_for_user(staff_member(municipality, Role.DEPARTMENT_HEAD))
    assert old_here in asked_questions_to_review(actor=reviewer)
    before = _counts()

    dry = retention_run(dry_run=True)
    assert dry.counts[(municipality.slug, "assistant_questions")] == 1
    assert dry.counts[(WITHOUT_MUNICIPALITY, "assistant_questions")] == 1
    assert dry.counts[(WITHOUT_MUNICIPALITY, "assistant_conversations")] == 1
    assert AskedQuestion.objects.filter(question=TYPED).count() == 4  # the dry run changed nothing

    plan = retention_run()
    assert plan.counts[(municipality.slug, "assistant_questions")] == 1
    assert plan.counts[(WITHOUT_MUNICIPALITY, "assistant_questions")] == 1
    assert plan.counts[(municipality.slug, "assistant_conversations")] == 1
    assert plan.counts[(WITHOUT_MUNICIPALITY, "assistant_conversations")] == 1
    for question in (old_here, old_regional):
        question.refresh_from_db()
        assert question.question == ""
    for question in (recent_here, recent_regional):
        question.refresh_from_db()
        assert question.question == TYPED
    for talk in (old_talk, old_regional_talk):
        talk.refresh_from_db()
        assert (talk.turns, talk.candidates) == ([], [])
    assert old_talk.key == f"anonymised-{old_talk.pk}"
    # The browser that comes back with the old key starts a new conversation.
    assert not Conversation.objects.filter(key="a" * 32).exists()
    recent_talk.refresh_from_db()
    assert recent_talk.turns
    assert recent_talk.candidates
    assert _counts() == before
    regional = AnonymisationRecord.objects.get(
        kind="assistant_questions", object_id=old_regional.pk
    )
    assert regional.municipality_id is None
    assert regional.days == 365
    # Nothing left to learn from: the review list leaves it out.
    assert old_here not in asked_questions_to_review(actor=reviewer)
    assert recent_here in asked_questions_to_review(actor=reviewer)
    # Idempotent.
    assert retention_run().total == 0


def test_a_municipalitys_longer_period_keeps_its_questions_not_the_regional_ones(
    municipality: Municipality,
) -> None:
    retention_rule_set(municipality=municipality, kind_code="assistant_questions", days=730)
    kept = _question(municipality, 400, Outcome.HANDED_OVER)
    regional = _question(None, 400, Outcome.HANDED_OVER)
    retention_run()
    kept.refresh_from_db()
    regional.refresh_from_db()
    assert (kept.question, regional.question) == (TYPED, "")
