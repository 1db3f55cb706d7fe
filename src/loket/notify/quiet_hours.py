"""Quiet hours: when text messages wait (default 21:00-08:00, Europe/Brussels)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class QuietHours:
    start: dt.time
    end: dt.time
    time_zone: zoneinfo.ZoneInfo

    def end_of_quiet_period(self, moment: dt.datetime) -> dt.datetime | None:
        """When the quiet period that `moment` falls in ends, or None outside quiet hours."""
        local = moment.astimezone(self.time_zone)
        clock = local.time()
        if self.start == self.end:
            return None
        if self.start < self.end:  # e.g. 12:00-14:00, within one day
            inside = self.start <= clock < self.end
            end_day = local.date()
        else:  # e.g. 21:00-08:00, across midnight
            inside = clock >= self.start or clock < self.end
            end_day = local.date() + dt.timedelta(days=1) if clock >= self.start else local.date()
        if not inside:
            return None
        return dt.datetime.combine(end_day, self.end, tzinfo=self.time_zone)


def quiet_hours_parse(spec: str, time_zone: str = "Europe/Brussels") -> QuietHours | None:
    """'21:00-08:00' → QuietHours; an empty text means no quiet hours."""
    spec = spec.strip()
    if not spec:
        return None
    start_text, _, end_text = spec.partition("-")
    start = dt.time.fromisoformat(start_text.strip())
    end = dt.time.fromisoformat(end_text.strip())
    return QuietHours(start=start, end=end, time_zone=zoneinfo.ZoneInfo(time_zone))


def quiet_hours_configured() -> QuietHours | None:
    return quiet_hours_parse(
        settings.LOKET_NOTIFY_QUIET_HOURS, settings.LOKET_NOTIFY_QUIET_HOURS_TIME_ZONE
    )
