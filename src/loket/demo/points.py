"""Deterministic random points strictly inside a municipality's boundary."""

from __future__ import annotations

import random
from typing import Any

import shapely
from shapely.geometry import shape


class PointSampler:
    """Deterministic random points strictly inside a municipality's boundary."""

    def __init__(self, geometry: dict[str, Any], rng: random.Random) -> None:
        self._shape = shape(geometry)
        shapely.prepare(self._shape)
        self._bounds = self._shape.bounds
        self._rng = rng
        self._buffer: list[tuple[float, float]] = []

    def point(self) -> tuple[float, float]:
        """(latitude, longitude) of a fresh point inside the boundary."""
        while not self._buffer:
            min_x, min_y, max_x, max_y = self._bounds
            # Rounded to 6 decimals (about 10 cm) before the test, so a stored point is
            # exactly the point that was found inside.
            xs = [round(self._rng.uniform(min_x, max_x), 6) for _ in range(64)]
            ys = [round(self._rng.uniform(min_y, max_y), 6) for _ in range(64)]
            inside = shapely.contains_xy(self._shape, xs, ys).tolist()
            self._buffer = [(y, x) for x, y, ok in zip(xs, ys, inside, strict=True) if ok]
            self._buffer.reverse()
        return self._buffer.pop()
