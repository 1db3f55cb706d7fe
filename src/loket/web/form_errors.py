"""A service's ValidationError shown on the form that sent the data."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def errors_onto_form(form: forms.BaseForm, error: ValidationError) -> None:
    """Put each error next to the field it names; errors naming no field of the form (or
    no field at all) go to the top of the form, so none is lost."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.error_list)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)
