"""Template helpers of the report pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from loket.core.rows import pk_url
from loket.reports.models import Report
from loket.reports.views.common import report_form_url
from loket.tenancy.access import actor_from_request
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Permission
from loket.web.tables import short_date, table_rows

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


@register.simple_tag
def report_rows(reports: Iterable[Report]) -> SafeString:
    """The rows of a reports queue (`reports/backoffice/_table.html`): number, category,
    municipality, department, status and due date, in one pass (`loket.web.tables`)."""
    url = pk_url("reports:staff-detail")
    not_routed = format_html('<span class="tag">{}</span>', _("not routed"))
    overdue = format_html('<strong class="overdue">{}</strong> ', _("overdue"))
    return table_rows(
        (
            "",
            (
                format_html('<a href="{}">#{}</a>', url(report.pk), report.pk),
                report.category.name,
                report.municipality.name,
                report.department.name if report.department else not_routed,
                report.get_status_display(),
                format_html(
                    "{}{}", overdue if report.is_overdue else "", short_date(report.due_at)
                ),
            ),
        )
        for report in reports
    )
