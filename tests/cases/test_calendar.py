from __future__ import annotations

import datetime as dt

import pytest

from loket.cases.calendar import belgian_public_holidays, due_date_compute, easter_sunday


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2024, dt.date(2024, 3, 31)),
        (2025, dt.date(2025, 4, 20)),
        (2026, dt.date(2026, 4, 5)),
        (2027, dt.date(2027, 3, 28)),
        (2038, dt.date(2038, 4, 25)),
        (2008, dt.date(2008, 3, 23)),
    ],
)
def test_easter_sunday(year: int, easter: dt.date) -> None:
    assert easter_sunday(year) == easter


def test_belgian_public_holidays_of_2026() -> None:
    assert sorted(belgian_public_holidays(2026)) == [
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 6),  # Easter Monday
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 14),  # Ascension
        dt.date(2026, 5, 25),  # Whit Monday
        dt.date(2026, 7, 21),
        dt.date(2026, 8, 15),
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 11),
        dt.date(2026, 12, 25),
    ]


def test_calendar_days_count_every_day() -> None:
    assert due_date_compute(start=dt.date(2026, 4, 2), days=5) == dt.date(2026, 4, 7)
    assert due_date_compute(start=dt.date(2026, 4, 2), days=0) == dt.date(2026, 4, 2)


def test_working_days_skip_weekends_and_holidays() -> None:
    # Thursday 2 April 2026 + 5 working days: Fri 3, (weekend, Easter Monday 6) Tue 7,
    # Wed 8, Thu 9, Fri 10.
    assert due_date_compute(start=dt.date(2026, 4, 2), days=5, working_days=True) == dt.date(
        2026, 4, 10
    )
    # Around Christmas and New Year.
    assert due_date_compute(start=dt.date(2026, 12, 24), days=3, working_days=True) == dt.date(
        2026, 12, 30
    )


def test_working_days_never_end_on_a_closed_day() -> None:
    saturday = dt.date(2026, 7, 18)
    assert due_date_compute(start=saturday, days=0, working_days=True) == dt.date(2026, 7, 20)
    # Monday 20 July + 1 working day: Tuesday 21 July is the National Day.
    assert due_date_compute(start=dt.date(2026, 7, 20), days=1, working_days=True) == dt.date(
        2026, 7, 22
    )


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        due_date_compute(start=dt.date(2026, 1, 5), days=-1)
