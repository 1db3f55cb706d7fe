"""The menus of the portal and the back office, filtered by what the actor may do.

One table per menu: (URL name, label, permission codes — any one of them suffices). The
back office shows a staff member only the entries they may open.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission as P


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: str | Promise
    permissions: tuple[P, ...] = ()
    fragment: str = ""


@dataclass(frozen=True)
class MenuLink:
    url: str
    label: str


BACKOFFICE_MENU = (
    MenuEntry("web:backoffice-home", _("Overview")),
    MenuEntry("web:search", _("Search")),
    MenuEntry("people:resident-search", _("Residents"), (P.PEOPLE_SEARCH,)),
    MenuEntry("mandates:backoffice-organisations", _("Organisations"), (P.PEOPLE_VIEW,)),
    MenuEntry("cases:queue", _("Cases"), (P.CASES_VIEW,)),
    MenuEntry("cases:counter-start", _("At the counter"), (P.CASES_SUBMIT_ON_BEHALF,)),
    MenuEntry("crm:new", _("Record a contact"), (P.CRM_RECORD,)),
    MenuEntry("crm:contact-centre", _("Contact centre"), (P.CRM_HANDLE_QUESTIONS,)),
    MenuEntry("crm:knowledge", _("Knowledge base"), (P.CRM_VIEW,)),
    MenuEntry("crm:suggestion-uptake", _("Suggestions"), (P.CRM_VIEW,)),
    MenuEntry("crm:visit-route", _("Home visits"), (P.CRM_VIEW,)),
    MenuEntry("crm:backoffice-mails", _("Unmatched e-mail"), (P.CRM_RECORD,)),
    MenuEntry("appointments:backoffice-offices", _("Appointments"), (P.APPOINTMENTS_VIEW,)),
    MenuEntry("queue:backoffice-offices", _("Walk-in queue"), (P.QUEUE_VIEW,)),
    MenuEntry("reports:queue", _("Reports"), (P.REPORTS_VIEW,)),
    MenuEntry("reports:dispatch", _("Reporting point"), (P.REPORTS_ROUTE,)),
    MenuEntry("payments:backoffice-list", _("Payments"), (P.PAYMENTS_VIEW,)),
    MenuEntry("payments:reconciliation", _("Bank reconciliation"), (P.PAYMENTS_RECONCILE,)),
    MenuEntry("documents:search", _("Documents"), (P.DOCUMENTS_SEARCH,)),
    MenuEntry("notify:message-list", _("Messages"), (P.NOTIFY_VIEW,)),
    MenuEntry("assistant:review", _("Assistant"), (P.ASSISTANT_VIEW_QUESTIONS,)),
    MenuEntry("resources:backoffice-bookings", _("Reservations"), (P.RESOURCES_VIEW,)),
    MenuEntry("activities:backoffice-activities", _("Activities"), (P.ACTIVITIES_VIEW,)),
    MenuEntry("participation:backoffice-ideas", _("Ideas"), (P.PARTICIPATION_VIEW,)),
    MenuEntry(
        "participation:backoffice-happiness", _("Happiness survey"), (P.PARTICIPATION_MANAGE,)
    ),
    MenuEntry("council:backoffice-meetings", _("Council meetings"), (P.COUNCIL_VIEW,)),
    MenuEntry("insights:index", _("Dashboards"), (P.INSIGHTS_VIEW,)),
    MenuEntry("council:councillor-home", _("Councillors' portal"), (P.COUNCIL_PORTAL,)),
    MenuEntry("waste:backoffice-rounds", _("Waste collection"), (P.WASTE_MANAGE,)),
    MenuEntry("works:backoffice-works", _("Works and occupations"), (P.WORKS_MANAGE,)),
    MenuEntry("catalog:backoffice", _("Catalogue"), (P.CATALOG_MANAGE,)),
    MenuEntry("audit:access-log", _("Access log"), (P.AUDIT_VIEW,)),
    MenuEntry("web:municipality-admin", _("Municipalities"), (P.TENANCY_MANAGE,)),
)

PORTAL_MENU = (
    MenuEntry("web:home", _("Home")),
    MenuEntry("web:home", _("Municipalities"), fragment="#municipalities"),
    MenuEntry("reports:new", _("Report a problem")),
    MenuEntry("mymunicipality:my-municipality", _("My municipality")),
    MenuEntry("people:my-page", _("My page")),
)

RESIDENT_MENU = (
    MenuEntry("cases:my-requests", _("My requests")),
    MenuEntry("appointments:my-appointments", _("My appointments")),
    MenuEntry("payments:my-payments", _("My payments")),
    MenuEntry("notify:inbox", _("My messages")),
    MenuEntry("resources:my-bookings", _("My reservations")),
    MenuEntry("activities:my-registrations", _("My registrations")),
    MenuEntry("participation:my-ideas", _("My ideas")),
)


@functools.cache
def _menu_url(url_name: str, script_prefix: str, urlconf: str | None) -> str:
    """A menu entry's address, reversed once per process (for each prefix and URLconf)."""
    return reverse(url_name, urlconf=urlconf)


def menu_links(entries: tuple[MenuEntry, ...], *, actor: Actor) -> list[MenuLink]:
    prefix, urlconf = get_script_prefix(), get_urlconf()
    return [
        MenuLink(
            url=_menu_url(entry.url_name, prefix, urlconf) + entry.fragment,
            label=str(entry.label),
        )
        for entry in entries
        if not entry.permissions or any(actor.has(code) for code in entry.permissions)
    ]
