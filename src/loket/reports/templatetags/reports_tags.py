"""Template helpers of the report pages."""

from __future__ import annotations

from typing import Any

from django import template

from loket.tenancy.access import actor_from_request
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
