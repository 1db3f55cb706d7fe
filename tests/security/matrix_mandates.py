"""Matrix entries of the mandate pages (the meaning of the values: tests/security/matrix.py).
The victim has given her partner a mandate: nobody else may revoke it, and nobody may act
for the victim without a register link or a mandate."""

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
    # Acting for someone: only a minor child of the register or a mandator (404 otherwise).
    *both("/mijn/handelen-voor/", Entry(body={"subject": "person"})),
]
