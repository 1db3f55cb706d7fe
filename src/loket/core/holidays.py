"""Belgian public holidays, for every domain that counts working days or opens offices.

The ten legal public holidays of Belgium: New Year's Day, Easter Monday, Labour Day (1 May),
Ascension Day (Easter + 39 days), Whit Monday (Easter + 50 days), the National Day
(21 July), Assumption (15 August), All Saints' Day (1 November), Armistice Day
(11 November) and Christmas (25 December). Easter is computed with the Gregorian
computus (Meeus/Jones/Butcher), so no table needs updating.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=64)
def belgian_public_holidays(year: int) -> frozenset[dt.date]:
    easter = easter_sunday(year)
    return frozenset(
        {
            dt.date(year, 1, 1),
            easter + dt.timedelta(days=1),
            dt.date(year, 5, 1),
            easter + dt.timedelta(days=39),
            easter + dt.timedelta(days=50),
            dt.date(year, 7, 21),
            dt.date(year, 8, 15),
            dt.date(year, 11, 1),
            dt.date(year, 11, 11),
            dt.date(year, 12, 25),
        }
    )


def is_public_holiday(day: dt.date) -> bool:
    return day in belgian_public_holidays(day.year)
