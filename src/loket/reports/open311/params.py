"""Reading Open311 parameters, with the error the specification asks for when they are bad."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from loket.reports.open311.formats import Open311Error
from loket.tenancy.models import Municipality, Region

MAX_DATE_SPAN = dt.timedelta(days=90)
# Dates outside these years are refused: the calendar (and the database) ends a little
# further on each side, and 90 days must still fit around a date.
FIRST_YEAR, LAST_YEAR = 1900, 2999
DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 1000

_W3_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")
_W3_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")


@dataclass(frozen=True)
class Jurisdiction:
    region: Region
    municipality: Municipality | None

    @property
    def identifier(self) -> str:
        return self.municipality.nis_code if self.municipality else self.region.slug


def jurisdiction_resolve(value: str) -> Jurisdiction:
    """The region (by slug) or municipality (by NIS code) an Open311 call is about.

    `jurisdiction_id` may be left out when the installation serves a single region."""
    value = value.strip()
    if not value:
        regions = list(Region.objects.all()[:2])
        if len(regions) == 1:
            return Jurisdiction(region=regions[0], municipality=None)
        raise Open311Error(400, _("jurisdiction_id was not provided."))
    if value.isdigit():
        municipality = Municipality.objects.select_related("region").filter(nis_code=value).first()
        if municipality is None:
            raise Open311Error(404, _("jurisdiction_id %(id)s was not found.") % {"id": value})
        return Jurisdiction(region=municipality.region, municipality=municipality)
    region = Region.objects.filter(slug=value).first()
    if region is None:
        raise Open311Error(404, _("jurisdiction_id %(id)s was not found.") % {"id": value})
    return Jurisdiction(region=region, municipality=None)


def w3_datetime_parse(name: str, value: str, *, end_of_day: bool = False) -> dt.datetime:
    """A W3C date-time with its time zone (e.g. 2010-01-01T00:00:00Z). A bare date is the
    start (or, for end_date, the end) of that day in UTC."""
    value = value.strip()
    moment: dt.datetime | None = None
    try:
        if _W3_DATE.match(value):
            day = dt.date.fromisoformat(value)
            moment = dt.datetime.combine(day, dt.time.max if end_of_day else dt.time.min)
            moment = moment.replace(tzinfo=dt.UTC)
        elif _W3_DATETIME.match(value):
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    if moment is not None:
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise Open311Error(
                400,
                _("%(name)s must lie between the years %(first)d and %(last)d.")
                % {"name": name, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return moment
    raise Open311Error(
        400,
        _(
            "%(name)s is not a valid date-time: use the W3C format with a time zone, for "
            "example 2010-01-01T00:00:00Z."
        )
        % {"name": name},
    )


def date_range(params: Mapping[str, str], *, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The requested_datetime range: at most 90 days; the most recent 90 days by default."""
    start_text, end_text = params.get("start_date", "").strip(), params.get("end_date", "").strip()
    start = w3_datetime_parse("start_date", start_text) if start_text else None
    end = w3_datetime_parse("end_date", end_text, end_of_day=True) if end_text else None
    if start is None and end is None:
        return now - MAX_DATE_SPAN, now
    if start is None:
        assert end is not None
        return end - MAX_DATE_SPAN, end
    if end is None:
        return start, start + MAX_DATE_SPAN
    if end < start:
        raise Open311Error(400, _("end_date lies before start_date."))
    if end - start > MAX_DATE_SPAN + dt.timedelta(days=1):
        raise Open311Error(400, _("start_date and end_date may not span more than 90 days."))
    return start, end


def lengths_check(values: Mapping[str, str], limits: Mapping[str, int]) -> None:
    """Refuse (400, one description per field) values longer than their stored field:
    nothing is cut off silently."""
    problems = [
        _("%(name)s may be at most %(limit)d characters long.") % {"name": name, "limit": limit}
        for name, limit in limits.items()
        if len(values.get(name, "")) > limit
    ]
    if problems:
        raise Open311Error(400, *problems)


def comma_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def statuses_parse(value: str) -> list[str]:
    statuses = comma_list(value)
    unknown = [status for status in statuses if status not in {"open", "closed"}]
    if unknown:
        raise Open311Error(
            400, _("status %(status)s is not valid: use open or closed.") % {"status": unknown[0]}
        )
    return statuses


def request_ids_parse(value: str) -> list[int]:
    ids = comma_list(value)
    if not all(item.isdigit() and len(item) < 18 for item in ids):
        raise Open311Error(400, _("service_request_id must be numbers separated by commas."))
    return [int(item) for item in ids]


def positive_int(params: Mapping[str, str], name: str, *, default: int, maximum: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit() or not 1 <= int(value) <= maximum:
        raise Open311Error(
            400,
            _("%(name)s must be a whole number from 1 to %(maximum)d.")
            % {"name": name, "maximum": maximum},
        )
    return int(value)


def coordinates_parse(params: Mapping[str, str]) -> tuple[float | None, float | None]:
    """lat/long from a POST; both or neither."""
    latitude_text, longitude_text = params.get("lat", "").strip(), params.get("long", "").strip()
    if not latitude_text and not longitude_text:
        return None, None
    if not latitude_text or not longitude_text:
        raise Open311Error(400, _("lat and long must be sent together."))
    try:
        latitude, longitude = float(latitude_text), float(longitude_text)
    except ValueError:
        raise Open311Error(400, _("lat and long must be numbers (WGS84 degrees).")) from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)) or not (
        -90 <= latitude <= 90 and -180 <= longitude <= 180
    ):
        raise Open311Error(400, _("lat must lie between -90 and 90 and long between -180 and 180."))
    return latitude, longitude


def attributes_parse(data: QueryDict) -> dict[str, list[str]]:
    """attribute[code]=value and attribute[code][]=value1&attribute[code][]=value2."""
    answers: dict[str, list[str]] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if match:
            answers.setdefault(match.group(1), []).extend(data.getlist(key))
    return answers
