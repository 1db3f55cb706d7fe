"""Forms of the resources pages: booking (resident), deciding (staff) and configuring a
resource (administrator)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from loket.payments.money import cents_from_input, cents_to_plain
from loket.resources.models import PriceUnit, Resource, ResourceKind, TariffCategory
from loket.resources.services import ResourceSettings, TariffSetting, WindowSetting

WEEKDAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
)
_WINDOW = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*[-\u2013]\s*(\d{1,2})[:.h](\d{2})\s*$")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class BookingForm(forms.Form):
    starts_at = forms.DateTimeField(label=_("From"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Until"), widget=DateTimeInput())
    category = forms.ChoiceField(label=_("Rate"))
    quantity = forms.IntegerField(label=_("How many"), min_value=1, initial=1)
    purpose = forms.CharField(label=_("What is it for?"), max_length=200, required=False)

    def __init__(self, *args: Any, resource: Resource, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = {t.category for t in resource.tariffs.all()}
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [c for c in TariffCategory.choices if c[0] in offered]
        if resource.is_equipment:
            quantity = self.fields["quantity"]
            assert isinstance(quantity, forms.IntegerField)
            quantity.max_value = resource.quantity
            quantity.validators.append(MaxValueValidator(resource.quantity))
            self.fields["quantity"].help_text = _("At most %(total)s.") % {
                "total": resource.quantity
            }
        else:
            del self.fields["quantity"]


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the requester reads it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )


def _window_parse(text: str, weekday: int) -> list[WindowSetting]:
    windows = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _WINDOW.match(part)
        if match is None:
            raise ValidationError(_("Write the hours as 08:00-12:00, 13:00-22:00."))
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
            raise ValidationError(_("Write the hours as 08:00-12:00, 13:00-22:00."))
        windows.append(WindowSetting(weekday, dt.time(h1, m1), dt.time(h2, m2)))
    return windows


class ResourceForm(forms.Form):
    municipality = forms.TypedChoiceField(label=_("Municipality"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=120, required=False)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120, required=False)
    description_nl = forms.CharField(
        label=_("Description (Dutch)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_fr = forms.CharField(
        label=_("Description (French)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Capacity (persons)"), min_value=1, required=False)
    quantity = forms.IntegerField(
        label=_("Quantity"), min_value=1, initial=1, help_text=_("For equipment: how many units.")
    )
    price_unit = forms.ChoiceField(label=_("Price unit"), choices=PriceUnit.choices)
    minimum_minutes = forms.IntegerField(label=_("Shortest booking (minutes)"), min_value=1)
    maximum_minutes = forms.IntegerField(label=_("Longest booking (minutes)"), min_value=1)
    lead_minimum_hours = forms.IntegerField(label=_("Book at least (hours ahead)"), min_value=0)
    lead_maximum_days = forms.IntegerField(label=_("Book at most (days ahead)"), min_value=0)
    requires_approval = forms.BooleanField(label=_("Staff approve every booking"), required=False)
    is_active = forms.BooleanField(label=_("Bookable"), required=False, initial=True)

    def __init__(
        self, *args: Any, municipality_choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        municipality = self.fields["municipality"]
        assert isinstance(municipality, forms.ChoiceField)
        municipality.choices = municipality_choices
        for code, label in WEEKDAYS:
            self.fields[f"hours_{code}"] = forms.CharField(
                label=_("Opening hours on %(day)s") % {"day": label},
                required=False,
                help_text=_("For example 08:00-12:00, 13:00-22:00; empty: closed."),
            )
        for code, label in TariffCategory.choices:
            self.fields[f"price_{code}"] = forms.CharField(
                label=_("Price for “%(category)s” in euro per unit") % {"category": label},
                required=False,
                help_text=_("Empty: this category cannot book."),
            )
            self.fields[f"deposit_{code}"] = forms.CharField(
                label=_("Deposit for “%(category)s” in euro") % {"category": label},
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        windows: list[WindowSetting] = []
        for index, (code, _label) in enumerate(WEEKDAYS):
            try:
                windows += _window_parse(data.get(f"hours_{code}", ""), index)
            except ValidationError as error:
                self.add_error(f"hours_{code}", error)
        tariffs: dict[str, TariffSetting] = {}
        for code, _label in TariffCategory.choices:
            price, deposit = data.get(f"price_{code}", ""), data.get(f"deposit_{code}", "")
            if not price:
                continue
            try:
                tariffs[code] = TariffSetting(
                    cents_from_input(price), cents_from_input(deposit) if deposit else 0
                )
            except ValidationError as error:
                self.add_error(f"price_{code}", error)
        data["windows"], data["tariffs"] = windows, tariffs
        return data

    def settings(self) -> ResourceSettings:
        data = self.cleaned_data
        return ResourceSettings(
            kind=data["kind"],
            names={code: data[f"name_{code}"] for code in ("nl", "fr", "en")},
            descriptions={code: data[f"description_{code}"] for code in ("nl", "fr", "en")},
            location=data["location"],
            capacity=data["capacity"],
            quantity=data["quantity"],
            price_unit=data["price_unit"],
            minimum_minutes=data["minimum_minutes"],
            maximum_minutes=data["maximum_minutes"],
            lead_minimum_hours=data["lead_minimum_hours"],
            lead_maximum_days=data["lead_maximum_days"],
            requires_approval=data["requires_approval"],
            is_active=data["is_active"],
            windows=data["windows"],
            tariffs=data["tariffs"],
        )


def resource_initial(resource: Resource) -> dict[str, Any]:
    """The form's values for an existing resource."""
    initial: dict[str, Any] = {
        name: getattr(resource, name)
        for name in (
            "kind", "name_nl", "name_fr", "name_en", "description_nl", "description_fr",
            "description_en", "location", "capacity", "quantity", "price_unit",
            "minimum_minutes", "maximum_minutes", "lead_minimum_hours", "lead_maximum_days",
            "requires_approval", "is_active",
        )
    }  # fmt: skip
    initial["municipality"] = resource.municipality_id
    for index, (code, _label) in enumerate(WEEKDAYS):
        initial[f"hours_{code}"] = ", ".join(
            f"{w.opens:%H:%M}-{w.closes:%H:%M}"
            for w in resource.windows.all()
            if w.weekday == index
        )
    for tariff in resource.tariffs.all():
        initial[f"price_{tariff.category}"] = cents_to_plain(tariff.price_cents)
        initial[f"deposit_{tariff.category}"] = cents_to_plain(tariff.deposit_cents)
    return initial
