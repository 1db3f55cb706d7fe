"""Matrix entries of the waste staff pages and the "My municipality" page (the meaning of
the values: tests/security/matrix.py). The page takes no identifier: it shows the signed-in
resident's own address and items, or a typed address."""

from __future__ import annotations

from tests.security.entries import Entry, P, both

_ROUND = P(round_id="waste_round")

WASTE_HTML = [
    *both("/mijn/gemeente/"),
    *both("/mijn/gemeente/afvalkalender.ics"),
    *both("/backoffice/afval/", Entry(body={"municipality": "municipality"})),
    *both("/backoffice/afval/import/", Entry(body={"municipality": "municipality"})),
    *both("/backoffice/afval/<int:round_id>/", _ROUND),
    *both("/backoffice/afval/<int:round_id>/verwijderen/", _ROUND),
]
