"""The one iCalendar (RFC 5545) builder: the calendar file attached to a message (an
appointment's confirmation) and the feeds a calendar application subscribes to (a desk's
appointments, a resource's taken periods). Built with the `icalendar` library.

Times are written in the municipality's time zone (`TIME_ZONE`, Europe/Brussels) with its
VTIMEZONE, so a calendar application shows the hour the resident was told. A UID is built
from what the event is about and never from when the file was made, so a renewed file or a
refreshed feed updates the event instead of adding another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

PRODUCT_ID = "-//Loket//Loket//EN"
# MIME type of the files and feeds this module makes.
ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEvent:
    """One event of a calendar file or feed; the domain fills it, this module writes it."""

    uid: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    geo: tuple[float, float] | None = None
    # Raised each time the event moves, so a calendar application takes the newest.
    sequence: int = 0
    cancelled: bool = False
    attendee_email: str = ""


def ical_uid(kind: str, key: object) -> str:
    """A UID that stays the same for the same thing: `<kind>-<key>@<mail domain>`."""
    _, at, domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")
    domain = domain.strip("> ") if at else ""
    return f"{kind}-{key}@{domain or 'loket.invalid'}"


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE))


def _component(item: CalendarEvent, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", _local(item.starts_at))
    event.add("dtend", _local(item.ends_at))
    event.add("sequence", item.sequence)
    event.add("summary", item.summary)
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.geo is not None:
        event.add("geo", item.geo)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    if item.attendee_email:
        event.add("attendee", vCalAddress(f"mailto:{item.attendee_email}"))
    return event


def ical_document(*, events: Iterable[CalendarEvent], name: str = "", method: str = "") -> bytes:
    """A calendar document with `events`. `name` is what a subscribed feed is called in the
    calendar application; `method` is "PUBLISH" or "CANCEL" for a file sent in a message
    (RFC 5546), empty for a feed."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    items = list(events)
    for item in items:
        calendar.add_component(_component(item, stamp))
    if items:
        # The time zone's rules for the years the events span, not since 1970.
        first = min(_local(item.starts_at) for item in items).date()
        last = max(_local(item.ends_at) for item in items).date()
        calendar.add_missing_timezones(
            first_date=first.replace(month=1, day=1), last_date=last.replace(month=12, day=31)
        )
    return bytes(calendar.to_ical())
