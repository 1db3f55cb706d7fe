"""Due dates: calendar days by default, or working days (no weekends, no Belgian public
holidays) when a municipality chose so for a product.

The holidays themselves live in loket.core.holidays (offices close on them too).
"""

from __future__ import annotations

import datetime as dt

from loket.core.holidays import belgian_public_holidays, easter_sunday

__all__ = ["belgian_public_holidays", "due_date_compute", "easter_sunday", "is_working_day"]


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in belgian_public_holidays(day.year)


def due_date_compute(*, start: dt.date, days: int, working_days: bool = False) -> dt.date:
    """The day `days` days after `start` (0: the same day).

    With working days the count skips weekends and public holidays, and a due date never
    falls on a day the town hall is closed.
    """
    if days < 0:
        raise ValueError("days must be 0 or more")
    if not working_days:
        return start + dt.timedelta(days=days)
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day
