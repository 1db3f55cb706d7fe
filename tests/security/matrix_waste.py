"""Matrix entries of the waste and works staff pages and the "My municipality" page (the meaning of
the values: tests/security/matrix.py). The page takes no identifier: it shows the signed-in
resident's own address and items, or a typed address."""

from __future__ import annotations

from tests.security.entries import Entry, P, both

_ROUND = P(round_id="waste_round")
_WORK = Entry(path={"work_id": "planned_work"}, body={"municipality": "municipality"})

WASTE_HTML = [
    *both("/mijn/gemeente/"),
    *both("/mijn/gemeente/afvalkalender.ics"),
    *both("/backoffice/afval/", Entry(body={"municipality": "municipality"})),
    *both("/backoffice/afval/import/", Entry(body={"municipality": "municipality"})),
    *both("/backoffice/afval/<int:round_id>/", _ROUND),
    *both("/backoffice/afval/<int:round_id>/verwijderen/", _ROUND),
    *both("/backoffice/werken/", Entry(body={"municipality": "municipality"})),
    *both("/backoffice/werken/nieuw/", Entry(body={"municipality": "municipality"})),
    *both("/backoffice/werken/<int:work_id>/", _WORK),
    *both("/backoffice/werken/<int:work_id>/verwijderen/", P(work_id="planned_work")),
]
