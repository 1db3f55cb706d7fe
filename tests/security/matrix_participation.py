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
    *both(
        "/mijn/ideeen/<int:idea_id>/wijzigen/",
        Entry(path={"idea_id": "idea"}, base={"title": "Anders", "body": "Helemaal anders"}),
    ),
    *both("/mijn/ideeen/<int:idea_id>/intrekken/", _IDEA),
    *both("/mijn/geluk/"),
    # The signed link is the authority to answer (no identifier an attacker could try).
    *both(
        "/tevredenheid/<str:token>/",
        Entry(
            path={"token": "absent"},
            public=True,
            base={"score": "3"},
            touches=("participation_satisfactionanswer",),
        ),
    ),
    *both("/mijn/tevredenheid/"),
    *both(
        "/mijn/tevredenheid/<int:invitation_id>/",
        Entry(path={"invitation_id": "satisfaction_invitation"}, base={"score": "3"}),
    ),
    *both("/backoffice/tevredenheid/", Entry(body={"municipality": "municipality"})),
    *both("/mijn/panel/"),
    *both("/mijn/panel/verlaten/"),
    *both("/backoffice/panel/"),
    *both(
        "/backoffice/panel/<int:municipality_id>/",
        Entry(
            path={"municipality_id": "municipality"},
            base={"name_nl": "Sport", "name_fr": "Sport", "name_en": "Sport", "position": "1"},
        ),
    ),
    *both(
        "/backoffice/panel/activiteit/<int:activity_id>/",
        P(activity_id="research_activity"),
    ),
    *both(
        "/backoffice/panel/uitnodiging/<int:invitation_id>/",
        P(invitation_id="research_invitation"),
    ),
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
