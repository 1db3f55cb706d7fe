"""The page that asks a staff member why they open a resident's personal data.

Reading personal data needs a reason, which goes into the resident's access log. A view
that shows such data first asks `purpose_asked`; while it answers None, the view returns
`purpose_page`, a form that sends the same URL again with `?purpose=`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from loket.audit.models import AccessPurpose

PURPOSE_PARAMETER = "purpose"

# Reasons a staff member can give in the back office (automated exchanges use the API).
STAFF_PURPOSES: list[tuple[str, str | Promise]] = [
    (value, label)
    for value, label in AccessPurpose.choices
    if value
    not in {AccessPurpose.INTEGRATION, AccessPurpose.OWN_DATA_EXPORT, AccessPurpose.ON_BEHALF}
]


@dataclass(frozen=True)
class PurposeWording:
    """What the page says about the thing being opened (translatable, lazily)."""

    title: str | Promise
    lead: str | Promise
    missing: str | Promise
    submit: str | Promise
    back: str | Promise
    parent: str | Promise
    current: str | Promise


def purpose_asked(request: HttpRequest) -> AccessPurpose | None:
    """The reason the request gives, or None when it gives none a staff member may give."""
    purpose = request.GET.get(PURPOSE_PARAMETER, "")
    return AccessPurpose(purpose) if purpose in dict(STAFF_PURPOSES) else None


def purpose_page(request: HttpRequest, *, wording: PurposeWording, back_url: str) -> HttpResponse:
    """The form asking for the reason; it shows an error when one was sent but is not valid."""
    return render(
        request,
        "web/purpose.html",
        {
            "wording": wording,
            "back_url": back_url,
            "action": request.path,
            "purposes": STAFF_PURPOSES,
            "purpose_missing": PURPOSE_PARAMETER in request.GET,
        },
    )
