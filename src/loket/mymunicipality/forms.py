from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AddressForm(forms.Form):
    adres = forms.CharField(
        label=_("Address"),
        max_length=200,
        help_text=_(
            "Street, house number and postal code, for example “Grote Markt 54, 8500 Kortrijk”."
        ),
    )
