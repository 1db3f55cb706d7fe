"""Matrix entries of the open-data pages (the meaning of the values: tests/security/matrix.py).
Every page and file is public by design and holds only aggregates; the world's secrets must
never appear in them."""

from __future__ import annotations

from tests.security.entries import Entry, both

_REGION = {"region": "fixed:zwvl"}
_FILE = {"dataset": "fixed:aanvragen", "file_format": "fixed:csv"}

OPENDATA_HTML = [
    *both("/open-data/", Entry(public=True)),
    *both("/open-data/<slug:region>/", Entry(path=_REGION, public=True)),
    *both(
        "/open-data/<slug:region>/catalogus.<slug:suffix>",
        Entry(path={**_REGION, "suffix": "fixed:ttl"}, public=True),
    ),
    *both(
        "/open-data/<slug:region>/<slug:dataset>.<slug:file_format>",
        Entry(path={**_REGION, **_FILE}, public=True),
    ),
    *both("/<slug:slug>/open-data/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/<slug:slug>/open-data/catalogus.<slug:suffix>",
        Entry(path={"slug": "slug", "suffix": "fixed:jsonld"}, public=True),
    ),
    *both(
        "/<slug:slug>/open-data/<slug:dataset>.<slug:file_format>",
        Entry(path={"slug": "slug", **_FILE}, public=True),
    ),
]
