from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.tenancy.models import Municipality
from loket.works.models import WorkKind

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class WorkForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=WorkKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        help_text=_("As residents know it, for example “Kerkstraat, between 10 and 40”."),
    )
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("Longitude"), min_value=-180, max_value=180)
    starts_on = forms.DateField(label=_("From"), widget=_DATE)
    ends_on = forms.DateField(label=_("Until"), widget=_DATE)
    case_number = forms.CharField(
        label=_("Case number (optional)"),
        required=False,
        max_length=80,
        help_text=_("The permit this occupation comes from, when there is one."),
    )

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities
