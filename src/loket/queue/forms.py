"""Forms of the queue pages: an office's queue (a product group), set up by its
municipality's administrator."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from loket.catalog.models import Product


class QueueForm(forms.Form):
    letter = forms.CharField(
        label=gettext_lazy("Letter"),
        max_length=2,
        help_text=gettext_lazy("Shown before the ticket number (A-012)."),
    )
    name_nl = forms.CharField(label=gettext_lazy("Name (Dutch)"), max_length=200)
    name_fr = forms.CharField(label=gettext_lazy("Name (French)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200, required=False)
    products = forms.MultipleChoiceField(
        label=gettext_lazy("Products of this queue"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    position = forms.IntegerField(
        label=gettext_lazy("Position on the kiosk"), min_value=0, max_value=99, initial=0
    )
    is_active = forms.BooleanField(
        label=gettext_lazy("Open for tickets"), required=False, initial=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        products = self.fields["products"]
        assert isinstance(products, forms.MultipleChoiceField)
        products.choices = [
            (product.code, product.name) for product in Product.objects.order_by("code")
        ]


class ClerkTicketForm(forms.Form):
    """A ticket a clerk takes for a resident at the reception of one office."""

    queue = forms.CharField(label=gettext_lazy("Queue"), required=False)
    national_number = forms.CharField(
        label=gettext_lazy("National register number (optional)"), max_length=20, required=False
    )
    priority = forms.BooleanField(label=gettext_lazy("Priority"), required=False)

    def queue_id(self) -> int | None:
        raw = self.cleaned_data["queue"]
        return int(raw) if raw.isdigit() and len(raw) < 12 else None
