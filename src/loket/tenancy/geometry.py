"""Point-in-municipality lookups with prepared Shapely geometries (fast, in memory)."""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import shape

from loket.tenancy.models import MunicipalityBoundary


@dataclass(frozen=True)
class BoundaryIndex:
    ids: list[int]
    tree: Any  # shapely.STRtree
    geometries: list[Any]

    def municipality_id_at(self, *, longitude: float, latitude: float) -> int | None:
        point = shapely.Point(longitude, latitude)
        for index in self.tree.query(point, predicate="intersects"):
            return self.ids[int(index)]
        return None

    def municipality_ids_at(self, longitudes: Any, latitudes: Any) -> list[int | None]:
        """Vectorised lookup for many points at once."""
        points = shapely.points(longitudes, latitudes)
        point_index, geometry_index = self.tree.query(points, predicate="intersects")
        result: list[int | None] = [None] * len(points)
        for p, g in zip(point_index.tolist(), geometry_index.tolist(), strict=True):
            if result[p] is None:
                result[p] = self.ids[g]
        return result

    def municipality_id_nearest(
        self, *, longitude: float, latitude: float, max_distance_m: float
    ) -> int | None:
        """The municipality containing the point or, failing that, the nearest one whose
        boundary lies within `max_distance_m` (for pins a few metres outside the
        simplified outer border of the region)."""
        inside = self.municipality_id_at(longitude=longitude, latitude=latitude)
        if inside is not None or max_distance_m <= 0:
            return inside
        point = shapely.Point(longitude, latitude)
        metres_per_degree_longitude = 111_320 * math.cos(math.radians(latitude))
        search_degrees = max_distance_m / max(metres_per_degree_longitude, 1.0)
        indices = self.tree.query_nearest(point, max_distance=search_degrees, all_matches=False)
        for index in indices.tolist():
            nearest = shapely.shortest_line(point, self.geometries[index])
            (x1, y1), (x2, y2) = shapely.get_coordinates(nearest).tolist()
            dx = (x2 - x1) * metres_per_degree_longitude
            dy = (y2 - y1) * 110_574
            if math.hypot(dx, dy) <= max_distance_m:
                return self.ids[int(index)]
        return None


_lock = threading.Lock()
_cache: dict[str, BoundaryIndex] = {}


def boundary_index_build(rows: list[tuple[int, dict[str, Any]]]) -> BoundaryIndex:
    ids = [row_id for row_id, _ in rows]
    geometries = [shape(geojson) for _, geojson in rows]
    for geometry in geometries:
        shapely.prepare(geometry)
    return BoundaryIndex(ids=ids, tree=shapely.STRtree(geometries), geometries=geometries)


def boundary_index() -> BoundaryIndex:
    """The index over all municipality boundaries, built once per process."""
    with _lock:
        index = _cache.get("all")
        if index is None:
            rows = list(MunicipalityBoundary.objects.values_list("municipality_id", "geometry"))
            index = boundary_index_build(rows)
            _cache["all"] = index
        return index


def boundary_index_reset() -> None:
    """Forget the cached index (after municipalities were added or changed)."""
    with _lock:
        _cache.clear()


def geometry_summary(
    geojson: dict[str, Any],
) -> tuple[float, float, tuple[float, float, float, float]]:
    """(centroid latitude, centroid longitude, bbox) of a GeoJSON polygon."""
    geometry = shape(geojson)
    point = geometry.representative_point()
    min_x, min_y, max_x, max_y = geometry.bounds
    return point.y, point.x, (min_x, min_y, max_x, max_y)
