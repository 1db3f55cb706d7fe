"""Matrix entries of the dashboards (the meaning of the values: tests/security/matrix.py).
A municipality's dashboard, its charts and its targets are the victim's; the regional
comparison shows every municipality of the attacker's own region by design, as figures only
(no secret may appear in it)."""

from __future__ import annotations

from tests.security.entries import Entry, P, both

_MUNICIPALITY = P(municipality_id="municipality")
_CHART = Entry(path={"municipality_id": "municipality", "chart": "fixed:kanalen"})

INSIGHTS_HTML = [
    *both("/backoffice/inzichten/"),
    *both("/backoffice/inzichten/regio/"),
    *both("/backoffice/inzichten/regio/<slug:chart>.svg", P(chart="fixed:digitaal")),
    *both("/backoffice/inzichten/regio/<slug:chart>.csv", P(chart="fixed:digitaal")),
    *both("/backoffice/inzichten/<int:municipality_id>/", _MUNICIPALITY),
    *both(
        "/backoffice/inzichten/<int:municipality_id>/doelen/",
        Entry(
            path={"municipality_id": "municipality"},
            base={"digital": "60", "phone": "20", "counter": "15", "home_visit": "5"},
            touches=("insights_channeltargets",),
        ),
    ),
    *both("/backoffice/inzichten/<int:municipality_id>/<slug:chart>.svg", _CHART),
    *both("/backoffice/inzichten/<int:municipality_id>/<slug:chart>.csv", _CHART),
]
