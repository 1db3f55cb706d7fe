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


class OrganisationHit(Schema):
    id: int
    name: str
    enterprise_number: str
    municipality_nis_code: str

    @staticmethod
    def resolve_municipality_nis_code(organisation: Organisation) -> str:
        return organisation.municipality.nis_code


class CaseHit(Schema):
    id: int
    number: str
    municipality_nis_code: str

    @staticmethod
    def resolve_municipality_nis_code(case: Case) -> str:
        return case.municipality.nis_code


class ReportHit(Schema):
    id: int
    municipality_nis_code: str

    @staticmethod
    def resolve_municipality_nis_code(report: Report) -> str:
        return report.municipality.nis_code


class PaymentHit(Schema):
    id: int
    description: str
    structured_communication: str
    municipality_nis_code: str

    @staticmethod
    def resolve_municipality_nis_code(payment: PaymentRequest) -> str:
        return payment.municipality.nis_code


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
