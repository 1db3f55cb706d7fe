"""Reads of the assistant domain. Tenant data is read through the actor's grants; another
municipality's question or FAQ entry answers 404 (the callers use get_object_or_404)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from loket.assistant.models import AskedQuestion, FaqEntry
from loket.assistant.workflow import Outcome, ReviewStatus
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission

# A question answered with less confidence than this is shown on the learning page too.
LOW_CONFIDENCE = 0.7


def _scope(actor: Actor, permission: Permission) -> Q:
    """Rows of the actor's municipalities; rows without a municipality for region-wide staff."""
    condition = Q(municipality_id__in=actor.municipality_ids(permission))
    if actor.region_ids(permission):
        condition |= Q(municipality__isnull=True)
    return condition


def asked_questions_visible_to(*, actor: Actor) -> QuerySet[AskedQuestion]:
    return AskedQuestion.objects.filter(_scope(actor, Permission.ASSISTANT_VIEW_QUESTIONS))


def asked_questions_to_review(*, actor: Actor) -> QuerySet[AskedQuestion]:
    """Questions not answered, or answered with low confidence, that nobody reviewed yet."""
    return (
        asked_questions_visible_to(actor=actor)
        .filter(review_status=ReviewStatus.NEW)
        .filter(~Q(outcome=Outcome.ANSWERED) | Q(confidence__lt=LOW_CONFIDENCE))
        .exclude(question="")  # past its retention period: nothing left to learn from
        .select_related("municipality")
        .order_by("-created_at", "-pk")
    )


def asked_question_get_visible(*, actor: Actor, question_id: int) -> AskedQuestion | None:
    return asked_questions_visible_to(actor=actor).filter(pk=question_id).first()


def faq_entries_visible_to(*, actor: Actor) -> QuerySet[FaqEntry]:
    """The FAQ entries the actor may edit: their municipalities' and, region-wide, the
    region's own entries."""
    permission = Permission.ASSISTANT_MANAGE_KNOWLEDGE
    condition = Q(municipality_id__in=actor.municipality_ids(permission))
    regions = actor.region_ids(permission)
    if regions:
        condition |= Q(municipality__isnull=True, region_id__in=regions)
    return (
        FaqEntry.objects.filter(condition)
        .select_related("municipality")
        .prefetch_related("phrasings")
        .order_by("municipality__name_nl", "pk")
    )


def faq_entry_get_visible(*, actor: Actor, entry_id: int) -> FaqEntry | None:
    return faq_entries_visible_to(actor=actor).filter(pk=entry_id).first()


def faq_entries_for_learning(*, actor: Actor, municipality_id: int | None) -> list[FaqEntry]:
    """The active FAQ entries a question of this municipality may become a phrasing of."""
    entries = faq_entries_visible_to(actor=actor).filter(is_active=True)
    if municipality_id is not None:
        entries = entries.filter(Q(municipality__isnull=True) | Q(municipality_id=municipality_id))
    return list(entries)


def municipalities_for_knowledge(*, actor: Actor) -> QuerySet[Municipality]:
    return Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.ASSISTANT_MANAGE_KNOWLEDGE)
    ).order_by("name_nl")
