"""What the project's Leaflet map (`web/_map.html`, `reports/reports.js`) draws: GeoJSON
features. Every page with a map starts from the boundaries of its municipalities."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import prefetch_related_objects

from loket.tenancy.models import Municipality


def boundary_features(municipalities: Iterable[Municipality]) -> list[dict[str, Any]]:
    municipalities = list(municipalities)
    prefetch_related_objects(municipalities, "boundary_shape")
    return [
        {
            "type": "Feature",
            "geometry": municipality.boundary,
            "properties": {"kind": "boundary", "name": municipality.name},
        }
        for municipality in municipalities
    ]


def boundaries_map(municipalities: Iterable[Municipality]) -> dict[str, Any]:
    """A map of the municipalities' boundaries only (the background of a pin picker)."""
    return {"type": "FeatureCollection", "features": boundary_features(municipalities)}
