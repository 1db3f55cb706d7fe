"""One placeholder syntax for notification messages, decision letters and letter wording."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from loket.core.placeholders import placeholders_problems, placeholders_render, placeholders_used
from loket.decisions.models import DecisionOutcome, DecisionTemplate
from loket.decisions.texts import DEFAULT_APPEAL, DEFAULT_BODY, DEFAULT_SUBJECT, WORDING
from tests.factories import RegionFactory


def test_placeholders_are_filled_in_without_escaping() -> None:
    text = "{{ name }} & {{ place|upper }}{% if note %} ({{ note }}){% endif %}{{ missing }}."

    assert placeholders_render(text, {"name": "O'Brien <Jan>", "place": "menen", "note": ""}) == (
        "O'Brien <Jan> & MENEN."
    )
    assert placeholders_used(text) == {"name", "place", "note", "missing"}


def test_only_variables_and_if_are_allowed() -> None:
    with translation.override("en"):
        assert placeholders_problems("{% for x in name %}{{ x }}{% endfor %}") == [
            "Only {{ variables }} and {% if %} can be used; “for” is not allowed."
        ]
        assert placeholders_problems("{{ nickname }}", allowed=["name"]) == [
            "“nickname” is not a variable of this message. You can use: name."
        ]
        [unreadable] = placeholders_problems("Kost {{ prijs in euro }}")
    assert unreadable.startswith("The text cannot be read: ")
    assert placeholders_problems("{{ anything }}{% if other %}x{% endif %}") == []


def test_the_fixed_letter_wording_uses_the_same_syntax() -> None:
    wording = WORDING["en"]
    verification = placeholders_render(wording.verification_page, {"url": "https://l.be/v/"})
    seal = placeholders_render(
        wording.seal_text, {"municipality": "Menen", "verification": verification}
    )

    assert seal == (
        "This letter carries the electronic signature of Menen. You can check that it comes "
        "from us and has not been changed: the verification page of the e-counter "
        "(https://l.be/v/)."
    )


def test_every_shipped_letter_text_is_valid() -> None:
    texts = [
        *DEFAULT_SUBJECT.values(),
        *DEFAULT_APPEAL.values(),
        *(text for outcome in DEFAULT_BODY.values() for text in outcome.values()),
        *(wording.seal_text for wording in WORDING.values()),
        *(wording.verification_page for wording in WORDING.values()),
    ]

    assert len(texts) == 18
    assert [placeholders_problems(text) for text in texts] == [[]] * 18
    for wording in WORDING.values():
        assert placeholders_used(wording.seal_text) == {"municipality", "verification"}
        assert placeholders_used(wording.verification_page) == {"url"}


@pytest.mark.django_db
def test_braces_saved_before_stay_literal_in_stored_decision_templates() -> None:
    region = RegionFactory()
    template = DecisionTemplate.objects.create(
        region=region,
        product_code="eid-card",
        outcome=DecisionOutcome.APPROVED,
        body_nl="Kost {{ fee }} {%korting%} {# niet #}",
        subject_fr="Sans accolades",
    )
    migration = importlib.import_module(
        "loket.decisions.migrations.0002_decision_template_placeholder_syntax"
    )

    migration._literal_braces_keep(apps, None)

    template.refresh_from_db()
    assert template.body_nl == "Kost {{ fee }} { %korting%} { # niet #}"
    assert template.subject_fr == "Sans accolades"
    rendered = placeholders_render(template.body_nl, {"fee": "25"})
    assert rendered == "Kost 25 { %korting%} { # niet #}"
