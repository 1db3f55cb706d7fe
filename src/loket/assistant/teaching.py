"""Teaching the assistant: a question learned as a product phrasing or an FAQ entry,
dismissed questions, FAQ entries edited in the back office and the shipped phrasings.

Every change of the knowledge bumps `KnowledgeRevision` in the same transaction
(`knowledge_changed`), so every process rebuilds its index.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.assistant.documents import key_parse
from loket.assistant.models import (
    LANGUAGE_CODES,
    AskedQuestion,
    FaqEntry,
    FaqPhrasing,
    ProductPhrasing,
)
from loket.assistant.services import knowledge_changed
from loket.assistant.workflow import REVIEW_LIFECYCLE, ReviewStatus
from loket.catalog.selectors import product_get
from loket.core.lifecycle import transition_check
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


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
