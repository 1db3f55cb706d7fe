"""Categories and reports as Open311 services, service definitions and service requests.

Only public fields ever leave through here: never the reporter's name, email or phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loket.reports.models import Category, Report
from loket.reports.workflow import OPEN311_STATUS


def w3_datetime(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


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


def service_request(report: Report, *, media_url: Callable[[Report], str | None]) -> dict[str, Any]:
    """One report as an Open311 request. `report` must come with its category (and parent),
    municipality and department loaded."""
    agency = report.department.name if report.department else report.municipality.name
    if report.merged_into_id:
        status_notes: str | None = report.status_note or _("Duplicate of report %(number)s.") % {
            "number": report.merged_into_id
        }
    else:
        status_notes = report.status_note or None
    return {
        "service_request_id": str(report.pk),
        "status": OPEN311_STATUS[report.status],
        "status_notes": status_notes,
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description or None,
        "agency_responsible": agency,
        "service_notice": None,
        "requested_datetime": w3_datetime(report.created_at),
        "updated_datetime": w3_datetime(report.closed_at or report.updated_at),
        "expected_datetime": w3_datetime(report.due_at),
        "address": report.address or None,
        "address_id": report.address_id or None,
        "zipcode": report.postal_code or None,
        "lat": report.latitude,
        "long": report.longitude,
        "media_url": media_url(report),
    }


def service_requests(
    reports: Iterable[Report], *, media_url: Callable[[Report], str | None]
) -> list[dict[str, Any]]:
    return [service_request(report, media_url=media_url) for report in reports]
