"""Reads of decision letter templates."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from loket.decisions.models import DecisionOutcome, DecisionTemplate
from loket.decisions.texts import (
    DEFAULT_APPEAL,
    DEFAULT_APPEAL_DAYS,
    DEFAULT_BODY,
    DEFAULT_SUBJECT,
    PRODUCT_LETTER_FIELDS,
    LetterFields,
)
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


@dataclass(frozen=True)
class LetterTemplate:
    """The texts a letter is made from, each from the most specific place that has one:
    the municipality's template, the region's, or Loket's default wording."""

    subject: str
    body: str
    appeal: str
    appeal_days: int
    # The answers the letter repeats: the municipality's or region's template's
    # `answer_keys`, else the product's shipped choice; None: those the form marks `in_letter`.
    fields: LetterFields | None = None


def decision_template_for(
    *, municipality: Municipality, product_code: str, outcome: str, language: str
) -> LetterTemplate:
    outcome = DecisionOutcome(outcome)
    templates = sorted(
        DecisionTemplate.objects.filter(
            Q(municipality=municipality) | Q(municipality__isnull=True),
            region_id=municipality.region_id,
            product_code=product_code,
            outcome=outcome,
        ),
        key=lambda template: template.municipality_id is None,  # municipality's first
    )

    def text(part: str, default: str) -> str:
        for template in templates:
            value = template.text(part, language)
            if value.strip():
                return value
        return default

    shipped = PRODUCT_LETTER_FIELDS.get(product_code)
    declared = next((t.answer_keys for t in templates if t.answer_keys), None)
    fields = shipped
    if declared:
        fields = LetterFields(
            answer_keys=tuple(str(key) for key in declared),
            validity_from=shipped.validity_from if shipped else "",
            validity_months=shipped.validity_months if shipped else 0,
        )
    return LetterTemplate(
        subject=text("subject", DEFAULT_SUBJECT[language]),
        body=text("body", DEFAULT_BODY[outcome][language]),
        appeal=text("appeal", DEFAULT_APPEAL[language]),
        appeal_days=templates[0].appeal_days if templates else DEFAULT_APPEAL_DAYS,
        fields=fields,
    )


def decision_templates_visible_to(*, actor: Actor) -> QuerySet[DecisionTemplate]:
    """The templates an actor may edit: their municipalities' own ones, and the region's
    where they hold the permission region-wide."""
    permission = Permission.DECISIONS_MANAGE_TEMPLATES
    return DecisionTemplate.objects.filter(
        Q(municipality_id__in=actor.municipality_ids(permission))
        | Q(municipality__isnull=True, region_id__in=actor.region_ids(permission))
    ).order_by("product_code", "outcome", "municipality_id")
