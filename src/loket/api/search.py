"""The one search box through the API: residents, organisations, and a case, report or
payment by its reference, in one answer (see loket.crm.search)."""

# No `from __future__ import annotations`: django-ninja reads the parameter annotations
# of endpoints at import time.
from django.http import HttpRequest
from ninja import P, QueryEx, Router, Schema

from loket.api.auth import actor_of
from loket.api.permissions import requires
from loket.cases.models import Case
from loket.crm.search import SearchResults, search_everything
from loket.payments.models import PaymentRequest
from loket.people.api import ResidentSummary
from loket.people.models import Organisation
from loket.reports.models import Report
from loket.tenancy.permissions import Permission

router = Router(tags=["search"])


class _InMunicipality(Schema):
    """A hit with the NIS code of the municipality it belongs to."""

    municipality_nis_code: str

    @staticmethod
    def resolve_municipality_nis_code(hit: Organisation | Case | Report | PaymentRequest) -> str:
        return hit.municipality.nis_code


class OrganisationHit(_InMunicipality):
    id: int
    name: str
    enterprise_number: str


class CaseHit(_InMunicipality):
    id: int
    number: str


class ReportHit(_InMunicipality):
    id: int


class PaymentHit(_InMunicipality):
    id: int
    description: str
    structured_communication: str


class SearchAnswer(Schema):
    residents: list[ResidentSummary]
    organisations: list[OrganisationHit]
    cases: list[CaseHit]
    reports: list[ReportHit]
    payments: list[PaymentHit]


@router.get("/search", response=SearchAnswer)
@requires(Permission.PEOPLE_SEARCH)
def search(
    request: HttpRequest,
    q: QueryEx[
        str,
        P(
            min_length=2,
            max_length=200,
            description=(
                "A name (typos allowed), national register number, address, phone, e-mail, "
                "organisation name or enterprise number, case number, report tracking code "
                "or payment's structured communication."
            ),
        ),
    ],
) -> SearchResults:
    """Everything of the caller's municipalities the query names. A reference of another
    municipality answers like an unknown one: nothing found."""
    return search_everything(actor=actor_of(request), query=q)
