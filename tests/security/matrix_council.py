"""Matrix entries of the council pages and endpoints (the meaning of the values:
tests/security/matrix.py). The public pages of the victim's meeting are public by design;
its closed item is among the world's secrets, so no page may show it."""

from __future__ import annotations

from tests.security.entries import Entry, P, both, get_post, one

_MEETING = "/<slug:slug>/bestuur/zittingen/<int:meeting_id>/"
_PUBLIC_MEETING = Entry(path={"slug": "slug", "meeting_id": "meeting"}, public=True)
_EVENTS = ("council_meetingevent",)
_ITEM = {"item_id": "agenda_item"}

_COUNCILLOR_ITEM = "/backoffice/raadslid/punten/<int:item_id>/"

COUNCIL_HTML = [
    *both("/<slug:slug>/bestuur/", Entry(path={"slug": "slug"}, public=True)),
    *both("/<slug:slug>/bestuur/besluiten/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/<slug:slug>/bestuur/besluiten/<int:item_id>/",
        Entry(path={"slug": "slug", "item_id": "agenda_item"}, public=True),
    ),
    # The councillors' portal: only a member of the body reads its items (404 otherwise).
    *both("/backoffice/raadslid/"),
    *both("/backoffice/raadslid/besluiten/"),
    *both("/backoffice/raadslid/zittingen/<int:meeting_id>/", P(meeting_id="meeting")),
    *both(_COUNCILLOR_ITEM, Entry(path=_ITEM)),
    *both(
        _COUNCILLOR_ITEM + "notitie/",
        Entry(path=_ITEM, base={"text": "Mijn notitie"}, touches=("council_itemnote",)),
    ),
    *both(
        _COUNCILLOR_ITEM + "bijlagen/<int:document_id>/",
        P(item_id="agenda_item", document_id="absent"),
    ),
    *both(
        "/backoffice/bestuur/zittingen/<int:meeting_id>/links/",
        Entry(
            path={"meeting_id": "meeting"},
            base={"livestream_url": "https://stream.example/raad"},
            touches=("council_meeting",),
        ),
    ),
    *both(
        "/backoffice/bestuur/organen/<int:body_id>/livestream/",
        Entry(
            path={"body_id": "council_body"},
            base={"livestream_url": "https://stream.example/raad"},
            touches=("council_governingbody",),
        ),
    ),
    *both(
        "/backoffice/bestuur/organen/<int:body_id>/accounts/",
        Entry(
            path={"body_id": "council_body"},
            body={"mandate": "council_mandate"},
            base={"mandate": "own:council_mandate", "username": "menen.raadslid"},
            touches=("council_member",),
        ),
    ),
    *both("/<slug:slug>/bestuur/zittingen/", Entry(path={"slug": "slug"}, public=True)),
    *both(_MEETING, _PUBLIC_MEETING),
    *both(_MEETING + "agenda/", _PUBLIC_MEETING),
    *both(_MEETING + "besluitenlijst/", _PUBLIC_MEETING),
    *both(_MEETING + "notulen/", _PUBLIC_MEETING),
    *both(
        _MEETING + "<slug:document>.jsonld",
        Entry(
            path={"slug": "slug", "meeting_id": "meeting", "document": "fixed:agenda"},
            public=True,
        ),
    ),
    *both(
        _MEETING + "<slug:document>.pdf",
        Entry(
            path={"slug": "slug", "meeting_id": "meeting", "document": "fixed:notulen"},
            public=True,
        ),
    ),
    *both("/backoffice/bestuur/", Entry(body={"municipality": "municipality"})),
    *get_post(
        "/backoffice/bestuur/organen/",
        Entry(),
        Entry(
            body={"municipality": "municipality"},
            base={"municipality": "own:municipality", "kind": "college"},
            touches=("council_governingbody",),
        ),
    ),
    *get_post(
        "/backoffice/bestuur/organen/<int:body_id>/",
        P(body_id="council_body"),
        Entry(
            path={"body_id": "council_body"},
            body={"party": "council_party"},
            base={
                "first_name": "Indra",
                "last_name": "Indringer",
                "role": "councillor",
                "party": "own:council_party",
                "starts_on": "2025-01-01",
            },
            touches=("council_member", "council_party", "council_mandate"),
        ),
    ),
    *get_post(
        "/backoffice/bestuur/zittingen/nieuw/",
        Entry(),
        Entry(
            body={"body": "council_body"},
            base={"body": "own:council_body", "planned_start": "2031-01-06T20:00"},
            touches=("council_meeting", *_EVENTS),
        ),
    ),
    *get_post(
        "/backoffice/bestuur/zittingen/<int:meeting_id>/",
        P(meeting_id="meeting"),
        Entry(
            path={"meeting_id": "meeting"},
            body={"case_number": "case_number"},
            base={"title": "Punt", "is_public": "on"},
            touches=("council_agendaitem", *_EVENTS),
        ),
    ),
    *both(
        "/backoffice/bestuur/zittingen/<int:meeting_id>/status/",
        Entry(
            path={"meeting_id": "meeting"},
            base={"to_status": "agenda_published"},
            touches=("council_meeting", *_EVENTS),
        ),
    ),
    *both(
        "/backoffice/bestuur/zittingen/<int:meeting_id>/aanwezigheden/",
        Entry(
            path={"meeting_id": "meeting"},
            base={"present": "absent"},
            touches=("council_attendance", *_EVENTS),
        ),
    ),
    *both("/backoffice/bestuur/punten/<int:item_id>/", Entry(path=_ITEM)),
    *both(
        "/backoffice/bestuur/punten/<int:item_id>/dossier/",
        Entry(
            path=_ITEM,
            body={"case_number": "case_number"},
            touches=("council_agendaitem", *_EVENTS),
        ),
    ),
    *both(
        "/backoffice/bestuur/punten/<int:item_id>/bijlagen/",
        Entry(
            path=_ITEM,
            base={"title": "Plan", "file": "png"},
            multipart=True,
            touches=("documents_document", "documents_documentsearchentry", *_EVENTS),
        ),
    ),
    *both(
        "/backoffice/bestuur/punten/<int:item_id>/behandeling/",
        Entry(
            path=_ITEM,
            base={"held_in_public": "on", "decision_title": "Besluit", "decision_text": "Ja."},
            touches=("council_agendaitem", *_EVENTS),
        ),
    ),
    *both(
        "/backoffice/bestuur/punten/<int:item_id>/stemmingen/",
        Entry(
            path=_ITEM,
            base={"subject": "Stemming", "outcome": "adopted", "count_for": "1"},
            touches=("council_vote", "council_votecast", *_EVENTS),
        ),
    ),
]

COUNCIL_API = [
    *one("GET /api/v1/council/meetings"),
    *one("GET /api/v1/council/meetings/{meeting_id}", P(meeting_id="meeting")),
    *one(
        "POST /api/v1/council/meetings/{meeting_id}/transitions",
        Entry(
            path={"meeting_id": "meeting"},
            base={"to_status": "agenda_published"},
            touches=("council_meeting", *_EVENTS),
        ),
    ),
]
