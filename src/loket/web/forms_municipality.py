"""The back-office form of a municipality's contact details and opening hours."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loket.tenancy.contact import (
    NOTE_LANGUAGES,
    NOTE_MAX_LENGTH,
    WEEKDAY_CODES,
    note_texts,
    periods_parse,
    periods_text,
    phone_validator,
    postal_code_validator,
    weekday_name,
)
from loket.tenancy.models import Municipality

NOTE_LABELS = {
    "nl": _("Note for %(day)s in Dutch"),
    "fr": _("Note for %(day)s in French"),
    "en": _("Note for %(day)s in English"),
}


class MunicipalityContactForm(forms.Form):
    address_street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    address_postal_code = forms.CharField(
        label=_("Postal code"), max_length=4, required=False, validators=[postal_code_validator]
    )
    address_locality = forms.CharField(label=_("Locality"), max_length=100, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        validators=[phone_validator],
        help_text=_("For example 056 27 80 00."),
    )
    email = forms.EmailField(label=_("Email address"), max_length=254, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for day in WEEKDAY_CODES:
            self.fields[f"hours_{day}"] = forms.CharField(
                label=weekday_name(day),
                max_length=100,
                required=False,
                help_text=_("For example 08:30-12:00, 13:30-16:00. Empty: closed."),
            )
            for code, label in NOTE_LABELS.items():
                self.fields[f"note_{day}_{code}"] = forms.CharField(
                    label=label % {"day": weekday_name(day)},
                    max_length=NOTE_MAX_LENGTH,
                    required=False,
                    help_text=_("Optional, for example: afternoons only by appointment."),
                )

    def day_fields(self) -> list[tuple[forms.BoundField, list[forms.BoundField]]]:
        """Per weekday: the hours and the note in each language."""
        return [
            (self[f"hours_{day}"], [self[f"note_{day}_{code}"] for code in NOTE_LANGUAGES])
            for day in WEEKDAY_CODES
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hours: dict[str, dict[str, Any]] = {}
        for day in WEEKDAY_CODES:
            try:
                periods = periods_parse(cleaned.get(f"hours_{day}", ""), day=day)
            except ValidationError as error:
                self.add_error(f"hours_{day}", error)
                continue
            hours[day] = {
                "periods": periods,
                "note": {code: cleaned.get(f"note_{day}_{code}", "") for code in NOTE_LANGUAGES},
            }
        cleaned["opening_hours"] = hours
        return cleaned

    @staticmethod
    def initial_for(municipality: Municipality) -> dict[str, Any]:
        initial: dict[str, Any] = {
            name: getattr(municipality, name)
            for name in ("address_street", "address_postal_code", "address_locality", "phone")
        }
        initial["email"] = municipality.email
        for day in WEEKDAY_CODES:
            value = (municipality.opening_hours or {}).get(day) or {}
            initial[f"hours_{day}"] = periods_text(value.get("periods") or [])
            note = note_texts(value.get("note"), municipality.languages)
            for code in NOTE_LANGUAGES:
                initial[f"note_{day}_{code}"] = note[code]
        return initial
