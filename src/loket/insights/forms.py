from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.insights.charts import Period
from loket.insights.models import ChannelTargets

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month(value: str) -> dt.date | None:
    found = _MONTH.match(value or "")
    if not found:
        return None
    year, month = int(found[1]), int(found[2])
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        return None
    return dt.date(year, month, 1)


def default_period(today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    last = today.replace(day=1)
    first = last.replace(year=last.year - 1)
    first = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return Period(first, last)


class PeriodForm(forms.Form):
    """The months shown: `van` and `tot` as YYYY-MM; at most five years."""

    van = forms.CharField(label=_("From (month)"), required=False, max_length=7)
    tot = forms.CharField(label=_("To (month)"), required=False, max_length=7)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        default = default_period()
        first = _month(cleaned.get("van", "")) if cleaned.get("van") else default.first
        last = _month(cleaned.get("tot", "")) if cleaned.get("tot") else default.last
        if first is None or last is None:
            raise forms.ValidationError(_("Write the months as YYYY-MM, for example 2026-01."))
        if first > last:
            raise forms.ValidationError(_("The first month comes after the last."))
        if (last.year - first.year) * 12 + last.month - first.month >= 60:
            raise forms.ValidationError(_("Choose at most five years."))
        cleaned["period"] = Period(first, last)
        return cleaned


def period_from(data: Any) -> tuple[PeriodForm, Period]:
    """The form bound to the query string, and the period to show (the default one when
    the input is not valid: the form then carries the error)."""
    form = PeriodForm(data)
    if form.is_valid():
        return form, form.cleaned_data["period"]
    return form, default_period()


class ChannelTargetsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ChannelTargets
        fields = ["digital", "phone", "counter", "home_visit"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        values = [cleaned.get(name) for name in ("digital", "phone", "counter", "home_visit")]
        if all(v is not None for v in values) and sum(values) != 100:  # type: ignore[arg-type]
            raise forms.ValidationError(
                _("The four targets together must make 100 %% (now %(total)s %%).")
                % {"total": sum(values)}  # type: ignore[arg-type]
            )
        return cleaned
