"""`get_<field>_display()`: the label of the chosen value in the active language, the value
itself when it is not a choice, and only that label translated."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import trans_real

from loket.cases.models import Case
from loket.cases.workflow import CaseStatus
from loket.core.choices import choice_display_install
from loket.people.models import Person, Sex


def test_every_model_has_the_label_of_its_value() -> None:
    person = Person(sex=Sex.FEMALE)
    with translation.override("en"):
        assert person.get_sex_display() == str(Sex.FEMALE.label)
    with translation.override("nl"):
        assert person.get_sex_display() == str(Sex.FEMALE.label)
        assert person.get_sex_display() != "Female"


def test_a_value_that_is_not_a_choice_is_shown_as_it_is() -> None:
    assert Person(sex="?").get_sex_display() == "?"


def test_only_the_shown_label_is_translated(monkeypatch: pytest.MonkeyPatch) -> None:
    translated: list[str] = []
    real = trans_real.gettext

    def counting(message: str) -> Any:
        translated.append(message)
        return real(message)

    with translation.override("fr"):
        expected = str(CaseStatus.IN_TREATMENT.label)
        monkeypatch.setattr(translation._trans, "gettext", counting)
        label = Case(status=CaseStatus.IN_TREATMENT).get_status_display()
    assert label == expected
    assert len(translated) == 1  # Django's own translates every status


def test_installing_twice_replaces_nothing_more() -> None:
    assert choice_display_install([Case, Person]) == 0
