"""Submitting requests in tests (through the real service)."""

from __future__ import annotations

import uuid
from typing import Any

from loket.cases.attachments import Upload
from loket.cases.models import Case, CaseChannel
from loket.cases.services import case_submit
from loket.people.models import Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from tests.cases.conftest import png_bytes

CERTIFICATE_ANSWERS: dict[str, Any] = {
    "with_history": "no",
    "language": "nl",
    "copies": "1",
    "purpose": "For my employer",
    "declaration": "on",
}
PARKING_ANSWERS: dict[str, Any] = {
    "licence_plate": "1-ABC-123",
    "ownership": "own",
    "start_date": "",
    "declaration": "on",
}


def certificate_request(
    *,
    actor: Actor,
    municipality: Municipality,
    applicant: Person,
    key: str | None = None,
    channel: str = CaseChannel.PORTAL,
    answers: dict[str, Any] | None = None,
) -> Case:
    """A residence certificate: free, no files, answered on the spot (0 days)."""
    return case_submit(
        actor=actor,
        municipality=municipality,
        product_code="residence-certificate",
        applicant=applicant,
        answers=answers or CERTIFICATE_ANSWERS,
        idempotency_key=key or str(uuid.uuid4()),
        channel=channel,
    ).case


def parking_request(
    *, actor: Actor, municipality: Municipality, applicant: Person, start_date: str
) -> Case:
    """A resident parking card: € 10, with the registration certificate as a file."""
    return case_submit(
        actor=actor,
        municipality=municipality,
        product_code="resident-parking-card",
        applicant=applicant,
        answers={**PARKING_ANSWERS, "start_date": start_date},
        idempotency_key=str(uuid.uuid4()),
        uploads=[Upload("registration_certificate", "certificate.png", png_bytes())],
    ).case
