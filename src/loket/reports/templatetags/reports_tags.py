"""Template helpers of the report pages."""

from __future__ import annotations

from typing import Any

from django import template

from loket.reports.models import Report
from loket.reports.views.common import report_form_url
from loket.tenancy.access import actor_from_request
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Permission

register = template.Library()


@register.simple_tag(takes_context=True)
def reports_permissions(context: Any) -> dict[str, bool]:
    """Which report pages the signed-in staff member may open (for the sub-navigation)."""
    request = context.get("request")
    if request is None:
        return {}
    actor = actor_from_request(request)
    return {
        "route_region": bool(actor.region_ids(Permission.REPORTS_ROUTE)),
        "manage_categories": actor.has(Permission.REPORTS_MANAGE_CATEGORIES),
        "manage_keys": actor.has(Permission.OPEN311_MANAGE_KEYS),
    }


@register.simple_tag
def report_new_url(place: Municipality | Region | None) -> str:
    """The report form of the region of `place` (a municipality or a region)."""
    if isinstance(place, Municipality):
        return report_form_url(municipality=place)
    if isinstance(place, Region):
        return report_form_url(region=place)
    return report_form_url()


@register.simple_tag
def report_answers(report: Report) -> list[tuple[str, str]]:
    """The answers to the category's questions as (question, answer), in the page's language."""
    questions = {attribute.code: attribute for attribute in report.category.attributes.all()}
    rows = []
    for code, value in (report.attributes or {}).items():
        values = [str(item) for item in value] if isinstance(value, list) else [str(value)]
        attribute = questions.get(code)
        if attribute is None:
            rows.append((code, ", ".join(values)))
            continue
        names = {str(choice["key"]): attribute.choice_name(choice) for choice in attribute.values}
        rows.append(
            (attribute.description or code, ", ".join(names.get(item, item) for item in values))
        )
    return rows
