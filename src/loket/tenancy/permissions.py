"""The one list of permission codes and the one table that gives them to roles."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Permission(StrEnum):
    """What an actor may do. Every view and endpoint declares the codes it needs."""

    TENANCY_VIEW = "tenancy.view"
    TENANCY_MANAGE = "tenancy.manage"
    PEOPLE_SEARCH = "people.search"
    PEOPLE_VIEW = "people.view"
    PEOPLE_VIEW_360 = "people.view_360"
    PEOPLE_EDIT = "people.edit"
    AUDIT_VIEW = "audit.view"
    API_CLIENTS_MANAGE = "api.clients_manage"
    REPORTS_VIEW = "reports.view"
    REPORTS_HANDLE = "reports.handle"
    REPORTS_ROUTE = "reports.route"
    REPORTS_MANAGE_CATEGORIES = "reports.manage_categories"
    OPEN311_MANAGE_KEYS = "open311.manage_keys"
    NOTIFY_VIEW = "notify.view"
    NOTIFY_MANAGE_TEMPLATES = "notify.manage_templates"
    PAYMENTS_VIEW = "payments.view"
    PAYMENTS_MANAGE = "payments.manage"
    PAYMENTS_RECONCILE = "payments.reconcile"
    CATALOG_MANAGE = "catalog.manage"
    CASES_VIEW = "cases.view"
    CASES_HANDLE = "cases.handle"
    CASES_DECIDE = "cases.decide"
    CASES_ASSIGN = "cases.assign"
    CASES_SUBMIT_ON_BEHALF = "cases.submit_on_behalf"
    DOCUMENTS_VIEW = "documents.view"
    DOCUMENTS_SEARCH = "documents.search"
    DOCUMENTS_UPLOAD = "documents.upload"
    DECISIONS_SIGN = "decisions.sign"
    DECISIONS_MANAGE_TEMPLATES = "decisions.manage_templates"
    ASSISTANT_VIEW_QUESTIONS = "assistant.view_questions"
    ASSISTANT_MANAGE_KNOWLEDGE = "assistant.manage_knowledge"
    APPOINTMENTS_VIEW = "appointments.view"
    APPOINTMENTS_BOOK = "appointments.book"
    APPOINTMENTS_MANAGE = "appointments.manage"
    QUEUE_VIEW = "queue.view"
    QUEUE_SERVE = "queue.serve"
    QUEUE_MANAGE = "queue.manage"
    RESOURCES_VIEW = "resources.view"
    RESOURCES_HANDLE = "resources.handle"
    RESOURCES_MANAGE = "resources.manage"
    ACTIVITIES_VIEW = "activities.view"
    ACTIVITIES_REGISTER = "activities.register"
    ACTIVITIES_MANAGE = "activities.manage"
    CRM_VIEW = "crm.view"
    CRM_RECORD = "crm.record"
    PARTICIPATION_VIEW = "participation.view"
    PARTICIPATION_MODERATE = "participation.moderate"
    PARTICIPATION_MANAGE = "participation.manage"
    COUNCIL_VIEW = "council.view"
    COUNCIL_PREPARE = "council.prepare"
    COUNCIL_RECORD = "council.record"
    COUNCIL_MANAGE = "council.manage"
    COUNCIL_PORTAL = "council.portal"
    CRM_HANDLE_QUESTIONS = "crm.handle_questions"
    CRM_MANAGE_KNOWLEDGE = "crm.manage_knowledge"
    CRM_VIEW_SENSITIVE = "crm.view_sensitive_signals"
    INSIGHTS_VIEW = "insights.view"
    INSIGHTS_MANAGE = "insights.manage"
    WASTE_MANAGE = "waste.manage"
    WORKS_MANAGE = "works.manage"


class Role(models.TextChoices):
    CLERK = "clerk", _("Counter clerk")
    HANDLER = "handler", _("Case handler")
    DEPARTMENT_HEAD = "department_head", _("Head of department")
    DISPATCHER = "dispatcher", _("Regional dispatcher")
    PRIVACY_OFFICER = "privacy_officer", _("Data protection officer")
    MUNICIPAL_ADMIN = "municipal_admin", _("Municipal administrator")
    REGIONAL_ADMIN = "regional_admin", _("Regional administrator")
    CONTACT_CENTRE = "contact_centre", _("Contact-centre agent")
    INTEGRATION = "integration", _("Integration (API client)")
    SECRETARY = "secretary", _("Secretary (general director)")
    SOCIAL_WORKER = "social_worker", _("Social worker (social services)")
    COUNCILLOR = "councillor", _("Councillor (member of a governing body)")


P = Permission

# Public-space reports: who sees, handles and routes them, and who edits their categories.
_REPORTS_VIEW = frozenset({P.REPORTS_VIEW})
_REPORTS_HANDLE = frozenset({P.REPORTS_VIEW, P.REPORTS_HANDLE})
_REPORTS_ROUTE = frozenset({P.REPORTS_VIEW, P.REPORTS_HANDLE, P.REPORTS_ROUTE})
_REPORTS_MANAGE = _REPORTS_ROUTE | {P.REPORTS_MANAGE_CATEGORIES, P.OPEN311_MANAGE_KEYS}

# Notifications: who reads the messages sent to residents, and who edits their templates.
_NOTIFY_VIEW = frozenset({P.NOTIFY_VIEW})
_NOTIFY_MANAGE = frozenset({P.NOTIFY_VIEW, P.NOTIFY_MANAGE_TEMPLATES})

# Payments: who sees payment requests, who asks for, cancels and refunds payments, and who
# imports bank statements and reconciles what the bank received.
_PAYMENTS_VIEW = frozenset({P.PAYMENTS_VIEW})
_PAYMENTS_MANAGE = frozenset({P.PAYMENTS_VIEW, P.PAYMENTS_MANAGE})
_PAYMENTS_ALL = _PAYMENTS_MANAGE | {P.PAYMENTS_RECONCILE}

# E-counter: who sees, handles and decides requests, who hands them out, who submits a
# request for a resident (counter, phone, integrations) and who edits the catalogue.
_CASES_HANDLE = frozenset({P.CASES_VIEW, P.CASES_HANDLE, P.CASES_DECIDE})
_CASES_COUNTER = _CASES_HANDLE | {P.CASES_SUBMIT_ON_BEHALF}
_CASES_LEAD = _CASES_COUNTER | {P.CASES_ASSIGN}
_CASES_ADMIN = frozenset({P.CASES_VIEW, P.CASES_ASSIGN, P.CATALOG_MANAGE})
_CASES_INTEGRATION = frozenset({P.CASES_VIEW, P.CASES_SUBMIT_ON_BEHALF})

# Dossier documents and decision letters: who reads, searches and adds documents, who
# issues signed decision letters and who edits the per-product letter templates.
_DOCUMENTS_READ = frozenset({P.DOCUMENTS_VIEW, P.DOCUMENTS_SEARCH})
_DOCUMENTS_WORK = _DOCUMENTS_READ | {P.DOCUMENTS_UPLOAD}
_DECISIONS_SIGN = frozenset({P.DECISIONS_SIGN})
_DECISIONS_MANAGE = frozenset({P.DECISIONS_MANAGE_TEMPLATES})

# Assistant: who reads the questions residents asked (and answers those handed over to the
# contact centre), and who teaches the assistant (FAQ entries, phrasings).
_ASSISTANT_VIEW = frozenset({P.ASSISTANT_VIEW_QUESTIONS})
_ASSISTANT_MANAGE = _ASSISTANT_VIEW | {P.ASSISTANT_MANAGE_KNOWLEDGE}

# Appointments: who sees the offices' calendars, who books, moves and cancels appointments
# for residents and records who came, and who sets up offices, desks, hours and products.
_APPOINTMENTS_VIEW = frozenset({P.APPOINTMENTS_VIEW})
_APPOINTMENTS_BOOK = _APPOINTMENTS_VIEW | {P.APPOINTMENTS_BOOK}
_APPOINTMENTS_ALL = _APPOINTMENTS_BOOK | {P.APPOINTMENTS_MANAGE}

# Walk-in queue: who sees the queues and the waits achieved, who takes tickets for residents
# and calls them at a desk, and who sets up each office's queues (product groups).
_QUEUE_VIEW = frozenset({P.QUEUE_VIEW})
_QUEUE_SERVE = _QUEUE_VIEW | {P.QUEUE_SERVE}
_QUEUE_ALL = _QUEUE_SERVE | {P.QUEUE_MANAGE}
_QUEUE_MANAGE = _QUEUE_VIEW | {P.QUEUE_MANAGE}
# Resources: who sees bookings, who approves, refuses and cancels them, and who configures
# the resources (rules, opening windows, tariffs, approval).
_RESOURCES_VIEW = frozenset({P.RESOURCES_VIEW})
_RESOURCES_HANDLE = frozenset({P.RESOURCES_VIEW, P.RESOURCES_HANDLE})
_RESOURCES_MANAGE = _RESOURCES_HANDLE | {P.RESOURCES_MANAGE}

# Activities (camps, playgrounds, lessons): who reads registrations and attendance lists,
# who registers a child for a parent at the counter or on the phone, and who configures the
# offer and cancels registrations.
_ACTIVITIES_VIEW = frozenset({P.ACTIVITIES_VIEW})
_ACTIVITIES_REGISTER = _ACTIVITIES_VIEW | {P.ACTIVITIES_REGISTER}
_ACTIVITIES_MANAGE = _ACTIVITIES_REGISTER | {P.ACTIVITIES_MANAGE}

# Contact moments (citizen relationship management): who reads the contacts with residents
# and organisations, and who records them (counter, phone, e-mail, ...).
_CRM_VIEW = frozenset({P.CRM_VIEW})
_CRM_RECORD = frozenset({P.CRM_VIEW, P.CRM_RECORD})
# The contact centre: who works its questions and callback requests, and who writes the
# knowledge articles staff answer with (a contact-centre agent held region-wide works the
# questions of every municipality of the region).
_CRM_QUESTIONS = _CRM_RECORD | {P.CRM_HANDLE_QUESTIONS}
_CRM_KNOWLEDGE = _CRM_QUESTIONS | {P.CRM_MANAGE_KNOWLEDGE}

# Governing bodies and their meetings: who reads the back office of the council, who
# prepares meetings and agenda items (draft decisions), who records what the meeting
# treated, voted and decided and publishes it (the secretary), and who keeps the bodies,
# parties and mandates.
_COUNCIL_VIEW = frozenset({P.COUNCIL_VIEW})
_COUNCIL_PREPARE = _COUNCIL_VIEW | {P.COUNCIL_PREPARE}
_COUNCIL_MANAGE = _COUNCIL_VIEW | {P.COUNCIL_MANAGE}
_COUNCIL_SECRETARY = _COUNCIL_PREPARE | {P.COUNCIL_RECORD, P.COUNCIL_MANAGE}
# Sensitive proactive signals (repeated unpaid fees): the social services alone, and only
# about residents who consented (loket.crm.proactive).
_CRM_SOCIAL = _CRM_RECORD | {P.CRM_VIEW_SENSITIVE}

# Codes that only the roles naming them grant: not the regional administrator (who holds
# every other code) nor a superuser.
ROLE_ONLY: frozenset[Permission] = frozenset({P.CRM_VIEW_SENSITIVE, P.COUNCIL_PORTAL})

# Participation (ideas and the happiness survey): who reads ideas waiting for moderation, who
# moderates them and moves their public status, and who keeps the survey's areas and reads
# its results.
_PARTICIPATION_VIEW = frozenset({P.PARTICIPATION_VIEW})
_PARTICIPATION_MODERATE = _PARTICIPATION_VIEW | {P.PARTICIPATION_MODERATE}
_PARTICIPATION_ALL = _PARTICIPATION_MODERATE | {P.PARTICIPATION_MANAGE}

# Dashboards (figures per municipality and the region's comparison): who reads them, and
# who sets the municipality's channel targets.
_INSIGHTS_VIEW = frozenset({P.INSIGHTS_VIEW})
_INSIGHTS_MANAGE = _INSIGHTS_VIEW | {P.INSIGHTS_MANAGE}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CLERK: frozenset(
        {P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW, P.PEOPLE_VIEW_360, P.PEOPLE_EDIT}
    )
    | _REPORTS_HANDLE
    | _NOTIFY_VIEW
    | _PAYMENTS_MANAGE
    | _CASES_COUNTER
    | _DOCUMENTS_WORK
    | _DECISIONS_SIGN
    | _ASSISTANT_VIEW
    | _APPOINTMENTS_BOOK
    | _QUEUE_SERVE
    | _RESOURCES_HANDLE
    | _RESOURCES_HANDLE
    | _ACTIVITIES_REGISTER
    | _CRM_QUESTIONS
    | _PARTICIPATION_MODERATE,
    Role.HANDLER: frozenset({P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW})
    | _REPORTS_HANDLE
    | _NOTIFY_VIEW
    | _PAYMENTS_VIEW
    | _CASES_HANDLE
    | _DOCUMENTS_WORK
    | _DECISIONS_SIGN
    | _ASSISTANT_VIEW
    | _APPOINTMENTS_VIEW
    | _QUEUE_VIEW
    | _RESOURCES_HANDLE
    | _CRM_QUESTIONS
    | _PARTICIPATION_MODERATE,
    Role.DEPARTMENT_HEAD: frozenset(
        {P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW, P.PEOPLE_VIEW_360}
    )
    | _REPORTS_ROUTE
    | _NOTIFY_VIEW
    | _PAYMENTS_ALL
    | _CASES_LEAD
    | _DOCUMENTS_WORK
    | _DECISIONS_SIGN
    | _DECISIONS_MANAGE
    | _ASSISTANT_MANAGE
    | _APPOINTMENTS_ALL
    | _QUEUE_ALL
    | _RESOURCES_HANDLE
    | _RESOURCES_HANDLE
    | _ACTIVITIES_MANAGE
    | _CRM_KNOWLEDGE
    | _COUNCIL_PREPARE
    | _PARTICIPATION_ALL
    | _INSIGHTS_VIEW
    | {P.WASTE_MANAGE, P.WORKS_MANAGE},
    Role.DISPATCHER: frozenset({P.TENANCY_VIEW}) | _REPORTS_ROUTE,
    Role.PRIVACY_OFFICER: frozenset({P.TENANCY_VIEW, P.AUDIT_VIEW}) | _NOTIFY_VIEW,
    Role.MUNICIPAL_ADMIN: frozenset(
        {
            P.TENANCY_VIEW,
            P.TENANCY_MANAGE,
            P.PEOPLE_SEARCH,
            P.PEOPLE_VIEW,
            P.PEOPLE_VIEW_360,
            P.PEOPLE_EDIT,
            P.AUDIT_VIEW,
            P.API_CLIENTS_MANAGE,
        }
    )
    | _REPORTS_MANAGE
    | _NOTIFY_MANAGE
    | _PAYMENTS_ALL
    | _CASES_ADMIN
    | _DOCUMENTS_READ
    | _DECISIONS_MANAGE
    | _ASSISTANT_MANAGE
    | _APPOINTMENTS_ALL
    | _QUEUE_MANAGE
    | _RESOURCES_MANAGE
    | _RESOURCES_MANAGE
    | _ACTIVITIES_MANAGE
    | _CRM_VIEW
    | _COUNCIL_MANAGE
    | {P.CRM_MANAGE_KNOWLEDGE}
    | _PARTICIPATION_ALL
    | _INSIGHTS_MANAGE
    | {P.WASTE_MANAGE, P.WORKS_MANAGE},
    Role.REGIONAL_ADMIN: frozenset(Permission) - ROLE_ONLY,
    Role.CONTACT_CENTRE: frozenset({P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW})
    | _ASSISTANT_VIEW
    | _CRM_KNOWLEDGE,
    Role.INTEGRATION: frozenset({P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW})
    | _REPORTS_VIEW
    | _PAYMENTS_MANAGE
    | _CASES_INTEGRATION
    | frozenset({P.DOCUMENTS_VIEW, P.DOCUMENTS_UPLOAD})
    | _APPOINTMENTS_BOOK
    | _QUEUE_SERVE
    | _RESOURCES_VIEW
    | _ACTIVITIES_REGISTER
    | _CRM_QUESTIONS
    | _PARTICIPATION_VIEW,
    # The secretary (algemeen directeur / directeur général) prepares the meetings of the
    # governing bodies, records them and publishes their decisions; agenda items come from
    # cases and carry documents.
    Role.SECRETARY: frozenset({P.TENANCY_VIEW, P.CASES_VIEW})
    | _DOCUMENTS_WORK
    | _DECISIONS_SIGN
    | _COUNCIL_SECRETARY
    | _INSIGHTS_VIEW,
    # The social services: the residents' 360° view with their payments and messages, the
    # contact moments, and the sensitive signals of the residents who consented.
    Role.SOCIAL_WORKER: frozenset(
        {P.TENANCY_VIEW, P.PEOPLE_SEARCH, P.PEOPLE_VIEW, P.PEOPLE_VIEW_360, P.PEOPLE_EDIT}
    )
    | _NOTIFY_VIEW
    | _PAYMENTS_VIEW
    | _APPOINTMENTS_VIEW
    | _CRM_SOCIAL,
    # A member of a governing body: the councillors' portal (the meetings of the bodies
    # where the account's member holds a mandate today, closed items included, and their
    # own notes). The portal's selectors ask for the mandate as well as this code.
    Role.COUNCILLOR: frozenset({P.COUNCIL_PORTAL}),
}


# Codes that a department membership grants for that department's work only: a clerk of the
# population office decides population cases, not mobility ones. Memberships without a
# department (heads of a whole administration, regional administrators) are not bound.
DEPARTMENT_BOUND: frozenset[Permission] = frozenset({P.CASES_DECIDE})


def permissions_for_role(role: str) -> frozenset[Permission]:
    return ROLE_PERMISSIONS.get(Role(role), frozenset())


# The roles a municipal administrator grants and revokes in their own municipality (the
# role administration page). Region-wide roles and integrations are given by a regional
# administrator or on the server (`loket staff_add`, `loket api_client_add`).
MUNICIPAL_ROLES: tuple[Role, ...] = (
    Role.CLERK,
    Role.HANDLER,
    Role.DEPARTMENT_HEAD,
    Role.PRIVACY_OFFICER,
    Role.MUNICIPAL_ADMIN,
    # The portal opens only once the secretary links the account to a member of a body.
    Role.COUNCILLOR,
)
