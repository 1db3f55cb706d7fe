"""Forms of the back office: an activity, a period, a period's capacity."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from loket.activities.models import ActivityKind
from loket.activities.services import ActivityFields
from loket.tenancy.models import Municipality

DEFAULT_PAYMENT_DAYS = 7


def cents_of(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


class ActivityForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none()
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    title_nl = forms.CharField(label=_("Title (Dutch)"), max_length=140, required=False)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=140, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=140, required=False)
    description_nl = forms.CharField(
        label=_("Description (Dutch)"), widget=forms.Textarea, required=False
    )
    description_fr = forms.CharField(
        label=_("Description (French)"), widget=forms.Textarea, required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea, required=False
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    age_min = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=99, required=False)
    age_max = forms.IntegerField(label=_("Maximum age"), min_value=0, max_value=99, required=False)
    school_year_min = forms.IntegerField(
        label=_("From school year (-2 to 6)"), min_value=-2, max_value=12, required=False
    )
    school_year_max = forms.IntegerField(
        label=_("To school year (-2 to 6)"), min_value=-2, max_value=12, required=False
    )
    price_resident = forms.DecimalField(
        label=_("Price for residents (€)"), min_value=0, max_digits=8, decimal_places=2
    )
    price_non_resident = forms.DecimalField(
        label=_("Price for non-residents (€)"), min_value=0, max_digits=8, decimal_places=2
    )
    social_reduction_percent = forms.IntegerField(
        label=_("Social tariff reduction (%)"), min_value=0, max_value=100, initial=0
    )
    sibling_reduction_percent = forms.IntegerField(
        label=_("Reduction from the second child (%)"), min_value=0, max_value=100, initial=0
    )
    opens_residents_at = forms.DateTimeField(label=_("Registration opens for residents"))
    opens_everyone_at = forms.DateTimeField(label=_("Registration opens for everyone"))
    closes_at = forms.DateTimeField(label=_("Registration closes"))
    offer_hours = forms.IntegerField(
        label=_("Hours to accept an offered place"), min_value=1, max_value=720, initial=48
    )
    payment_days = forms.IntegerField(
        label=_("Days to pay for a place"),
        min_value=0,
        max_value=90,
        initial=DEFAULT_PAYMENT_DAYS,
        required=False,  # empty: the default
        help_text=_(
            "A confirmed place not paid this many days after it was confirmed goes to the "
            "waiting list, and the family is told. 0: never."
        ),
    )
    is_published = forms.BooleanField(label=_("Published"), required=False)

    def __init__(self, *args: Any, municipalities: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = municipalities

    def activity_fields(self) -> ActivityFields:
        data = self.cleaned_data
        return ActivityFields(
            kind=data["kind"],
            titles={code: data[f"title_{code}"] for code in ("nl", "fr", "en")},
            descriptions={code: data[f"description_{code}"] for code in ("nl", "fr", "en")},
            location=data["location"],
            age_min=data["age_min"],
            age_max=data["age_max"],
            school_year_min=data["school_year_min"],
            school_year_max=data["school_year_max"],
            price_resident_cents=cents_of(data["price_resident"]),
            price_non_resident_cents=cents_of(data["price_non_resident"]),
            social_reduction_percent=data["social_reduction_percent"],
            sibling_reduction_percent=data["sibling_reduction_percent"],
            opens_residents_at=data["opens_residents_at"],
            opens_everyone_at=data["opens_everyone_at"],
            closes_at=data["closes_at"],
            offer_hours=data["offer_hours"],
            is_published=data["is_published"],
            payment_days=DEFAULT_PAYMENT_DAYS
            if data["payment_days"] is None
            else data["payment_days"],
        )


class PeriodForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=100)
    starts_on = forms.DateField(label=_("First day"))
    ends_on = forms.DateField(label=_("Last day"))
    capacity = forms.IntegerField(label=_("Places"), min_value=0, max_value=10_000)


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=0,
        max_value=10_000,
        error_messages={
            "required": _("Give a number of places from 0 to 10000."),
            "invalid": _("Give a number of places from 0 to 10000."),
            "min_value": _("Give a number of places from 0 to 10000."),
            "max_value": _("Give a number of places from 0 to 10000."),
        },
    )


class RegistrationCancelForm(forms.Form):
    """Staff cancel one registration of a period, with an optional reason."""

    cancel = forms.TypedChoiceField(
        label=_("Registration"),
        coerce=int,
        error_messages={
            "required": _("Choose a registration of this period."),
            "invalid_choice": _("Choose a registration of this period."),
        },
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args: Any, registration_ids: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["cancel"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(str(pk), str(pk)) for pk in registration_ids]

    def chosen(self) -> int | None:
        """The registration the form was sent for, if it names one (even a refused one)."""
        value = str(self.data.get("cancel", ""))
        return int(value) if value.isdigit() and len(value) < 12 else None
