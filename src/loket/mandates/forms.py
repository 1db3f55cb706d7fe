from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class MandateForm(forms.Form):
    mandatee_national_number = forms.CharField(
        label=_("National register number of the person who may act for you"),
        max_length=15,
        help_text=_("An adult living in your municipality."),
    )
    products = forms.MultipleChoiceField(
        label=_("For which products"), widget=forms.CheckboxSelectMultiple
    )
    valid_until = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, product_choices: list[tuple[str, str]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        products = self.fields["products"]
        assert isinstance(products, forms.MultipleChoiceField)
        products.choices = product_choices
