"""Matrix entries of the participation pages: ideas and the happiness survey (the meaning
of the values: tests/security/matrix.py). The victim's idea waits for moderation, so it is
not public; the neighbour lives in the victim municipality and may support its published
ideas, so the cells use the idea that is not published."""

from __future__ import annotations

from tests.security.entries import Entry, P, both, one

_IDEA = P(idea_id="idea")

PARTICIPATION_HTML = [
    *both("/<slug:slug>/ideeen/", Entry(path={"slug": "slug"}, public=True)),
    *both("/<slug:slug>/ideeen/<int:idea_id>/", Entry(path={"slug": "slug", "idea_id": "idea"})),
    *both("/ideeen/foto/<int:idea_id>/", _IDEA),
    *both("/mijn/ideeen/"),
    *both("/mijn/ideeen/nieuw/"),
    *both("/mijn/ideeen/<int:idea_id>/", _IDEA),
    *both("/mijn/ideeen/<int:idea_id>/steunen/", _IDEA),
    *both("/mijn/ideeen/<int:idea_id>/niet-meer-steunen/", _IDEA),
    *both(
        "/mijn/ideeen/<int:idea_id>/reageren/",
        Entry(path={"idea_id": "idea"}, base={"body": "Goed idee"}),
    ),
    *both("/mijn/geluk/"),
    *both("/backoffice/ideeen/", Entry(body={"municipality": "municipality"})),
    *both("/backoffice/ideeen/<int:idea_id>/", _IDEA),
    *both(
        "/backoffice/ideeen/<int:idea_id>/moderatie/",
        Entry(path={"idea_id": "idea"}, base={"to_status": "published"}),
    ),
    *both(
        "/backoffice/ideeen/<int:idea_id>/status/",
        Entry(path={"idea_id": "published_idea"}, base={"to_status": "planned"}),
    ),
    *both(
        "/backoffice/ideeen/<int:idea_id>/samenvoegen/",
        # Merging the attacker's own idea into the victim municipality's published idea.
        Entry(path={"idea_id": "idea"}, body={"into": "published_idea"}),
    ),
    *both("/backoffice/geluk/"),
    *both("/backoffice/geluk/<int:municipality_id>/", P(municipality_id="municipality")),
    *both(
        "/backoffice/geluk/<int:municipality_id>/gebieden/",
        Entry(
            path={"municipality_id": "municipality"},
            base={"name_nl": "Groen", "name_fr": "Vert", "name_en": "Green", "position": "1"},
        ),
    ),
    *both(
        "/backoffice/geluk/<int:municipality_id>/planning/",
        Entry(
            path={"municipality_id": "municipality"}, base={"period_months": "3", "is_active": "on"}
        ),
    ),
]

PARTICIPATION_API = [
    *one("GET /api/v1/ideas"),
    *one("GET /api/v1/ideas/{idea_id}", P(idea_id="idea")),
    *one(
        "POST /api/v1/ideas/{idea_id}/status",
        Entry(path={"idea_id": "published_idea"}, base={"to_status": "planned"}),
    ),
]
