"""An error summary line reads as the language writes it: a question or a sentence as its
own sentence, any other label with a colon (in French with a space before it)."""

from __future__ import annotations

import pytest
from django.utils import translation

from loket.web.templatetags.loket_web import error_line


@pytest.mark.parametrize(
    ("language", "label", "error", "expected"),
    [
        ("nl", "Nummerplaat", "Dit veld is verplicht.", "Nummerplaat: Dit veld is verplicht."),
        (
            "fr",
            "Plaque d'immatriculation",
            "Ce champ est obligatoire.",
            "Plaque d'immatriculation\u00a0: Ce champ est obligatoire.",
        ),
        (
            "nl",
            "Vanaf wanneer?",
            "De datum moet vandaag of later zijn.",
            "Vanaf wanneer? De datum moet vandaag of later zijn.",
        ),
        (
            "en",
            "I declare that this information is correct and complete.",
            "You must agree to go on.",
            "I declare that this information is correct and complete. You must agree to go on.",
        ),
        ("en", "Postal code:", "Enter a postal code.", "Postal code: Enter a postal code."),
    ],
)
def test_an_error_line_joins_label_and_error_as_the_language_writes_it(
    language: str, label: str, error: str, expected: str
) -> None:
    with translation.override(language):
        assert error_line(label, error) == expected
