from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from loket.catalog.formdefs.answers import (
    AnswerContext,
    HouseholdMember,
    answers_display,
    answers_validate,
)
from loket.catalog.formdefs.rendering import error_links, form_views
from loket.catalog.formdefs.schema import HouseholdRelation, form_definition_parse
from loket.catalog.loading import shipped_form_definitions

TODAY = dt.date(2026, 3, 2)
T = {"nl": "Tekst", "fr": "Texte", "en": "Text"}


def definition(*fields: dict[str, Any], only_once: list[str] | None = None) -> dict[str, Any]:
    return {
        "only_once": only_once or ["identity"],
        "sections": [{"key": "main", "title": T, "fields": list(fields)}],
    }


def field(key: str, type_: str, **extra: Any) -> dict[str, Any]:
    return {"key": key, "type": type_, "label": T, **extra}


def test_a_form_may_not_ask_what_the_register_knows() -> None:
    with pytest.raises(ValidationError) as caught:
        form_definition_parse(definition(field("national_number", "text")))
    assert "only_once" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (field("x", "colour"), "unknown field type"),
        (field("x", "text", label={"nl": "Alleen Nederlands"}), "Dutch, French and English"),
        (field("x", "choice"), "list of options"),
        (field("x", "text", rules={"min": 1}), "rules not known"),
        (field("x", "text", show_if={"field": "later", "equals": "y"}), "comes earlier"),
        (field("X y", "text"), "lower-case word"),
        (field("x", "file", accept=["exe"]), "files can be"),
        (field("x", "text", colour="red"), "unknown attributes"),
        (field("x", "date", rules={"not_before": "nothing"}), "date field that comes earlier"),
        (field("x", "text", rules={"pattern": "("}), "regular expression"),
    ],
)
def test_mistakes_in_a_definition_are_named(bad: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        form_definition_parse(definition(bad))
    assert message in " ".join(caught.value.messages)


def test_a_key_used_twice_is_refused() -> None:
    with pytest.raises(ValidationError, match="used twice"):
        form_definition_parse(definition(field("a", "text"), field("a", "number")))


def test_each_type_is_cleaned_to_json_values() -> None:
    form = form_definition_parse(
        definition(
            field("name_of_pet", "text", required=True, rules={"max_length": 10}),
            field("count", "number", rules={"min": 1, "max": 5}),
            field("amount", "number", rules={"decimals": 2}),
            field("day", "date", rules={"min_days_from_today": 0}),
            field("later", "date", rules={"not_before": "day"}),
            field(
                "colour",
                "choice",
                options=[{"value": "red", "label": T}, {"value": "blue", "label": T}],
            ),
            field(
                "many",
                "choice",
                multiple=True,
                options=[{"value": "a", "label": T}, {"value": "b", "label": T}],
            ),
            field("agree", "yes_no"),
            field("where", "address"),
            field("child", "household_person", relation="child"),
            field("ok", "consent", required=True),
        )
    )
    household = (
        HouseholdMember("14052100036", "Lotte Desmet", HouseholdRelation.CHILD),
        HouseholdMember("84100200087", "Thomas Desmet", HouseholdRelation.PARTNER),
    )
    result = answers_validate(
        form,
        {
            "name_of_pet": "  Rex  ",
            "count": "3",
            "amount": "12,5",
            "day": "2026-03-02",
            "later": "2026-03-04",
            "colour": "blue",
            "many": ["b", "a", "b"],
            "agree": "no",
            "where": {
                "street": "Markt",
                "number": "1",
                "postal_code": "8500",
                "municipality": "Kortrijk",
            },
            "child": "14052100036",
            "ok": "on",
        },
        context=AnswerContext(today=TODAY, household=household),
    )
    assert result.errors == {}
    assert result.values == {
        "name_of_pet": "Rex",
        "count": 3,
        "amount": "12.50",
        "day": "2026-03-02",
        "later": "2026-03-04",
        "colour": "blue",
        "many": ["a", "b"],
        "agree": False,
        "where": {
            "street": "Markt",
            "number": "1",
            "box": "",
            "postal_code": "8500",
            "municipality": "Kortrijk",
        },
        "child": {"national_number": "14052100036", "name": "Lotte Desmet"},
        "ok": True,
    }


def test_wrong_answers_get_a_message_per_field() -> None:
    form = form_definition_parse(
        definition(
            field("count", "number", required=True, rules={"min": 1, "max": 5}),
            field("day", "date", rules={"min_days_from_today": 0}),
            field("later", "date", rules={"not_before": "day"}),
            field("plate", "text", rules={"pattern": "[0-9]-[A-Z]{3}-[0-9]{3}"}),
            field("child", "household_person", relation="child"),
            field("ok", "consent", required=True),
        )
    )
    result = answers_validate(
        form,
        {
            "count": "6",
            "day": "2026-03-01",
            "later": "2026-02-01",
            "plate": "ABC",
            "child": "84100200087",
        },
        context=AnswerContext(
            today=TODAY,
            household=(HouseholdMember("84100200087", "Thomas", HouseholdRelation.PARTNER),),
        ),
    )
    assert result.errors == {
        "count": ["At most 5."],
        "day": ["The date must be today or later."],
        "plate": ["This is not in the expected format."],
        "child": ["Choose a person of your household."],
        "ok": ["You must agree to continue."],
    }


def test_hidden_fields_are_ignored_and_shown_ones_are_checked() -> None:
    form = form_definition_parse(
        definition(
            field("owner", "yes_no", required=True),
            field("why", "text", required=True, show_if={"field": "owner", "equals": False}),
        )
    )
    context = AnswerContext(today=TODAY)
    hidden = answers_validate(form, {"owner": "yes", "why": "ignored"}, context=context)
    assert (hidden.values, hidden.errors) == ({"owner": True}, {})
    shown = answers_validate(form, {"owner": "no"}, context=context)
    assert shown.errors == {"why": ["This field is required."]}


def test_the_preview_shows_every_field_with_its_condition_and_errors() -> None:
    spec = form_definition_parse(shipped_form_definitions()["resident-parking-card"])
    sections = form_views(spec, errors={"licence_plate": ["Wrong."]}, language="en")
    by_key = {view.key: view for section in sections for view in section.fields}
    assert by_key["employer_statement"].condition_field == "ownership"
    assert by_key["employer_statement"].condition_values == '["company", "leasing"]'
    assert "Only when you answered" in by_key["employer_statement"].condition_text
    assert by_key["ownership"].is_group is True
    assert error_links(sections) == [
        {"href": "#f-licence_plate", "label": "Licence plate", "error": "Wrong."}
    ]


def test_answers_are_displayed_with_their_labels() -> None:
    spec = form_definition_parse(shipped_form_definitions()["resident-parking-card"])
    rows = answers_display(
        spec, {"licence_plate": "1-ABC-123", "ownership": "own", "declaration": True}, "en"
    )
    assert rows == [
        ("Licence plate", "1-ABC-123"),
        ("Whose vehicle is it?", "Mine or a household member's"),
        ("I declare that this information is correct and complete.", "Yes"),
    ]


def test_every_shipped_form_shows_register_data_instead_of_asking_it() -> None:
    for code, raw in shipped_form_definitions().items():
        spec = form_definition_parse(copy.deepcopy(raw))
        assert spec.only_once, code


@pytest.mark.parametrize(
    ("rules", "answer", "language", "message"),
    [
        (
            {"min_days_from_today": 1},
            "2026-03-02",
            "en",
            "The date must be in the future: March 3, 2026 or later.",
        ),
        (
            {"min_days_from_today": 5},
            "2026-03-02",
            "fr",
            "La date doit être dans le futur : le 7 mars 2026 ou plus tard.",
        ),
        ({"min_days_from_today": 0}, "2026-03-01", "nl", "De datum moet vandaag of later zijn."),
        (
            {"min_days_from_today": -30},
            "2026-01-01",
            "nl",
            "De datum ligt te ver in het verleden: kies 31 januari 2026 of later.",
        ),
        (
            {"max_days_from_today": 0},
            "2026-03-03",
            "fr",
            "La date ne peut pas être dans le "
            "futur : choisissez aujourd'hui ou une date antérieure.",
        ),
        (
            {"max_days_from_today": 60},
            "2026-06-01",
            "nl",
            "De datum ligt te ver in de toekomst: kies 1 mei 2026 of vroeger.",
        ),
    ],
)
def test_a_date_limit_explains_itself_in_the_page_s_language(
    rules: dict[str, int], answer: str, language: str, message: str
) -> None:
    form = form_definition_parse(definition(field("day", "date", rules=rules)))
    with translation.override(language):
        result = answers_validate(form, {"day": answer}, context=AnswerContext(today=TODAY))
    assert result.errors == {"day": [message]}


def test_answered_dates_read_in_the_page_s_language() -> None:
    form = form_definition_parse(definition(field("born", "date")))
    values = {"born": "1986-03-14"}
    with translation.override("nl"):
        assert answers_display(form, values, "nl") == [("Tekst", "14 maart 1986")]
    with translation.override("fr"):
        assert answers_display(form, values, "fr") == [("Texte", "14 mars 1986")]
