"""The back-office form of a municipality's contact details and opening hours."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loket.tenancy.contact import (
    NOTE_MAX_LENGTH,
    WEEKDAY_CODES,
    periods_parse,
    periods_text,
    phone_validator,
    postal_code_validator,
    weekday_name,
)
from loket.tenancy.models import Municipality


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
            self.fields[f"note_{day}"] = forms.CharField(
                label=_("Note for %(day)s") % {"day": weekday_name(day)},
                max_length=NOTE_MAX_LENGTH,
                required=False,
                help_text=_("Optional, for example: afternoons only by appointment."),
            )

    def day_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"hours_{day}"], self[f"note_{day}"]) for day in WEEKDAY_CODES]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        hours: dict[str, dict[str, Any]] = {}
        for day in WEEKDAY_CODES:
            try:
                periods = periods_parse(cleaned.get(f"hours_{day}", ""), day=day)
            except ValidationError as error:
                self.add_error(f"hours_{day}", error)
                continue
            hours[day] = {"periods": periods, "note": cleaned.get(f"note_{day}", "")}
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
            initial[f"note_{day}"] = value.get("note", "")
        return initial
