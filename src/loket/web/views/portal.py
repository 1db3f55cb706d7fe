"""Public portal pages: the region home and a municipality's page."""

from __future__ import annotations

from typing import Any

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from loket.tenancy.contact import opening_days
from loket.tenancy.models import Municipality
from loket.tenancy.selectors import departments_public, municipalities_public, regions_public


def boundary_feature(municipality: Municipality) -> dict[str, Any]:
    """One municipality as a GeoJSON feature that the map links to its page."""
    return {
        "type": "Feature",
        "geometry": municipality.boundary,
        "properties": {
            "name": municipality.name,
            "url": reverse("web:municipality", kwargs={"slug": municipality.slug}),
        },
    }


def feature_collection(municipalities: list[Municipality]) -> dict[str, Any]:
    prefetch_related_objects(municipalities, "boundary_shape")
    return {
        "type": "FeatureCollection",
        "features": [boundary_feature(municipality) for municipality in municipalities],
    }


def home(request: HttpRequest) -> HttpResponse:
    municipalities = list(municipalities_public().order_by("region__slug", "name_nl"))
    municipalities.sort(key=lambda municipality: municipality.name.casefold())
    regions = [
        {
            "region": region,
            "municipalities": [m for m in municipalities if m.region_id == region.pk],
        }
        for region in regions_public()
    ]
    return render(
        request,
        "web/home.html",
        {"regions": regions, "map_data": feature_collection(municipalities)},
    )


def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(municipalities_public(), slug=slug)
    departments = list(departments_public(municipality=municipality))
    departments.sort(key=lambda department: department.name.casefold())
    return render(
        request,
        "web/municipality.html",
        {
            "municipality": municipality,
            "departments": departments,
            "opening_days": opening_days(
                municipality.opening_hours, languages=municipality.languages
            ),
            "map_data": feature_collection([municipality]),
        },
    )
