"""The privacy officer's filters on the access log (a GET form: it works without JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.audit.models import AccessPurpose


class AccessLogFilterForm(forms.Form):
    resident = forms.CharField(
        label=_("Resident"),
        help_text=_("Name or national register number."),
        max_length=100,
        required=False,
    )
    staff = forms.CharField(
        label=_("Staff member"),
        help_text=_("Name or user name of who read the data, or the system's name."),
        max_length=100,
        required=False,
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the start date as a valid date.")},
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter the end date as a valid date.")},
    )
    purpose = forms.ChoiceField(
        label=_("Why"),
        required=False,
        choices=[("", _("Any purpose")), *AccessPurpose.choices],
        error_messages={"invalid_choice": _("Choose one of the listed purposes.")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        return cleaned
