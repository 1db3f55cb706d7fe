"""Pages anyone may open: the published activities and one activity with its periods.
A signed-in parent also sees the registration form with the children of their household."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from loket.activities.models import Activity
from loket.activities.selectors import (
    activities_published,
    activity_get_published,
    children_of_resident,
    periods_with_places,
)
from loket.activities.services import child_error_key
from loket.tenancy.access import actor_from_request, public
from loket.tenancy.selectors import municipalities_public
from loket.web.pagination import page_of
from loket.web.redirects import moved_to


@public
def activity_list(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The published activities of every municipality, or of one (/<slug>/activiteiten/).
    The chooser sends ?gemeente=<slug>, which moves to that municipality's address."""
    municipalities = list(
        municipalities_public().filter(activities__is_published=True).distinct().order_by("name_nl")
    )
    wanted = request.GET.get("gemeente", "")
    if slug is None and wanted:
        if any(m.slug == wanted for m in municipalities):
            return redirect("activities:municipality-list", slug=wanted)
        return redirect("activities:list")
    municipality = None
    if slug is not None:
        municipality = get_object_or_404(municipalities_public(), slug=slug)
    activities = activities_published(
        municipality_id=municipality.pk if municipality is not None else None
    ).order_by("opens_everyone_at", "title_nl", "pk")
    return render(
        request,
        "activities/public/list.html",
        {
            "page": page_of(request, activities, per_page=20),
            "municipalities": municipalities,
            "municipality": municipality,
        },
    )


def activity_of_municipality(*, slug: str, activity_id: int) -> Activity:
    """The published activity, if it is of the municipality in the address; else 404."""
    activity = activity_get_published(activity_id=activity_id)
    if activity.municipality.slug != slug:
        raise Http404
    return activity


@public
def activity_detail(request: HttpRequest, slug: str, activity_id: int) -> HttpResponse:
    return detail_page(request, activity_of_municipality(slug=slug, activity_id=activity_id))


@public
def activity_moved(request: HttpRequest, activity_id: int, to: str = "detail") -> HttpResponse:
    """An activity's first address (/activiteiten/<id>/…): a permanent redirect to its
    address under its municipality."""
    activity = activity_get_published(activity_id=activity_id)
    return moved_to(
        request, reverse(f"activities:{to}", args=[activity.municipality.slug, activity.pk])
    )


def detail_page(
    request: HttpRequest,
    activity: Activity,
    *,
    refused: dict[str, list[str]] | None = None,
    period_id: int | None = None,
    child_ids: list[int] | None = None,
) -> HttpResponse:
    """The activity page; after a refused registration (status 400) with each reason next
    to its child, the period's reason at the periods, and the choices kept."""
    actor = actor_from_request(request)
    refused = refused or {}
    children = list(children_of_resident(actor=actor))
    unplaced = dict(refused)
    unplaced.pop("period", None)
    children_refusal = unplaced.pop("child", [])
    for child in children:
        child.refusal = unplaced.pop(child_error_key(child.pk), [])  # type: ignore[attr-defined]
    return render(
        request,
        "activities/public/detail.html",
        {
            "activity": activity,
            "periods": list(periods_with_places(activity=activity)),
            "children": children,
            "signed_in": actor.is_resident,
            "token": uuid.uuid4().hex,
            "refused": bool(refused),
            "period_refusal": refused.get("period", []),
            "children_refusal": children_refusal,
            "other_refusals": [message for messages in unplaced.values() for message in messages],
            "chosen_period": period_id,
            "chosen_children": child_ids or [],
        },
        status=400 if refused else 200,
    )
