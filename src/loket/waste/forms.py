from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.tenancy.models import Municipality

MAX_CSV_BYTES = 2_000_000


class ImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: zone, postal_code, street, fraction, first_date, interval_weeks. "
            "One line per street and fraction."
        ),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        try:
            return str(upload.read().decode("utf-8"))
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("Save the file as CSV in UTF-8.")) from error


class ExceptionForm(forms.Form):
    date = forms.DateField(label=_("Planned date"), widget=forms.DateInput(attrs={"type": "date"}))
    moved_to = forms.DateField(
        label=_("Moved to"),
        required=False,
        help_text=_("Leave empty when the collection does not take place."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
