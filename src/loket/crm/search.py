"""The one search box of the back office and the API: residents, organisations, and a
case, report or payment by its reference, each looked up through the domain's own
selectors with the caller's actor (what they may not see is not found, exactly like what
does not exist). It lives in the CRM, the domain above those it combines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loket.cases.models import Case
from loket.cases.selectors import cases_visible_to
from loket.payments.models import PaymentRequest
from loket.payments.selectors import payment_requests_visible_to
from loket.people.models import Organisation, Person
from loket.people.selectors import organisations_visible_to, persons_search
from loket.reports.models import Report
from loket.reports.selectors import reports_visible_to
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

RESIDENTS_SHOWN = 10
ORGANISATIONS_SHOWN = 10
_REPORT_TOKEN = re.compile(r"^[0-9a-f]{16}$")
_ENTERPRISE_NUMBER = re.compile(r"^(BE)?\s*[\d\s.]{9,14}$", re.IGNORECASE)


@dataclass
class SearchResults:
    query: str
    residents: list[Person] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    payments: list[PaymentRequest] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(
            self.residents or self.organisations or self.cases or self.reports or self.payments
        )

    @property
    def only_reference(self) -> Case | Report | PaymentRequest | None:
        """The one case, report or payment the query names, when it names nothing else."""
        if self.residents or self.organisations:
            return None
        hits: list[Case | Report | PaymentRequest] = [*self.cases, *self.reports, *self.payments]
        return hits[0] if len(hits) == 1 else None


def search_everything(*, actor: Actor, query: str) -> SearchResults:
    """Everything the actor may see that the query names: residents by name, national
    register number, e-mail, phone or address; organisations by name or enterprise number;
    a case by its number, a report by its tracking code, a payment by its structured
    communication."""
    query = " ".join(query.split())
    results = SearchResults(query=query)
    if len(query) < 2:
        return results
    digits = re.sub(r"\D", "", query)
    results.residents = persons_search(actor=actor, query=query, limit=RESIDENTS_SHOWN)
    organisations = organisations_visible_to(actor=actor, permission=Permission.PEOPLE_VIEW)
    if _ENTERPRISE_NUMBER.match(query) and len(digits) in {9, 10}:
        organisations = organisations.filter(enterprise_number=digits.zfill(10))
    else:
        organisations = organisations.filter(name__unaccent__icontains=query)
    results.organisations = list(
        organisations.select_related("municipality").order_by("name")[:ORGANISATIONS_SHOWN]
    )
    results.cases = list(
        cases_visible_to(actor=actor).select_related("municipality").filter(number__iexact=query)
    )
    if _REPORT_TOKEN.match(query.lower()):
        results.reports = list(
            reports_visible_to(actor=actor)
            .select_related("municipality", "category")
            .filter(token=query.lower())
        )
    if len(digits) == 12 and not re.search(r"[A-Za-z]", query):
        results.payments = list(
            payment_requests_visible_to(actor=actor).filter(structured_communication=digits)
        )
    return results
