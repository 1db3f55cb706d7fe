"""The isolation matrix as data: for every route and method, how to fill its path and
body identifiers with the victim municipality's objects, which valid body the attacker
sends around them, and which objects the route touches.

Values name objects of the world (tests/security/world.py):
- a world key ("person", "case", "national_number" …): the victim's object; its twin for
  the indistinguishability check is a non-existent object of the same kind;
- "absent": an id nobody has (the route's object kind has no victim object in the world);
- "fixed:<value>": a literal that is not an identifier of anybody (a format, a plugin);
- in `base` only, "own:<key>": the attacker's own object (Menen), so that a body is valid
  except for the one victim identifier being tried.

A route is keyed "METHOD /pattern": the URL pattern as Django's resolver prints it, or the
OpenAPI path for /api/v1. tests/security/test_matrix_coverage.py fails when a configured
route has no entry here, or when an entry names a route that no longer exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CERTIFICATE_ANSWERS = {
    "with_history": "no",
    "language": "nl",
    "copies": "1",
    "purpose": "For my employer",
    "declaration": "on",
}


@dataclass(frozen=True)
class Entry:
    path: dict[str, str] = field(default_factory=dict)
    body: dict[str, str] = field(default_factory=dict)
    base: dict[str, Any] = field(default_factory=dict)
    # The victim object is public by design (a public report, a municipality's catalogue):
    # only "no write outside `touches`" and "no secret shown" are asserted.
    public: bool = False
    # Tables the route may write when the request is valid (documentation; for public
    # routes also the only tables a request may write).
    touches: tuple[str, ...] = ()
    # More victim objects to try in a body field, one cell each (a resident of another
    # region, say).
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Body fields of which only one may be sent at a time.
    exclusive: tuple[str, ...] = ()
    # Roles for which the route ignores the body identifiers and works on their own data (a
    # resident always submits a request for herself): their cells assert only that nothing
    # is written outside `touches` and that no secret is shown.
    ignored_by: tuple[str, ...] = ()
    multipart: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    # Why the route is outside the isolation rule (nothing but "no 500" is asserted).
    exempt: str = ""


def both(pattern: str, entry: Entry | None = None) -> list[tuple[str, Entry]]:
    return [(f"GET {pattern}", entry or Entry()), (f"POST {pattern}", entry or Entry())]


def get_post(pattern: str, get: Entry, post: Entry) -> list[tuple[str, Entry]]:
    return [(f"GET {pattern}", get), (f"POST {pattern}", post)]


def one(key: str, entry: Entry | None = None) -> list[tuple[str, Entry]]:
    return [(key, entry or Entry())]


def P(**path: str) -> Entry:
    return Entry(path=path)


PUBLIC = Entry(public=True)
FMT = {"fmt": "fixed:json"}
ADMIN_OBJECT = P(object_id="staff_user")
ADMIN_EXEMPT = Entry(exempt="Django's admin: superusers only, no tenant data")
SITE_PAGE = Entry()

_API = [
    *one("GET /api/v1/municipalities", PUBLIC),
    *one(
        "GET /api/v1/municipalities/{nis_code}", Entry(path={"nis_code": "nis_code"}, public=True)
    ),
    *one(
        "GET /api/v1/municipalities/{nis_code}/departments",
        Entry(path={"nis_code": "nis_code"}, public=True),
    ),
    *one("GET /api/v1/departments"),
    *one("GET /api/v1/residents", Entry(body={"q": "national_number"})),
    *one(
        "GET /api/v1/residents/{person_id}",
        Entry(path={"person_id": "person"}, base={"purpose": "Counter visit"}),
    ),
    *one("GET /api/v1/me"),
    *one(
        "GET /api/v1/payment-requests",
        Entry(body={"subject_id": "case"}, base={"subject_type": "case"}),
    ),
    *one(
        "POST /api/v1/payment-requests",
        Entry(
            body={
                "payer_person_id": "person",
                "payer_organisation_id": "organisation",
                "municipality_nis_code": "nis_code",
                "subject_id": "fixed:order-1",
            },
            base={
                "municipality_nis_code": "own:nis_code",
                "payer_person_id": "own:person",
                "subject_type": "parking",
                "subject_id": "order-1",
                "description": "Parking permit",
                "amount_cents": 1000,
                "due_date": "2030-01-31",
            },
            also={"payer_person_id": ("brussels_person",)},
            exclusive=("payer_person_id", "payer_organisation_id"),
            touches=("payments_paymentrequest", "procrastinate_jobs"),
        ),
    ),
    *one(
        "GET /api/v1/payment-requests/{payment_request_id}",
        P(payment_request_id="payment"),
    ),
    *one(
        "POST /api/v1/payment-requests/{payment_request_id}/cancel",
        Entry(path={"payment_request_id": "payment"}, base={"reason": "Mistake"}),
    ),
    *one("POST /api/v1/bank-statements", Entry(multipart=True)),
    *one("GET /api/v1/documents/search", Entry(body={"q": "case_number"})),
    *one(
        "GET /api/v1/documents",
        Entry(body={"owner_id": "case"}, base={"owner_type": "case"}),
    ),
    *one(
        "POST /api/v1/documents",
        Entry(
            body={"owner_id": "case", "municipality_nis_code": "nis_code"},
            base={
                "municipality_nis_code": "own:nis_code",
                "owner_type": "case",
                "owner_id": "absent",
                "title": "Scan",
                "file": "png",
            },
            multipart=True,
            touches=("documents_document", "procrastinate_jobs"),
        ),
    ),
    *one("GET /api/v1/documents/{document_id}", P(document_id="document")),
    *one("GET /api/v1/documents/{document_id}/content", P(document_id="document")),
    *one(
        "POST /api/v1/documents/{document_id}/versions",
        Entry(path={"document_id": "document"}, base={"file": "png"}, multipart=True),
    ),
    *one("POST /api/v1/decisions/verify", Entry(multipart=True)),
    *one(
        "GET /api/v1/municipalities/{nis_code}/products",
        Entry(path={"nis_code": "nis_code"}, public=True),
    ),
    *one("GET /api/v1/products/{code}", Entry(path={"code": "fixed:residence-certificate"})),
    *one(
        "GET /api/v1/products/{code}/form",
        Entry(path={"code": "fixed:residence-certificate"}),
    ),
    *one(
        "PUT /api/v1/municipalities/{nis_code}/products/{code}",
        Entry(
            path={"nis_code": "nis_code", "code": "fixed:residence-certificate"},
            base={"is_enabled": False},
            touches=("catalog_municipalityproduct",),
        ),
    ),
    *one("GET /api/v1/cases"),
    *one(
        "POST /api/v1/cases",
        Entry(
            body={
                "applicant_national_number": "national_number",
                "municipality_nis_code": "nis_code",
            },
            base={
                "municipality_nis_code": "own:nis_code",
                "product_code": "residence-certificate",
                "applicant_national_number": "own:national_number",
                "answers": CERTIFICATE_ANSWERS,
            },
            also={"applicant_national_number": ("brussels_national_number",)},
            ignored_by=("neighbour",),
            headers={"Idempotency-Key": "unique"},
            touches=(
                "cases_case",
                "cases_caseevent",
                "cases_casenumbercounter",
                "notify_notification",
                "procrastinate_jobs",
                "procrastinate_events",
            ),
        ),
    ),
    *one("GET /api/v1/cases/{case_id}", P(case_id="case")),
    *one("GET /api/v1/cases/{case_id}/timeline", P(case_id="case")),
    *one(
        "POST /api/v1/cases/{case_id}/transitions",
        Entry(path={"case_id": "case"}, base={"to_status": "in_treatment"}),
    ),
    *one(
        "POST /api/v1/cases/{case_id}/assignment",
        Entry(
            path={"case_id": "case"},
            body={"department_id": "department", "handler_id": "staff_user"},
        ),
    ),
    *one("GET /api/v1/cases/{case_id}/messages", P(case_id="case")),
    *one(
        "POST /api/v1/cases/{case_id}/messages",
        Entry(path={"case_id": "case"}, base={"body": "Hello"}),
    ),
    *one("GET /api/v1/cases/{case_id}/notes", P(case_id="case")),
    *one(
        "POST /api/v1/cases/{case_id}/notes",
        Entry(path={"case_id": "case"}, base={"text": "Note"}),
    ),
    *one("GET /api/v1/cases/{case_id}/tasks", P(case_id="case")),
    *one(
        "POST /api/v1/cases/{case_id}/tasks",
        Entry(path={"case_id": "case"}, body={"assignee_id": "staff_user"}, base={"title": "Call"}),
    ),
    *one("POST /api/v1/cases/{case_id}/tasks/{task_id}/done", P(case_id="case", task_id="task")),
    *one(
        "POST /api/v1/assistant/ask",
        Entry(
            body={"municipality": "slug"},
            base={"question": "Waar vraag ik een parkeerkaart aan?"},
            public=True,
            touches=("assistant_askedquestion", "assistant_conversation"),
        ),
    ),
    *both("/api/v1/openapi.json", PUBLIC),
    *both("/api/v1/docs", PUBLIC),
    *both("/api/v1/", PUBLIC),
    *both("/api/v1/^.*$"),
]

_ADMIN = [
    *both("/django-admin/", ADMIN_EXEMPT),
    *both("/django-admin/login/", ADMIN_EXEMPT),
    *both("/django-admin/logout/", ADMIN_EXEMPT),
    *both("/django-admin/password_change/", ADMIN_EXEMPT),
    *both("/django-admin/password_change/done/", ADMIN_EXEMPT),
    *both("/django-admin/autocomplete/", ADMIN_EXEMPT),
    *both("/django-admin/jsi18n/", ADMIN_EXEMPT),
    *both(
        "/django-admin/r/<path:content_type_id>/<path:object_id>/",
        P(content_type_id="absent", object_id="staff_user"),
    ),
    *both("/django-admin/auth/group/", ADMIN_EXEMPT),
    *both("/django-admin/auth/group/add/", ADMIN_EXEMPT),
    *both("/django-admin/auth/group/<path:object_id>/history/", P(object_id="absent")),
    *both("/django-admin/auth/group/<path:object_id>/delete/", P(object_id="absent")),
    *both("/django-admin/auth/group/<path:object_id>/change/", P(object_id="absent")),
    *both("/django-admin/auth/group/<path:object_id>/", P(object_id="absent")),
    *both("/django-admin/procrastinate/procrastinatejob/", ADMIN_EXEMPT),
    *both("/django-admin/procrastinate/procrastinatejob/add/", ADMIN_EXEMPT),
    *both(
        "/django-admin/procrastinate/procrastinatejob/<path:object_id>/history/",
        P(object_id="absent"),
    ),
    *both(
        "/django-admin/procrastinate/procrastinatejob/<path:object_id>/delete/",
        P(object_id="absent"),
    ),
    *both(
        "/django-admin/procrastinate/procrastinatejob/<path:object_id>/change/",
        P(object_id="absent"),
    ),
    *both("/django-admin/procrastinate/procrastinatejob/<path:object_id>/", P(object_id="absent")),
    *both("/django-admin/accounts/user/<id>/password/", P(id="staff_user")),
    *both("/django-admin/accounts/user/", ADMIN_EXEMPT),
    *both("/django-admin/accounts/user/add/", ADMIN_EXEMPT),
    *both("/django-admin/accounts/user/<path:object_id>/history/", ADMIN_OBJECT),
    *both("/django-admin/accounts/user/<path:object_id>/delete/", ADMIN_OBJECT),
    *both("/django-admin/accounts/user/<path:object_id>/change/", ADMIN_OBJECT),
    *both("/django-admin/accounts/user/<path:object_id>/", ADMIN_OBJECT),
    *both(
        "/django-admin/^(?P<app_label>auth|procrastinate|accounts)/$",
        P(app_label="fixed:accounts"),
    ),
    *both("/django-admin/(?P<url>.*)$", P(url="fixed:no-such-page/")),
]

_PAYMENTS = [
    *both("/health", PUBLIC),
    *both("/betalingen/"),
    *both("/betalingen/<int:payment_request_id>/", P(payment_request_id="payment")),
    *both("/betalingen/<int:payment_request_id>/online/", P(payment_request_id="payment")),
    *both("/betalingen/<int:payment_request_id>/qr.png", P(payment_request_id="payment")),
    *both("/betalingen/demo-bank/<str:reference>/", P(reference="absent")),
    *both("/betalingen/webhooks/<slug:provider>/", P(provider="fixed:demo")),
    *both("/backoffice/betalingen/"),
    *get_post(
        "/backoffice/betalingen/nieuw/",
        Entry(),
        Entry(
            body={"payer_number": "national_number", "municipality": "municipality"},
            base={
                "municipality": "own:municipality",
                "payer_number": "own:national_number",
                "description": "Parking permit",
                "amount": "10,00",
                "due_date": "2030-01-31",
            },
            touches=("payments_paymentrequest", "procrastinate_jobs"),
        ),
    ),
    *both("/backoffice/betalingen/<int:payment_request_id>/", P(payment_request_id="payment")),
    *both(
        "/backoffice/betalingen/<int:payment_request_id>/ontvangen/",
        Entry(
            path={"payment_request_id": "payment"},
            base={"amount": "5,00", "booked_on": "2030-01-01", "note": "Cash"},
        ),
    ),
    *both(
        "/backoffice/betalingen/<int:payment_request_id>/terugbetalen/",
        Entry(path={"payment_request_id": "payment"}, base={"amount": "5,00", "note": "Back"}),
    ),
    *both(
        "/backoffice/betalingen/<int:payment_request_id>/annuleren/",
        Entry(path={"payment_request_id": "payment"}, base={"reason": "Mistake"}),
    ),
    *both(
        "/backoffice/betalingen/instellingen/<int:municipality_id>/",
        P(municipality_id="municipality"),
    ),
    *both("/backoffice/betalingen/afstemming/"),
    *both(
        "/backoffice/betalingen/afstemming/<int:line_id>/",
        Entry(
            path={"line_id": "absent"},
            body={"payment_request": "payment", "structured_communication": "payment_reference"},
            exclusive=("payment_request", "structured_communication"),
        ),
    ),
    *both("/backoffice/betalingen/uittreksels/"),
    *get_post(
        "/backoffice/betalingen/export/",
        Entry(body={"municipality": "municipality"}),
        Entry(body={"municipality": "municipality"}, base={"date_from": "2020-01-01"}),
    ),
]

_OPEN311 = [
    *both(r"/open311/v2/^discovery(?:\.(?P<fmt>json|xml))?$", Entry(path=FMT, public=True)),
    *both(r"/open311/v2/^services(?:\.(?P<fmt>json|xml))?$", Entry(path=FMT, public=True)),
    *both(
        r"/open311/v2/^services/(?P<service_code>[A-Za-z0-9_-]+)(?:\.(?P<fmt>json|xml))?$",
        Entry(path={"service_code": "absent", **FMT}),
    ),
    *get_post(
        r"/open311/v2/^requests(?:\.(?P<fmt>json|xml))?$",
        Entry(path=FMT, body={"jurisdiction_id": "nis_code"}, public=True),
        Entry(
            path=FMT,
            body={"jurisdiction_id": "nis_code", "account_id": "person"},
            base={"service_code": "absent", "lat": "50.82803", "long": "3.26487"},
        ),
    ),
    *both(
        r"/open311/v2/^requests?/(?P<service_request_id>\d{1,18})(?:\.(?P<fmt>json|xml))?$",
        Entry(path={"service_request_id": "report", **FMT}, public=True),
    ),
    *both(
        r"/open311/v2/^tokens/(?P<token>[A-Za-z0-9_-]{1,64})(?:\.(?P<fmt>json|xml))?$",
        Entry(path={"token": "report_token", **FMT}, public=True),
    ),
    *both("/open311/v2/^.*$"),
]

_REPORTS = [
    *both("/meldingen/", PUBLIC),
    *both("/meldingen/gemeente/<slug:slug>/", Entry(path={"slug": "slug"}, public=True)),
    *both("/meldingen/nieuw/", Entry(body={"municipality": "slug"}, public=True)),
    *both("/meldingen/in-de-buurt/", PUBLIC),
    *both("/meldingen/ontvangen/<slug:token>/", Entry(path={"token": "report_token"}, public=True)),
    *both("/meldingen/foto/<int:photo_id>/", P(photo_id="absent")),
    *both("/meldingen/<int:report_id>/", Entry(path={"report_id": "report"}, public=True)),
    *both(
        "/meldingen/<int:report_id>/volgen/",
        Entry(
            path={"report_id": "report"},
            public=True,
            touches=(
                "reports_reportfollower",
                "reports_reportevent",
                "notify_notification",
                "procrastinate_jobs",
                "procrastinate_events",
            ),
        ),
    ),
    *both(
        "/meldingen/<int:report_id>/heropenen/", Entry(path={"report_id": "report"}, public=True)
    ),
    *both("/backoffice/meldingen/"),
    *both("/backoffice/meldingen/te-laat/"),
    *both("/backoffice/meldingen/meldpunt/"),
    *both("/backoffice/meldingen/<int:report_id>/", P(report_id="report")),
    *both("/backoffice/meldingen/<int:report_id>/melder/", P(report_id="report")),
    *both(
        "/backoffice/meldingen/<int:report_id>/status/",
        Entry(path={"report_id": "report"}, base={"note": "Seen", "message": ""}),
    ),
    *both(
        "/backoffice/meldingen/<int:report_id>/routeren/",
        Entry(path={"report_id": "report"}, body={"municipality": "municipality"}),
    ),
    *both(
        "/backoffice/meldingen/<int:report_id>/samenvoegen/",
        Entry(path={"report_id": "report"}, body={"target": "report"}),
    ),
    *both("/backoffice/meldingen/categorieen/"),
    *both("/backoffice/meldingen/categorieen/nieuw/"),
    *both("/backoffice/meldingen/categorieen/<int:category_id>/", P(category_id="absent")),
    *both("/backoffice/meldingen/categorieen/<int:category_id>/vraag/", P(category_id="absent")),
    *both("/backoffice/meldingen/categorieen/gemeente/<slug:slug>/", P(slug="slug")),
    *get_post(
        "/backoffice/meldingen/open311-sleutels/",
        Entry(),
        Entry(
            body={"municipality": "municipality"}, base={"name": "App", "requests_per_minute": 60}
        ),
    ),
    *both(
        "/backoffice/meldingen/open311-sleutels/<int:client_id>/intrekken/",
        P(client_id="open311_client"),
    ),
]

_NOTIFY = [
    *both("/backoffice/berichten/", Entry(body={"person": "person"})),
    *both("/backoffice/berichten/<int:notification_id>/", P(notification_id="notification")),
    *both("/backoffice/berichten/sjablonen/"),
    *both(
        "/backoffice/berichten/sjablonen/<slug:slug>/<str:event>/<str:language>/",
        P(slug="slug", event="fixed:case_submitted", language="fixed:nl"),
    ),
    *both("/backoffice/berichten/sms-demo/"),
    *both("/backoffice/berichten/brieven/"),
    *both("/backoffice/berichten/brieven/nu/", Entry(body={"municipality": "slug"})),
    *both("/backoffice/berichten/brieven/<int:batch_id>/pdf/", P(batch_id="absent")),
    *both("/mijn/berichten/"),
    *both("/mijn/berichten/<int:message_id>/", P(message_id="inbox_message")),
    *both(
        "/mijn/berichten/<int:message_id>/bijlagen/<int:attachment_id>/",
        P(message_id="inbox_message", attachment_id="absent"),
    ),
]

_DOCUMENTS = [
    *both("/backoffice/documenten/", Entry(body={"q": "case_number"})),
    *both("/backoffice/documenten/<int:document_id>/download/", P(document_id="document")),
    *both("/mijn/documenten/<int:document_id>/", P(document_id="document")),
    *both("/verificatie/", PUBLIC),
]

_CATALOG_AND_CASES = [
    *both("/backoffice/catalogus/"),
    *both(
        "/backoffice/catalogus/<int:municipality_id>/<slug:code>/",
        Entry(
            path={"municipality_id": "municipality", "code": "fixed:residence-certificate"},
            body={"department": "department"},
        ),
    ),
    *both("/backoffice/catalogus/producten/<slug:code>/", P(code="fixed:residence-certificate")),
    *both(
        "/backoffice/catalogus/producten/<slug:code>/formulier/",
        P(code="fixed:residence-certificate"),
    ),
    *both("/<slug:slug>/producten/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/<slug:slug>/producten/<slug:code>/",
        Entry(path={"slug": "slug", "code": "fixed:residence-certificate"}, public=True),
    ),
    *both(
        "/<slug:slug>/producten/<slug:code>/aanvragen/",
        Entry(path={"slug": "slug", "code": "fixed:residence-certificate"}, public=True),
    ),
    *both("/mijn/aanvragen/"),
    *both("/mijn/aanvragen/concept/<str:token>/verwijderen/", P(token="absent")),
    *both("/mijn/aanvragen/<str:number>/", P(number="case_number")),
    *both("/mijn/aanvragen/<str:number>/intrekken/", P(number="case_number")),
    *get_post(
        "/backoffice/dossiers/",
        Entry(),
        Entry(
            body={"case": "case", "department": "department", "handler": "staff_user"},
            touches=("cases_case", "cases_caseevent"),
        ),
    ),
    *both(
        "/backoffice/dossiers/nieuw/",
        Entry(body={"person": "person", "municipality": "municipality", "q": "national_number"}),
    ),
    *both(
        "/backoffice/dossiers/nieuw/<int:person_id>/<slug:code>/",
        Entry(path={"person_id": "person", "code": "fixed:residence-certificate"}),
    ),
    *both("/backoffice/dossiers/<int:case_id>/", P(case_id="case")),
    *both(
        "/backoffice/dossiers/<int:case_id>/status/",
        Entry(path={"case_id": "case"}, base={"to_status": "in_treatment"}),
    ),
    *both(
        "/backoffice/dossiers/<int:case_id>/toewijzen/",
        Entry(path={"case_id": "case"}, body={"department": "department", "handler": "staff_user"}),
    ),
    *both(
        "/backoffice/dossiers/<int:case_id>/notities/",
        Entry(path={"case_id": "case"}, base={"text": "Note"}),
    ),
    *both(
        "/backoffice/dossiers/<int:case_id>/taken/",
        Entry(path={"case_id": "case"}, body={"assignee": "staff_user"}, base={"title": "Call"}),
    ),
    *both(
        "/backoffice/dossiers/<int:case_id>/taken/<int:task_id>/klaar/",
        P(case_id="case", task_id="task"),
    ),
    *both(
        "/backoffice/dossiers/<int:case_id>/berichten/",
        Entry(path={"case_id": "case"}, base={"body": "Hello"}),
    ),
    *both("/backoffice/dossiers/<int:case_id>/betaling/", P(case_id="case")),
]

_ASSISTANT = [
    *both(
        "/assistent/",
        Entry(
            body={"municipality": "slug"},
            base={"question": "Waar vraag ik een parkeerkaart aan?"},
            public=True,
            touches=("assistant_askedquestion", "assistant_conversation"),
        ),
    ),
    *both("/backoffice/assistent/"),
    *both(
        "/backoffice/assistent/vragen/<int:question_id>/leren/",
        Entry(path={"question_id": "asked_question"}, body={"target": "faq"}),
    ),
    *both("/backoffice/assistent/vragen/<int:question_id>/opzij/", P(question_id="asked_question")),
    *both("/backoffice/assistent/contactvragen/"),
    *both(
        "/backoffice/assistent/contactvragen/<int:question_id>/",
        Entry(path={"question_id": "contact_question"}, base={"note": "Called back"}),
    ),
    *both("/backoffice/assistent/faq/"),
    *both(
        "/backoffice/assistent/faq/nieuw/",
        Entry(
            body={"municipality": "municipality"},
            base={"phrasings_nl": "Waar?", "answer_nl": "Hier", "answer_fr": "Ici"},
        ),
    ),
    *both("/backoffice/assistent/faq/<int:entry_id>/", P(entry_id="faq")),
]

_WEB = [
    *both("/", PUBLIC),
    *both(
        "/language/",
        Entry(base={"language": "fr"}, touches=("accounts_user", "people_person")),
    ),
    *both("/aanmelden/", PUBLIC),
    *both(
        "/aanmelden/<slug:code>/",
        Entry(
            path={"code": "fixed:demo"},
            body={"national_number": "national_number"},
            exempt="the demo e-ID signs in whoever is chosen by design; refused in production",
        ),
    ),
    *both("/afmelden/"),
    *both("/mijn/"),
    *both("/mijn/kind/<int:person_id>/", P(person_id="child")),
    *both("/backoffice/"),
    *both(
        "/backoffice/aanmelden/",
        Entry(exempt="staff sign-in: no tenant data; throttled and tested in tests/web"),
    ),
    *both("/backoffice/afmelden/"),
    *both("/backoffice/inwoners/", Entry(body={"q": "national_number"})),
    *both(
        "/backoffice/inwoners/<int:person_id>/",
        Entry(path={"person_id": "person"}, base={"purpose": "Counter visit"}),
    ),
    *both("/<slug:slug>/", Entry(path={"slug": "slug"}, public=True)),
]

MATRIX: dict[str, Entry] = dict(
    [
        *_API,
        *_ADMIN,
        *_PAYMENTS,
        *_OPEN311,
        *_REPORTS,
        *_NOTIFY,
        *_DOCUMENTS,
        *_CATALOG_AND_CASES,
        *_ASSISTANT,
        *_WEB,
    ]
)
