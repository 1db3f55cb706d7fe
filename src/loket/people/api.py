"""API endpoints of the resident register: search and read (with an access-log row)."""

# No `from __future__ import annotations`: django-ninja reads the parameter annotations
# of endpoints at import time, and @paginate would resolve them in its own module.
import datetime as dt

from django.http import HttpRequest
from ninja import Field, P, QueryEx, Router, Schema
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import requires
from loket.audit.models import AccessChannel, AccessPurpose
from loket.people.models import Address, Person
from loket.people.selectors import address_current, person_read_for_purpose, persons_search
from loket.people.timeline import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    TimelineChannel,
    TimelineEntry,
    resident_timeline_read_for_purpose,
)
from loket.tenancy.permissions import Permission

router = Router(tags=["people"])

# A search answers at most this many best matches (spread over pages).
SEARCH_RESULTS_MAX = 200
ACCESS_LOG_WHAT = "register data"
TIMELINE_WHAT = "resident timeline"


class ResidentSummary(Schema):
    id: int
    first_names: str
    last_name: str
    birth_date: dt.date | None
    municipality_nis_code: str

    @staticmethod
    def resolve_municipality_nis_code(person: Person) -> str:
        return person.municipality.nis_code


class ResidentAddress(Schema):
    street: str
    number: str
    box: str
    postal_code: str
    municipality_nis_code: str
    valid_from: dt.date

    @staticmethod
    def resolve_municipality_nis_code(address: Address) -> str:
        return address.municipality.nis_code


class ResidentDetail(Schema):
    id: int
    national_number: str
    first_names: str
    last_name: str
    birth_date: dt.date | None
    sex: str = Field(description="M, F or X (unknown).")
    nationality: str = Field(description="ISO 3166-1 alpha-2 code.")
    preferred_language: str
    preferred_channels: list[str] = Field(description="email, sms, portal, letter, ebox; in order.")
    email: str
    phone: str
    municipality_nis_code: str
    address: ResidentAddress | None = Field(description="The current main address.")

    @staticmethod
    def resolve_municipality_nis_code(person: Person) -> str:
        return person.municipality.nis_code

    @staticmethod
    def resolve_address(person: Person) -> Address | None:
        return address_current(person=person)


@router.get("/residents", response=list[ResidentSummary])
@requires(Permission.PEOPLE_SEARCH)
@paginate(PageNumberPagination)
def residents_search(
    request: HttpRequest,
    q: QueryEx[
        str,
        P(min_length=2, max_length=200, description="Name (typos allowed) or national number."),
    ],
) -> list[Person]:
    """Search the residents of the caller's municipalities, best matches first."""
    return persons_search(actor=actor_of(request), query=q, limit=SEARCH_RESULTS_MAX)


@router.get("/residents/{person_id}", response={200: ResidentDetail, 404: ErrorResponse})
@requires(Permission.PEOPLE_VIEW)
def resident_detail(
    request: HttpRequest,
    person_id: int,
    purpose: QueryEx[AccessPurpose, P(description="Why the data is read (access log).")],
) -> Person:
    """One resident's register data. The read is written to the resident's access log."""
    return person_read_for_purpose(
        actor=actor_of(request),
        person_id=person_id,
        purpose=purpose,
        what=ACCESS_LOG_WHAT,
        channel=AccessChannel.API,
    ).person


class TimelineEntryOut(Schema):
    kind: str = Field(
        description="cases, reports, appointments, activities, reservations, payments, "
        "contacts or messages (each domain adds its own)."
    )
    at: dt.datetime = Field(description="When it was submitted, made, booked, sent or held.")
    title: str
    status: str = Field(description="In the request language.")
    is_open: bool = Field(description="Still to do or still to come (listed first).")
    channel: str = Field(description="How it came or went (empty when it has none).")
    detail: str
    municipality: str
    url: str = Field(description="Its back-office page (a path).")


@router.get(
    "/residents/{person_id}/timeline",
    response={200: list[TimelineEntryOut], 404: ErrorResponse},
)
@requires(Permission.PEOPLE_VIEW, Permission.PEOPLE_VIEW_360)
def resident_timeline_list(
    request: HttpRequest,
    person_id: int,
    purpose: QueryEx[AccessPurpose, P(description="Why the data is read (access log).")],
    kind: QueryEx[
        list[str] | None, P(description="Only these kinds (repeat the parameter).")
    ] = None,
    channel: TimelineChannel | None = None,
    limit: QueryEx[
        int, P(ge=1, le=MAX_LIMIT, description="At most this many entries.")
    ] = DEFAULT_LIMIT,
) -> list[TimelineEntry]:
    """One resident's timeline across domains: requests, reports, appointments,
    registrations, reservations, payments, contact moments and messages sent, open items
    first and then the newest. Only what the caller may see is in it. The read is written
    to the resident's access log."""
    _person, entries = resident_timeline_read_for_purpose(
        actor=actor_of(request),
        person_id=person_id,
        purpose=purpose,
        what=TIMELINE_WHAT,
        channel=AccessChannel.API,
        kinds=kind or (),
        timeline_channel=channel or "",
        limit=limit,
    )
    return entries
