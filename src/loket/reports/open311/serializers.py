"""Categories and reports as Open311 services, service definitions and service requests.

Only public fields ever leave through here: never the reporter's name, email or phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField, F, Func, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.reports.models import Category
from loket.reports.workflow import OPEN311_STATUS
from loket.tenancy.models import Department, Municipality


def w3_datetime(value: dt.datetime | None) -> str | None:
    """ISO 8601 with the offset of the installation's time zone (W3C date-time)."""
    if value is None:
        return None
    return value.astimezone(timezone.get_current_timezone()).isoformat(timespec="seconds")


def service(category: Category) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or None,
        "metadata": bool(category.attributes.all()),
        "type": "realtime",
        "keywords": category.keywords or None,
        "group": category.parent.name if category.parent else None,
    }


def service_definition(category: Category) -> dict[str, Any]:
    attributes = []
    for attribute in category.attributes.all():
        attributes.append(
            {
                "variable": attribute.variable,
                "code": attribute.code,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": attribute.datatype_description or None,
                "order": attribute.position,
                "description": attribute.description,
                "values": [
                    {"key": str(value["key"]), "name": attribute.choice_name(value)}
                    for value in attribute.values
                ],
            }
        )
    return {"service_code": category.code, "attributes": attributes}


def service_notice(target_days: int) -> str:
    return ngettext(
        "We aim to deal with this within %(days)d day.",
        "We aim to deal with this within %(days)d days.",
        target_days,
    ) % {"days": target_days}


class W3DateTime(Func):
    """A timestamp written by PostgreSQL as a W3C date-time in UTC (2010-01-01T00:00:00Z):
    a thousand rows need no date parsing or formatting in Python."""

    template = "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    output_field = CharField()


REQUEST_DATES = {
    "requested_w3": W3DateTime(F("created_at")),
    "updated_w3": W3DateTime(Coalesce(F("closed_at"), F("updated_at"))),
    "expected_w3": W3DateTime(F("due_at")),
}
REQUEST_FIELDS = (
    "id",
    "status",
    "status_note",
    "merged_into_id",
    "category_id",
    "department_id",
    "municipality_id",
    "description",
    "requested_w3",
    "updated_w3",
    "expected_w3",
    "address",
    "address_id",
    "postal_code",
    "latitude",
    "longitude",
    "media_url",
)


@dataclass(frozen=True)
class Names:
    """Names of a region's categories, departments and municipalities in the active
    language, read once per call instead of joined into every row."""

    categories: dict[int, tuple[str, str]]  # id -> (code, name)
    departments: dict[int, str]
    municipalities: dict[int, str]


def request_rows(reports: QuerySet[Any]) -> QuerySet[Any]:
    """The reports as rows of REQUEST_FIELDS (dates already written out)."""
    rows: QuerySet[Any] = reports.annotate(**REQUEST_DATES).values(*REQUEST_FIELDS)
    return rows


def names_for(region_id: int) -> Names:
    categories = {
        category.pk: (category.code, category.name)
        for category in Category.objects.filter(region_id=region_id).only(
            "code", "name_nl", "name_fr", "name_en"
        )
    }
    departments = {
        department.pk: department.name
        for department in Department.objects.filter(region_id=region_id).only(
            "name_nl", "name_fr", "name_en"
        )
    }
    municipalities = {
        municipality.pk: municipality.name
        for municipality in Municipality.objects.filter(region_id=region_id).only(
            "name_nl", "name_fr", "name_en"
        )
    }
    return Names(categories=categories, departments=departments, municipalities=municipalities)


def service_request(
    row: Mapping[str, Any], *, names: Names, media_url: str | None
) -> dict[str, Any]:
    """One report (a row of REQUEST_FIELDS) as an Open311 request."""
    department_id = row["department_id"]
    agency = (
        names.departments.get(department_id)
        if department_id
        else names.municipalities.get(row["municipality_id"])
    )
    status_notes = row["status_note"] or None
    if row["merged_into_id"] and not status_notes:
        status_notes = _("Duplicate of report %(number)s.") % {"number": row["merged_into_id"]}
    code, name = names.categories.get(row["category_id"], ("", ""))
    return {
        "service_request_id": str(row["id"]),
        "status": OPEN311_STATUS[row["status"]],
        "status_notes": status_notes,
        "service_name": name,
        "service_code": code,
        "description": row["description"] or None,
        "agency_responsible": agency,
        "service_notice": None,
        "requested_datetime": row["requested_w3"],
        "updated_datetime": row["updated_w3"],
        "expected_datetime": row["expected_w3"],
        "address": row["address"] or None,
        "address_id": row["address_id"] or None,
        "zipcode": row["postal_code"] or None,
        "lat": row["latitude"],
        "long": row["longitude"],
        "media_url": media_url or row["media_url"] or None,
    }
