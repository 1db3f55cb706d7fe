"""Benchmark data: the demo regions with their category trees and mappings, and 500,000
reports in Zuid-West-Vlaanderen over two years, loaded with COPY into a separate database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/loket_bench \\
        .venv/bin/python bench/reports_data.py [--reports 500000] [--reload]

The database name must contain "bench"; it is created and migrated when needed. Reports
are only (re)loaded when their number differs from --reports (or with --reload).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import random
import secrets
import time
from typing import Any

from reports_common import django_setup

REGION = "zuid-west-vlaanderen"
DAYS = 730
BENCH_DEVICE = "loket-bench"


def prepare() -> dict[str, Any]:
    """Migrate, load the demo tenants, categories and mappings; return what the loader needs."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from loket.demo.tenants import tenants_load
    from loket.reports.demo import reports_demo_load
    from loket.tenancy.models import Region

    tenants_load()
    result = reports_demo_load(reports_total=0)
    region = Region.objects.get(slug=REGION)
    return {"region": region, "open311_key": result.open311_keys[REGION]}


def _points(
    municipalities: list[Any], count: int, rng: random.Random
) -> list[tuple[int, float, float]]:
    """(municipality id, latitude, longitude), spread like the population (bigger towns more)."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    weights = [max(municipality.population or 1, 1) for municipality in municipalities]
    chosen = rng.choices(range(len(municipalities)), weights=weights, k=count)
    per = [chosen.count(index) for index in range(len(municipalities))]
    numpy_rng = np.random.default_rng(rng.randrange(2**32))
    points: list[tuple[int, float, float]] = []
    for municipality, wanted in zip(municipalities, per, strict=True):
        geometry = shape(municipality.boundary)
        shapely.prepare(geometry)
        min_x, min_y, max_x, max_y = geometry.bounds
        found: list[tuple[int, float, float]] = []
        while len(found) < wanted:
            xs = numpy_rng.uniform(min_x, max_x, wanted * 2 + 10)
            ys = numpy_rng.uniform(min_y, max_y, wanted * 2 + 10)
            inside = shapely.contains_xy(geometry, xs, ys)
            found += [
                (municipality.pk, round(float(y), 6), round(float(x), 6))
                for x, y, ok in zip(xs, ys, inside, strict=True)
                if ok
            ]
        points += found[:wanted]
    rng.shuffle(points)
    return points


def load(region: Any, total: int, *, reload: bool = False) -> dict[str, float]:
    from django.db import connection

    from loket.reports.models import Category, CategoryMapping, Report, Visibility
    from loket.tenancy.models import Municipality

    existing = Report.objects.filter(region=region, device_id=BENCH_DEVICE).count()
    if existing == total and not reload:
        return {"reports": existing, "seconds": 0.0}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Only the generated reports (the region's own, such as the demo's, stay: their
        # history is append-only).
        cursor.execute(
            "DELETE FROM reports_report WHERE region_id = %s AND device_id = %s",
            [region.pk, BENCH_DEVICE],
        )
    rng = random.Random(500_000)
    municipalities = list(Municipality.objects.filter(region=region).order_by("nis_code"))
    leaves = list(Category.objects.filter(region=region, children__isnull=True).order_by("code"))
    mappings = {
        (mapping.category_id, mapping.municipality_id): mapping
        for mapping in CategoryMapping.objects.filter(municipality__region=region)
    }
    # Common problems are reported more often than rare ones.
    category_weights = [1 + 30 // (rank + 1) for rank in range(len(leaves))]
    rng.shuffle(category_weights)
    now = dt.datetime.now(dt.UTC)
    columns = (
        "region_id", "municipality_id", "category_id", "department_id", "status", "is_public",
        "description", "latitude", "longitude", "location_is_approximate", "address", "address_id",
        "postal_code", "attributes", "media_url", "token", "source", "reporter_name",
        "reporter_email", "reporter_phone", "reporter_language", "device_id", "account_id",
        "status_note", "created_at", "updated_at", "due_at", "closed_at",
    )  # fmt: skip
    points = _points(municipalities, total, rng)
    buffer = io.StringIO()
    for municipality_id, latitude, longitude in points:
        category = rng.choices(leaves, weights=category_weights)[0]
        mapping = mappings.get((category.pk, municipality_id))
        created = now - dt.timedelta(seconds=rng.uniform(0, DAYS * 86400))
        age_days = (now - created).days
        target_days = mapping.target_days if mapping else category.default_target_days
        open_share = 0.6 if age_days < 14 else 0.25 if age_days < 60 else 0.04
        if rng.random() < open_share:
            status = rng.choice(["new", "acknowledged", "in_progress", "planned"])
            closed = None
            note = "" if status == "new" else "We bekijken het."
        else:
            status = rng.choices(["resolved", "rejected", "merged"], weights=[90, 6, 4])[0]
            closed = created + dt.timedelta(days=rng.uniform(0.2, target_days * 1.5))
            if closed > now:
                closed = now
            note = "Opgelost." if status == "resolved" else "Geen openbaar domein."
        row = (
            region.pk,
            municipality_id,
            category.pk,
            (mapping.department_id if mapping and mapping.department_id else "\\N"),
            status,
            "t"
            if (mapping.visibility if mapping else category.default_visibility) == Visibility.PUBLIC
            else "f",
            "Gemeld via de benchmark",
            latitude,
            longitude,
            "f",
            "",
            "",
            "",
            "{}",
            "",
            secrets.token_hex(8),
            rng.choice(["portal", "portal", "open311"]),
            "",
            "",
            "",
            "nl",
            BENCH_DEVICE,
            "",
            note,
            created.isoformat(),
            (closed or created).isoformat(),
            (created + dt.timedelta(days=target_days)).isoformat(),
            closed.isoformat() if closed else "\\N",
        )
        buffer.write("\t".join(str(value) for value in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY reports_report ({', '.join(columns)}) FROM STDIN") as copy:
            while chunk := buffer.read(1 << 20):
                copy.write(chunk)
        cursor.execute("ANALYZE reports_report")
    return {"reports": total, "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=500_000)
    parser.add_argument("--reload", action="store_true")
    options = parser.parse_args()
    django_setup()
    setup = prepare()
    result = load(setup["region"], options.reports, reload=options.reload)
    print(json.dumps({"region": REGION, **result, "open311_key": setup["open311_key"]}))


if __name__ == "__main__":
    main()
