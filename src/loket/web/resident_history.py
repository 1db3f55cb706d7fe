"""The resident's history across channels for the back office's 360° view: requests,
reports, payments and messages, each only when the staff member may see that domain.

It lives in `loket.web` because it reads four domains: the resident register
(`loket.people`) is foundation and may not import them, the web layer may. The people
back-office page takes it from here like any other piece of web glue."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from loket.cases.selectors import cases_visible_to
from loket.notify.selectors import notifications_of_person
from loket.payments.selectors import payment_requests_visible_to
from loket.people.models import Person
from loket.reports.selectors import reports_visible_to
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

RECENT = 10


@dataclass(frozen=True)
class ResidentHistory:
    """None means "not for you" (the section is left out); an empty list means "nothing"."""

    cases: list[Any] | None
    reports: list[Any] | None
    payments: list[Any] | None
    messages: list[Any] | None


def resident_history(*, actor: Actor, person: Person) -> ResidentHistory:
    def allowed(permission: Permission) -> bool:
        return actor.has(permission, person.municipality_id)

    cases = None
    if allowed(Permission.CASES_VIEW):
        cases = list(
            cases_visible_to(actor=actor)
            .filter(applicant=person)
            .select_related("product", "municipality")
            .order_by("-submitted_at")[:RECENT]
        )
    reports = None
    if allowed(Permission.REPORTS_VIEW):
        reports = list(
            reports_visible_to(actor=actor)
            .filter(reporter_person=person)
            .select_related("category", "municipality")
            .order_by("-id")[:RECENT]
        )
    payments = None
    if allowed(Permission.PAYMENTS_VIEW):
        payments = list(
            payment_requests_visible_to(actor=actor)
            .filter(payer_person=person)
            .order_by("-created_at")[:RECENT]
        )
    messages = None
    if allowed(Permission.NOTIFY_VIEW):
        messages = list(notifications_of_person(actor=actor, person=person)[:RECENT])
    return ResidentHistory(cases=cases, reports=reports, payments=payments, messages=messages)
