"""The one iCalendar builder: what it writes reads back the same with `icalendar`."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import override_settings
from icalendar import Calendar

from loket.notify.ical import CalendarEvent, ical_document, ical_uid

UTC = dt.UTC
BRUSSELS = ZoneInfo("Europe/Brussels")


def _event(**changes: object) -> CalendarEvent:
    fields: dict[str, object] = {
        "uid": "appointment-AB12@loket.example",
        "starts_at": dt.datetime(2025, 7, 1, 7, 30, tzinfo=UTC),
        "ends_at": dt.datetime(2025, 7, 1, 7, 45, tzinfo=UTC),
        "summary": "Appointment: identity card",
        **changes,
    }
    return CalendarEvent(**fields)  # type: ignore[arg-type]


def _parse(document: bytes) -> Calendar:
    return Calendar.from_ical(document)


def test_an_event_reads_back_with_its_fields() -> None:
    document = ical_document(
        events=[
            _event(
                description="Reference: AB12\nWhat to bring: your old card",
                location="Town hall, Rue Haute 1",
                geo=(50.8466, 4.3528),
                sequence=2,
                attendee_email="ann@example.test",
            )
        ],
        method="PUBLISH",
    )
    calendar = _parse(document)
    assert (str(calendar["version"]), str(calendar["method"])) == ("2.0", "PUBLISH")
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == "appointment-AB12@loket.example"
    assert str(event["summary"]) == "Appointment: identity card"
    assert str(event["description"]) == "Reference: AB12\nWhat to bring: your old card"
    assert str(event["location"]) == "Town hall, Rue Haute 1"
    assert (event["geo"].latitude, event["geo"].longitude) == (50.8466, 4.3528)
    assert event.decoded("sequence") == 2
    assert str(event["status"]) == "CONFIRMED"
    assert str(event["attendee"]) == "mailto:ann@example.test"
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=15)


def test_times_are_written_in_brussels_time_with_its_time_zone() -> None:
    summer = _event()
    winter = _event(
        uid="winter@loket.example",
        starts_at=dt.datetime(2025, 12, 1, 8, 0, tzinfo=UTC),
        ends_at=dt.datetime(2025, 12, 1, 9, 0, tzinfo=UTC),
    )
    document = ical_document(events=[summer, winter])
    text = document.decode()
    assert "DTSTART;TZID=Europe/Brussels:20250701T093000" in text  # UTC+2 in summer
    assert "DTSTART;TZID=Europe/Brussels:20251201T090000" in text  # UTC+1 in winter
    calendar = _parse(document)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Brussels"
    first, second = calendar.walk("VEVENT")
    assert first.decoded("dtstart") == dt.datetime(2025, 7, 1, 9, 30, tzinfo=BRUSSELS)
    assert first.decoded("dtstart") == summer.starts_at
    assert second.decoded("dtstart") == winter.starts_at


def test_non_ascii_and_special_characters_are_escaped_and_read_back() -> None:
    summary = "Rendez-vous : carte d'identité; Élisée, 2e étage, ça va"
    location = "Maison communale d'Ixelles, Chaussée d'Ixelles 168; Ixelles"
    document = ical_document(
        events=[_event(summary=summary, location=location)], name="Bureau Élisée Ixelles"
    )
    text = document.decode("utf-8")
    assert "\\;" in text  # RFC 5545 escapes ; and , in text values
    assert "\\," in text
    calendar = _parse(document)
    assert str(calendar["x-wr-calname"]) == "Bureau Élisée Ixelles"
    [event] = calendar.walk("VEVENT")
    assert (str(event["summary"]), str(event["location"])) == (summary, location)


def test_the_uid_stays_the_same_from_one_document_to_the_next() -> None:
    with override_settings(DEFAULT_FROM_EMAIL="Loket Ixelles <loket@ixelles.example>"):
        uid = ical_uid("appointment", "AB12")
        assert uid == "appointment-AB12@ixelles.example"
        assert ical_uid("appointment", "AB12") == uid
    first = _parse(ical_document(events=[_event(uid=uid)]))
    second = _parse(ical_document(events=[_event(uid=uid, sequence=1)]))
    assert [str(e["uid"]) for e in first.walk("VEVENT")] == [uid]
    assert [str(e["uid"]) for e in second.walk("VEVENT")] == [uid]


def test_a_uid_without_a_mail_domain_uses_an_invalid_domain() -> None:
    with override_settings(DEFAULT_FROM_EMAIL="loket"):
        assert ical_uid("resource", "7-1-2") == "resource-7-1-2@loket.invalid"


def test_a_cancelled_event_says_so() -> None:
    calendar = _parse(ical_document(events=[_event(cancelled=True)], method="CANCEL"))
    assert str(calendar["method"]) == "CANCEL"
    [event] = calendar.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"


def test_a_feed_without_events_is_a_valid_empty_calendar() -> None:
    calendar = _parse(ical_document(events=[], name="Hall"))
    assert calendar.walk("VEVENT") == []
    assert calendar.walk("VTIMEZONE") == []
    assert "method" not in calendar
    assert str(calendar["prodid"]).startswith("-//Loket//")
