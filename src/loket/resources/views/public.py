"""Pages anyone may open: a municipality's bookable resources and one resource's
availability (week or month, server-rendered) with its iCalendar feed."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from loket.notify.ical import ICAL_CONTENT_TYPE
from loket.resources.calendar import calendar_build, ical_feed
from loket.resources.models import Resource
from loket.resources.selectors import resource_get_public, resources_public
from loket.tenancy.access import public
from loket.tenancy.models import Municipality
from loket.tenancy.selectors import municipalities_public


def _municipality(slug: str) -> Municipality:
    return get_object_or_404(municipalities_public(), slug=slug)


def _resource(slug: str, resource_id: int) -> tuple[Municipality, Resource]:
    municipality = _municipality(slug)
    return municipality, resource_get_public(resource_id=resource_id, municipality=municipality)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return timezone.localdate()


@public
def resource_list(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = _municipality(slug)
    return render(
        request,
        "resources/public/resource_list.html",
        {
            "municipality": municipality,
            "resources": list(resources_public(municipality=municipality)),
        },
    )


@public
def resource_detail(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    """The resource, its rules and tariffs, and its calendar (?weergave=maand, ?datum=)."""
    municipality, resource = _resource(slug, resource_id)
    mode = "month" if request.GET.get("weergave") == "maand" else "week"
    calendar = calendar_build(
        resource=resource, mode=mode, around=_day(request.GET.get("datum", ""))
    )
    return render(
        request,
        "resources/public/resource_detail.html",
        {
            "municipality": municipality,
            "resource": resource,
            "calendar": calendar,
            "tariffs": sorted(resource.tariffs.all(), key=lambda t: t.category),
            "today": timezone.localdate(),
        },
    )


@public
def resource_ical(request: HttpRequest, slug: str, resource_id: int) -> HttpResponse:
    resource = _resource(slug, resource_id)[1]
    response = HttpResponse(
        ical_feed(resource=resource, name=resource.name, start=timezone.localdate()),
        content_type=ICAL_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'inline; filename="resource-{resource.pk}.ics"'
    return response
