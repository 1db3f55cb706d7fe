"""A dataset's table written as CSV (UTF-8, comma, header row) or GeoJSON (RFC 7946)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from loket.opendata.datasets import Table


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_cell(row[column]) for column in table.columns])
    return buffer.getvalue().encode("utf-8")


def geojson_bytes(table: Table) -> bytes:
    if table.point is None:
        raise ValueError("this table has no point")
    lat_key, lon_key = table.point
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row[lon_key], row[lat_key]]},
            "properties": {
                key: value for key, value in row.items() if key not in (lat_key, lon_key)
            },
        }
        for row in table.rows
    ]
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


WRITERS = {"csv": csv_bytes, "geojson": geojson_bytes}
MEDIA_TYPES = {"csv": "text/csv", "geojson": "application/geo+json"}
