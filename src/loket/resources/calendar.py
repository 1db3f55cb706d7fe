"""The public availability calendar of a resource: a week or a month of days, each with its
opening hours and the periods already taken (never who took them), and the same periods as
an iCalendar feed (written by `loket.notify.ical`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from loket.notify.ical import CalendarEvent, ical_document, ical_uid
from loket.resources.models import Resource
from loket.resources.selectors import BusyPeriod, busy_periods


@dataclass
class Day:
    date: dt.date
    windows: list[tuple[dt.time, dt.time]]
    busy: list[BusyPeriod] = field(default_factory=list)
    in_month: bool = True

    @property
    def is_closed(self) -> bool:
        return not self.windows


@dataclass(frozen=True)
class CalendarView:
    mode: str  # "week" or "month"
    first: dt.date
    days: list[Day]
    previous: dt.date
    next: dt.date

    @property
    def weeks(self) -> list[list[Day]]:
        return [self.days[i : i + 7] for i in range(0, len(self.days), 7)]


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def calendar_build(*, resource: Resource, mode: str, around: dt.date) -> CalendarView:
    """The week (Monday to Sunday) or the month (whole weeks) around `around`."""
    if mode == "month":
        first_of_month = around.replace(day=1)
        start = first_of_month - dt.timedelta(days=first_of_month.weekday())
        next_month = (first_of_month + dt.timedelta(days=32)).replace(day=1)
        end = next_month + dt.timedelta(days=(7 - next_month.weekday()) % 7)
        previous = (first_of_month - dt.timedelta(days=1)).replace(day=1)
        following, first = next_month, first_of_month
    else:
        start = around - dt.timedelta(days=around.weekday())
        end = start + dt.timedelta(days=7)
        previous, following, first = start - dt.timedelta(days=7), end, start
    windows = list(resource.windows.all())
    days = {}
    for offset in range((end - start).days):
        date = start + dt.timedelta(days=offset)
        days[date] = Day(
            date=date,
            windows=[(w.opens, w.closes) for w in windows if w.weekday == date.weekday()],
            in_month=mode != "month" or date.month == first.month,
        )
    for period in busy_periods(resource=resource, start=_aware(start), end=_aware(end)):
        day = timezone.localtime(period.starts_at).date()
        last = timezone.localtime(period.ends_at - dt.timedelta(microseconds=1)).date()
        while day <= last:
            if day in days:
                days[day].busy.append(period)
            day += dt.timedelta(days=1)
    return CalendarView(mode, first, list(days.values()), previous, following)


def ical_feed(*, resource: Resource, name: str, start: dt.date, days: int = 180) -> bytes:
    """The resource's taken periods from `start` on, as an iCalendar feed."""
    begin = _aware(start)
    periods = busy_periods(resource=resource, start=begin, end=begin + dt.timedelta(days=days))
    return ical_document(
        events=[
            CalendarEvent(
                uid=ical_uid(
                    "resource",
                    f"{resource.pk}-{period.starts_at.timestamp():.0f}"
                    f"-{period.ends_at.timestamp():.0f}",
                ),
                starts_at=period.starts_at,
                ends_at=period.ends_at,
                summary=name,
            )
            for period in periods
        ],
        name=name,
    )
