"""Pages anyone may open: the published activities and one activity with its periods.
A signed-in parent also sees the registration form with the children of their household."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from loket.activities.selectors import (
    activities_published,
    activity_get_published,
    children_of_resident,
    periods_with_places,
)
from loket.tenancy.access import actor_from_request, public
from loket.tenancy.selectors import municipalities_public
from loket.web.pagination import page_of


@public
def activity_list(request: HttpRequest) -> HttpResponse:
    municipalities = list(
        municipalities_public().filter(activities__is_published=True).distinct().order_by("name_nl")
    )
    chosen = request.GET.get("gemeente", "")
    municipality = next((m for m in municipalities if m.slug == chosen), None)
    activities = activities_published(
        municipality_id=municipality.pk if municipality is not None else None
    ).order_by("opens_everyone_at", "title", "pk")
    return render(
        request,
        "activities/public/list.html",
        {
            "page": page_of(request, activities, per_page=20),
            "municipalities": municipalities,
            "chosen": chosen,
        },
    )


@public
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    activity = activity_get_published(activity_id=activity_id)
    actor = actor_from_request(request)
    return render(
        request,
        "activities/public/detail.html",
        {
            "activity": activity,
            "periods": list(periods_with_places(activity=activity)),
            "children": children_of_resident(actor=actor),
            "signed_in": actor.is_resident,
            "token": uuid.uuid4().hex,
        },
    )
