"""Forms of the appointments pages. They only read and check what was typed; the
services decide and write."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loket.appointments.models import Office, OfficeProduct, Weekday
from loket.appointments.services.offices import WeeklyPeriod
from loket.appointments.workflow import AppointmentChannel
from loket.catalog.models import Product
from loket.core.enums import Language
from loket.tenancy.contact import WEEKDAY_CODES, periods_parse, phone_validator


def starts_at_parse(value: str) -> dt.datetime | None:
    """ "2026-12-07T09:15" (local time, as the slot buttons send it) as an aware moment."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class SlotField(forms.CharField):
    default_error_messages = {
        "required": gettext_lazy("Choose a time."),
        "invalid": gettext_lazy("Choose a time."),
    }

    def to_python(self, value: Any) -> dt.datetime | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        moment = starts_at_parse(text)
        if moment is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return moment


class SlotForm(forms.Form):
    starts_at = SlotField(label=gettext_lazy("Time"))


class GuestBookingForm(SlotForm):
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200)
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        required=False,
        help_text=gettext_lazy("We send the confirmation and a link to change or cancel."),
    )
    phone = forms.CharField(
        label=gettext_lazy("Mobile phone (optional)"),
        required=False,
        max_length=20,
        validators=[phone_validator],
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the messages"), choices=Language.choices
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("email") and not data.get("phone") and not self.has_error("email"):
            self.add_error(
                "email",
                _("Give an e-mail address or a mobile number to receive the confirmation."),
            )
        return data


class StaffBookingForm(GuestBookingForm):
    channel = forms.ChoiceField(
        label=gettext_lazy("How the resident asked"),
        choices=[
            (AppointmentChannel.COUNTER.value, AppointmentChannel.COUNTER.label),
            (AppointmentChannel.PHONE.value, AppointmentChannel.PHONE.label),
        ],
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"), required=False, max_length=500
    )


def _weekly_fields(form: forms.BaseForm, prefix: str, label_suffix: str) -> None:
    for index, code in enumerate(WEEKDAY_CODES):
        form.fields[f"{prefix}_{code}"] = forms.CharField(
            label=f"{Weekday(index).label} ({label_suffix})",
            required=False,
            max_length=100,
            help_text=_("For example 09:00-12:00, 13:00-16:00; empty: closed."),
        )


def weekly_initial(prefix: str, rows: list[tuple[int, dt.time, dt.time]]) -> dict[str, str]:
    by_day: dict[int, list[str]] = {}
    for weekday, begins, ends in sorted(rows):
        by_day.setdefault(weekday, []).append(f"{begins:%H:%M}-{ends:%H:%M}")
    return {
        f"{prefix}_{code}": ", ".join(by_day.get(i, [])) for i, code in enumerate(WEEKDAY_CODES)
    }


def weekly_periods(form: forms.BaseForm, prefix: str) -> list[WeeklyPeriod]:
    """The periods typed per weekday; an unreadable day gets its error on its field."""
    periods: list[WeeklyPeriod] = []
    for index, code in enumerate(WEEKDAY_CODES):
        name = f"{prefix}_{code}"
        try:
            parsed = periods_parse(form.cleaned_data.get(name, ""), day=code)
        except ValidationError as error:
            form.add_error(name, error)
            continue
        for begins, ends in parsed:
            try:
                periods.append((index, dt.time.fromisoformat(begins), dt.time.fromisoformat(ends)))
            except ValueError:
                form.add_error(name, _("A time is written as 08:30, between 00:00 and 23:59."))
    return periods


class OfficeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Office
        fields = [
            "name_nl",
            "name_fr",
            "name_en",
            "address_street",
            "address_postal_code",
            "address_locality",
            "latitude",
            "longitude",
            "accessibility_nl",
            "accessibility_fr",
            "accessibility_en",
            "closed_on_public_holidays",
            "slot_minutes",
            "booking_days_ahead",
            "is_active",
        ]
        widgets = {
            "accessibility_nl": forms.Textarea(attrs={"rows": 2}),
            "accessibility_fr": forms.Textarea(attrs={"rows": 2}),
            "accessibility_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _weekly_fields(self, "hours", _("opening hours"))


class ClosureForm(forms.Form):
    first_day = forms.DateField(
        label=gettext_lazy("First day"), widget=forms.DateInput({"type": "date"})
    )
    last_day = forms.DateField(
        label=gettext_lazy("Last day"), widget=forms.DateInput({"type": "date"})
    )
    reason_nl = forms.CharField(
        label=gettext_lazy("Reason (Dutch)"), required=False, max_length=200
    )
    reason_fr = forms.CharField(
        label=gettext_lazy("Reason (French)"), required=False, max_length=200
    )
    reason_en = forms.CharField(
        label=gettext_lazy("Reason (English)"), required=False, max_length=200
    )
    cancel_booked = forms.BooleanField(
        label=gettext_lazy("Cancel the appointments booked in these days and tell each resident"),
        required=False,
        help_text=gettext_lazy(
            "Needed only when appointments are booked in these days: you are told how many "
            "before anything is cancelled."
        ),
    )


class SpecialHoursForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput({"type": "date"}))
    opens_at = forms.TimeField(
        label=gettext_lazy("Opens at"), widget=forms.TimeInput({"type": "time"})
    )
    closes_at = forms.TimeField(
        label=gettext_lazy("Closes at"), widget=forms.TimeInput({"type": "time"})
    )


class DeskForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    is_active = forms.BooleanField(label=gettext_lazy("In use"), required=False, initial=True)
    products = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Products"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("None ticked: the desk handles every product of the office."),
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        product_ids = OfficeProduct.objects.filter(office=office).values("product_id")
        products = self.fields["products"]
        assert isinstance(products, forms.ModelMultipleChoiceField)
        products.queryset = Product.objects.filter(pk__in=product_ids).order_by("code")
        _weekly_fields(self, "shift", _("on duty"))


class OfficeProductForm(forms.Form):
    product = forms.ModelChoiceField(
        label=gettext_lazy("Product"), queryset=Product.objects.order_by("code")
    )
    duration_minutes = forms.IntegerField(
        label=gettext_lazy("Duration (minutes)"), min_value=5, max_value=480, initial=15
    )
    max_open_per_person = forms.IntegerField(
        label=gettext_lazy("Open appointments per person"), min_value=1, max_value=50, initial=2
    )
    bring_nl = forms.CharField(
        label=gettext_lazy("What to bring (Dutch)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    bring_fr = forms.CharField(
        label=gettext_lazy("What to bring (French)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    bring_en = forms.CharField(
        label=gettext_lazy("What to bring (English)"),
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    is_active = forms.BooleanField(label=gettext_lazy("Bookable"), required=False, initial=True)
