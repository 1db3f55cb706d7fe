"""The rules a registration is checked against: windows, age and school year, price."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.activities.models import Activity, Period
from loket.core.dates import date_display


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years on `day`."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def school_year_of(birth_date: dt.date, day: dt.date) -> int:
    """The Belgian school year a child is in on `day` (-2..0 pre-school, 1..6 primary):
    children go by birth year, the school year starts on 1 September."""
    school_start = day.year if day.month >= 9 else day.year - 1
    return school_start - birth_date.year - 5


def moment_display(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{date_display(local.date())} {local:%H:%M}"


def window_check(*, activity: Activity, is_resident: bool, now: dt.datetime) -> None:
    """Refuse a registration outside the registration window (residents start earlier)."""
    opens = activity.opens_residents_at if is_resident else activity.opens_everyone_at
    if now < opens:
        if not is_resident and now >= activity.opens_residents_at:
            message = _("Registration is open for residents only until %(date)s.")
        else:
            message = _("Registration opens on %(date)s.")
        raise ValidationError(
            {"period_id": message % {"date": moment_display(opens)}}, code="not_open"
        )
    if now >= activity.closes_at:
        raise ValidationError({"period_id": _("Registration is closed.")}, code="closed")


def child_fits_check(*, activity: Activity, period: Period, birth_date: dt.date | None) -> None:
    """Refuse a child who is too young or too old (in years or in school years)."""
    if birth_date is None:
        raise ValidationError({"child_id": _("The register has no birth date for this child.")})
    age = age_on(birth_date, period.starts_on)
    year = school_year_of(birth_date, period.starts_on)
    if activity.age_min is not None and age < activity.age_min:
        message = _("This activity is for children of %(age)s years and older.") % {
            "age": activity.age_min
        }
    elif activity.age_max is not None and age > activity.age_max:
        message = _("This activity is for children of at most %(age)s years.") % {
            "age": activity.age_max
        }
    elif activity.school_year_min is not None and year < activity.school_year_min:
        message = _("This child is not yet in the school years this activity is for.")
    elif activity.school_year_max is not None and year > activity.school_year_max:
        message = _("This child is past the school years this activity is for.")
    else:
        return
    raise ValidationError({"child_id": message}, code="age")


def price_for(
    *, activity: Activity, is_resident: bool, social_tariff: bool, is_second_child: bool
) -> tuple[int, list[str]]:
    """The price in cents and the reductions applied (codes)."""
    base = activity.price_resident_cents if is_resident else activity.price_non_resident_cents
    reductions: list[str] = ["resident"] if is_resident else []
    price = base
    if social_tariff and activity.social_reduction_percent:
        price = price * (100 - activity.social_reduction_percent) // 100
        reductions.append("social_tariff")
    if is_second_child and activity.sibling_reduction_percent:
        price = price * (100 - activity.sibling_reduction_percent) // 100
        reductions.append("second_child")
    return price, reductions
