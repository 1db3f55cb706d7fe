"""Benchmark: routing 100,000 random points to their municipality.

Builds the boundary index over the 33 Loket municipalities (the bundled boundaries, the
same `boundary_index_build` the application uses) and places 100,000 random points of the
regions' bounding box with the vectorised `municipality_ids_at`, several rounds.

    .venv/bin/python bench/reports_routing.py [--points 100000] [--rounds 5] [--write]

No database needed. --write puts the figures in BENCHMARKS.md ("Reports and Open311").
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time

import numpy as np
from reports_common import REPOSITORY, machine, machine_line, section_write

sys.path.insert(0, str(REPOSITORY / "src"))

LOKET_MUNICIPALITIES = (
    [f"210{n:02d}" for n in range(1, 20)]
    + [
        "33029",
        "34002",
        "34003",
        "34009",
        "34013",
        "34022",
        "34023",
        "34025",
        "34027",
        "34040",
        "34041",
        "34042",
        "34043",
    ]
    + ["41048"]
)
TARGET_SECONDS = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    options = parser.parse_args()

    from loket.tenancy.geometry import boundary_index_build
    from loket.tenancy.reference import municipality_reference

    started = time.perf_counter()
    rows = []
    for index, nis in enumerate(LOKET_MUNICIPALITIES):
        reference = municipality_reference(nis)
        assert reference is not None
        rows.append((index, reference.geometry))
    index = boundary_index_build(rows)
    build_seconds = time.perf_counter() - started
    bounds = np.array([geometry.bounds for geometry in index.geometries])
    min_x, min_y = bounds[:, 0].min(), bounds[:, 1].min()
    max_x, max_y = bounds[:, 2].max(), bounds[:, 3].max()

    rng = np.random.default_rng(2026)
    timings = []
    placed = 0
    for _ in range(options.rounds):
        longitudes = rng.uniform(min_x, max_x, options.points)
        latitudes = rng.uniform(min_y, max_y, options.points)
        started = time.perf_counter()
        found = index.municipality_ids_at(longitudes, latitudes)
        timings.append(time.perf_counter() - started)
        placed = sum(municipality_id is not None for municipality_id in found)
    # Points inside the municipalities only (every point finds its municipality).
    inside_longitudes, inside_latitudes = [], []
    while len(inside_longitudes) < options.points:
        xs = rng.uniform(min_x, max_x, options.points)
        ys = rng.uniform(min_y, max_y, options.points)
        hits = index.municipality_ids_at(xs, ys)
        inside_longitudes += [x for x, hit in zip(xs, hits, strict=True) if hit is not None]
        inside_latitudes += [y for y, hit in zip(ys, hits, strict=True) if hit is not None]
    inside_longitudes = inside_longitudes[: options.points]
    inside_latitudes = inside_latitudes[: options.points]
    inside_timings = []
    for _ in range(options.rounds):
        started = time.perf_counter()
        index.municipality_ids_at(np.array(inside_longitudes), np.array(inside_latitudes))
        inside_timings.append(time.perf_counter() - started)
    single = []
    for x, y in zip(inside_longitudes[:5000], inside_latitudes[:5000], strict=True):
        started = time.perf_counter()
        index.municipality_id_at(longitude=x, latitude=y)
        single.append(time.perf_counter() - started)

    info = machine()
    worst = max(max(timings), max(inside_timings))
    verdict = "meets" if worst <= TARGET_SECONDS else "MISSES"
    n, rounds = options.points, options.rounds
    rows = [
        ("building the index (33 municipalities)", f"{build_seconds * 1000:.0f} ms", ""),
        (
            f"{n:,} points in the regions' bounding box ({placed:,} inside a municipality)",
            f"{statistics.median(timings):.3f} s",
            f"{max(timings):.3f} s",
        ),
        (
            f"{n:,} points all inside a municipality",
            f"{statistics.median(inside_timings):.3f} s",
            f"{max(inside_timings):.3f} s",
        ),
        (
            "one point at a time (`municipality_id_at`, 5,000 calls)",
            f"{statistics.median(single) * 1e6:.0f} µs per point",
            "",
        ),
    ]
    body = "\n".join(
        [
            f"Routing {n:,} random points to their municipality (target ≤ {TARGET_SECONDS:.0f} s).",
            f"Measured {dt.date.today().isoformat()} on {machine_line(info)}.",
            "Command: `.venv/bin/python bench/reports_routing.py "
            f"--points {n} --rounds {rounds} --write`",
            "",
            f"| what | median | worst of {rounds} |",
            "|---|---|---|",
            *(f"| {what} | {median} | {worst_value} |" for what, median, worst_value in rows),
            "",
            f"Result: {verdict} the target (worst round {worst:.3f} s).",
        ]
    )
    print(body)
    if options.write:
        section_write("Routing", body)


if __name__ == "__main__":
    main()
