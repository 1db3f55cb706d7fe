"""The demo data of the domains beyond the register: catalogue and requests, bank details,
signing certificates, public-space reports and the assistant's knowledge.

Called by `loket demo_load` after the tenants, staff and residents exist; idempotent. Each
domain keeps its own demo data in `<domain>/demo.py`; this module only calls them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loket.activities.demo import activities_demo_load
from loket.appointments.demo import appointments_demo_load
from loket.assistant.demo import assistant_demo_load
from loket.cases.demo import cases_demo_load
from loket.council.demo import council_demo_load
from loket.crm.demo import (
    contact_centre_demo_load,
    crm_demo_load,
    mails_demo_load,
    signals_demo_load,
    suggestions_demo_load,
)
from loket.decisions.demo import decisions_demo_load
from loket.demo.services import featured_national_numbers
from loket.insights.figures import figures_refresh
from loket.mandates.demo import mandates_demo_load
from loket.opendata.services import open_data_publish
from loket.participation.demo import participation_demo_load
from loket.payments.demo import payments_demo_load
from loket.queue.demo import queue_demo_load
from loket.reports.demo import reports_demo_load
from loket.resources.demo import resources_demo_load
from loket.waste.demo import waste_demo_load
from loket.works.demo import works_demo_load


@dataclass
class DomainsDemoResult:
    lines: list[str] = field(default_factory=list)


def domains_demo_load() -> DomainsDemoResult:
    result = DomainsDemoResult()
    result.lines.append(f"signing certificates: {decisions_demo_load()} new")
    result.lines.append(f"bank accounts: {payments_demo_load()} set")
    cases = cases_demo_load(residents=featured_national_numbers())
    result.lines.append(
        f"catalogue: {cases.products} products; requests: {cases.cases_created} new, "
        f"{cases.cases_existing} existing"
    )
    reports = reports_demo_load()
    result.lines.append(
        f"reports: {reports.categories} categories, {reports.reports} reports; Open311 keys: "
        + ", ".join(f"{region}={key}" for region, key in sorted(reports.open311_keys.items()))
    )
    result.lines.append(f"assistant: {assistant_demo_load()} phrasings added")
    appointments = appointments_demo_load(residents=featured_national_numbers())
    result.lines.append(
        f"appointments: {appointments.offices} offices new, "
        f"{appointments.appointments} appointments booked"
    )
    queue = queue_demo_load()
    result.lines.append(
        f"walk-in queue: {queue.offices} offices, {queue.tickets} tickets taken"
        + (f" ({queue.closed_now} offices closed now: no tickets)" if queue.closed_now else "")
    )
    resources = resources_demo_load(residents=featured_national_numbers())
    result.lines.append(
        f"resources: {resources.resources} halls, rooms and equipment new; "
        f"bookings: {resources.bookings} new"
    )
    result.lines.append(f"activities: {activities_demo_load()} new camps, courses and playgrounds")
    contacts = crm_demo_load(residents=featured_national_numbers())
    result.lines.append(f"contact moments: {contacts} new")
    mails = mails_demo_load(residents=featured_national_numbers())
    result.lines.append(f"received e-mails: {mails} new")
    unpaid = signals_demo_load(residents=featured_national_numbers())
    result.lines.append(f"payments overdue for the social services' signal: {unpaid} new")
    suggestions = suggestions_demo_load(residents=featured_national_numbers())
    result.lines.append(f"proactive suggestions: {suggestions} new")
    participation = participation_demo_load(residents=featured_national_numbers())
    result.lines.append(
        f"participation: {participation.ideas} ideas new, "
        f"{participation.answers} happiness answers new, "
        f"{participation.satisfaction_answers} satisfaction answers new, "
        f"{participation.panel_members} user panel members"
    )
    mandates = mandates_demo_load(residents=featured_national_numbers())
    result.lines.append(f"mandates: {mandates} new (and every parent for their minor children)")
    council = council_demo_load()
    result.lines.append(f"council: {council.meetings} meetings new, {council.mandates} mandates")
    questions, articles = contact_centre_demo_load(residents=featured_national_numbers())
    result.lines.append(
        f"contact centre: {questions} questions and {articles} knowledge articles new"
    )
    waste = waste_demo_load()
    result.lines.append(
        f"waste: {waste.streets} streets in zones, {waste.rounds} rounds, "
        f"{waste.exceptions} exceptions new"
    )
    works = works_demo_load(residents=featured_national_numbers())
    result.lines.append(f"works: {works} planned works new")
    result.lines.append(f"dashboards: figures computed in {figures_refresh():.1f} s")
    # Last: the open data is computed from everything above (the nightly job does the same).
    published = open_data_publish()
    result.lines.append(f"open data: {published.files} files, {published.changed} changed")
    return result
