"""Matrix entries of the mandate pages and of the register of organisations' representatives
(the meaning of the values: tests/security/matrix.py). The victim has given her partner a
mandate: nobody else may revoke it, and nobody may act for the victim without a register
link or a mandate. The victim represents her company: nobody else may act in its name, and
another municipality's staff cannot see or change its representatives."""

from __future__ import annotations

from tests.security.entries import Entry, P, both, get_post

MANDATES_HTML = [
    *get_post(
        "/mijn/machtigingen/",
        Entry(),
        # A resident names the mandatee by national number, resolved among the residents
        # of her own municipality: the neighbour naming the victim gives the victim a
        # mandate over the neighbour's requests (by design; the answer is a redirect that
        # shows nothing of the victim). Staff, tokens and visitors are sent to sign in.
        Entry(
            body={"mandatee_national_number": "national_number"},
            base={
                "mandatee_national_number": "own:national_number",
                "products": "resident-parking-card",
                "valid_until": "2031-01-01",
            },
            ignored_by=("neighbour",),
            touches=("mandates_mandate", "mandates_mandate_products"),
        ),
    ),
    *both("/mijn/machtigingen/<int:mandate_id>/intrekken/", P(mandate_id="mandate")),
    # Acting for someone: only a minor child of the register, a mandator or an organisation
    # the register names the resident a representative of (404 otherwise).
    *both(
        "/mijn/handelen-voor/",
        Entry(body={"subject": "person"}, also={"subject": ("acting_organisation",)}),
    ),
    # Staff: the organisations of their municipalities and their representatives. A
    # representative is named by national number, resolved among the residents the staff
    # member may look up (another municipality's resident: answered like a number nobody has).
    *both("/backoffice/organisaties/"),
    *get_post(
        "/backoffice/organisaties/<int:organisation_id>/",
        P(organisation_id="organisation"),
        Entry(
            path={"organisation_id": "organisation"},
            body={"national_number": "national_number"},
            base={"national_number": "own:national_number"},
            touches=("mandates_representativechange", "people_organisation_representatives"),
        ),
    ),
    *both(
        "/backoffice/organisaties/<int:organisation_id>/vertegenwoordigers/<int:person_id>/beeindigen/",
        Entry(path={"organisation_id": "organisation", "person_id": "person"}),
    ),
]
