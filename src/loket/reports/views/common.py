"""Helpers shared by the report pages: region choice, map data, photo URLs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse

from loket.reports.models import Report
from loket.tenancy.models import Municipality, Region
from loket.web.maps import boundary_features

MAP_POINTS_LIMIT = 1000
# {report id: draft key} of the "after" photos of refused staff updates, kept for the next
# try (the photo view serves them to this session only).
AFTER_PHOTOS_SESSION_KEY = "loket_report_after_photos"


def region_for_request(request: HttpRequest) -> Region:
    """The region a portal page is about: ?region=<slug>, ?municipality=<slug>, or the only
    (first) region of the installation."""
    source = request.POST if request.method == "POST" else request.GET
    slug = source.get("region", "")
    if slug:
        region = Region.objects.filter(slug=slug).first()
    elif source.get("municipality"):
        municipality = (
            Municipality.objects.filter(slug=source["municipality"])
            .select_related("region")
            .first()
        )
        region = municipality.region if municipality else None
    else:
        region = Region.objects.order_by("pk").first()
    if region is None:
        raise Http404
    return region


def report_form_url(
    *, municipality: Municipality | None = None, region: Region | None = None
) -> str:
    """The report form of a municipality's (or a region's) own region. Every link to the
    form is built here: without a region the form falls back to the installation's first."""
    url = reverse("reports:new")
    if municipality is not None:
        return f"{url}?municipality={municipality.slug}"
    if region is not None:
        return f"{url}?region={region.slug}"
    return url


def point_features(
    reports: Iterable[Report], *, url_name: str = "reports:detail"
) -> list[dict[str, Any]]:
    """Reports as map points: number, category, status and link (to the public page, or
    with `url_name` to another page of the report); nothing personal."""
    features = []
    for report in reports:
        if report.latitude is None or report.longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [report.longitude, report.latitude]},
                "properties": {
                    "kind": "report",
                    "name": f"#{report.pk} {report.category.name}",
                    "status": report.get_status_display(),
                    "open": report.is_open,
                    "url": reverse(url_name, kwargs={"report_id": report.pk}),
                },
            }
        )
    return features


def map_data(
    *,
    municipalities: Iterable[Municipality],
    reports: Iterable[Report] = (),
    url_name: str = "reports:detail",
) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": boundary_features(municipalities) + point_features(reports, url_name=url_name),
    }
