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

from tests.security.entries import PUBLIC, Entry, P, both, get_post
from tests.security.matrix_api import ADMIN, API, OPEN311
from tests.security.matrix_appointments import APPOINTMENTS_API, APPOINTMENTS_HTML
from tests.security.matrix_council import COUNCIL_API, COUNCIL_HTML
from tests.security.matrix_crm import (
    CONTACT_CENTRE_API,
    CONTACT_CENTRE_HTML,
    CRM_API,
    CRM_HTML,
)
from tests.security.matrix_insights import INSIGHTS_HTML
from tests.security.matrix_mandates import MANDATES_HTML
from tests.security.matrix_opendata import OPENDATA_HTML
from tests.security.matrix_participation import PARTICIPATION_API, PARTICIPATION_HTML
from tests.security.matrix_waste import WASTE_HTML

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

_ACTIVITY_REGISTRATION = P(registration_id="activity_registration")
_ROSTER = Entry(
    path={"period_id": "period"},
    body={"cancel": "activity_registration"},
    base={"purpose": "case_handling", "capacity": "5"},
)
_ACTIVITIES = [
    *both("/activiteiten/", PUBLIC),
    *both("/<slug:slug>/activiteiten/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/<slug:slug>/activiteiten/<int:activity_id>/",
        Entry(path={"slug": "slug", "activity_id": "activity"}),
    ),
    # The first addresses, redirecting permanently (an unpublished activity answers 404).
    *both("/activiteiten/<int:activity_id>/", P(activity_id="activity")),
    *both("/activiteiten/<int:activity_id>/inschrijven/", P(activity_id="activity")),
    *both(
        "/<slug:slug>/activiteiten/<int:activity_id>/inschrijven/",
        Entry(
            path={"slug": "slug", "activity_id": "activity"},
            body={"child": "child", "period": "period"},
            base={"period": "own:period", "token": "matrix"},
            touches=("activities_registration",),
        ),
    ),
    *both("/mijn/activiteiten/"),
    *both("/mijn/activiteiten/<int:registration_id>/annuleren/", _ACTIVITY_REGISTRATION),
    *both("/mijn/activiteiten/<int:registration_id>/aanvaarden/", _ACTIVITY_REGISTRATION),
    *both("/mijn/activiteiten/<int:registration_id>/betalen/", _ACTIVITY_REGISTRATION),
    *both("/backoffice/activiteiten/"),
    *get_post(
        "/backoffice/activiteiten/nieuw/",
        Entry(),
        Entry(
            body={"municipality": "municipality"},
            base={
                "municipality": "own:municipality",
                "kind": "camp",
                "title_nl": "Kamp",
                "price_resident": "10",
                "price_non_resident": "20",
                "social_reduction_percent": "0",
                "sibling_reduction_percent": "0",
                "opens_residents_at": "2031-01-01 09:00",
                "opens_everyone_at": "2031-01-02 09:00",
                "closes_at": "2031-02-01 09:00",
                "offer_hours": "48",
            },
            touches=("activities_activity",),
        ),
    ),
    *both("/backoffice/activiteiten/<int:activity_id>/", P(activity_id="activity")),
    *both(
        "/backoffice/activiteiten/<int:activity_id>/periodes/nieuw/",
        Entry(
            path={"activity_id": "activity"},
            base={
                "label": "Week 2",
                "starts_on": "2031-07-14",
                "ends_on": "2031-07-18",
                "capacity": "10",
            },
            touches=("activities_period", "activities_seat"),
        ),
    ),
    *get_post(
        "/backoffice/activiteiten/<int:activity_id>/inschrijven/",
        # Staff register children for a parent: the parent (GET opens their household), the
        # period and each child come from the request and are resolved through the actor.
        Entry(
            path={"activity_id": "activity"},
            body={"person": "person"},
            base={"channel": "phone"},
            touches=("audit_accesslogentry",),
        ),
        Entry(
            path={"activity_id": "activity"},
            body={"person": "person", "period": "period", "child": "child"},
            base={
                "person": "own:person",
                "period": "own:period",
                "channel": "counter",
                "token": "matrix",
            },
            touches=(
                "activities_registration",
                "activities_registrationevent",
                "activities_seat",
                "notify_notification",
                "procrastinate_jobs",
            ),
        ),
    ),
    *both("/backoffice/activiteiten/periodes/<int:period_id>/", _ROSTER),
    *both(
        "/backoffice/activiteiten/periodes/<int:period_id>/aanwezigheden.pdf",
        Entry(path={"period_id": "period"}, base={"purpose": "case_handling"}),
    ),
]

_REPORTS = [
    *both("/meldingen/", PUBLIC),
    *both("/meldingen/gemeente/<slug:slug>/", Entry(path={"slug": "slug"}, public=True)),
    *both("/meldingen/nieuw/", Entry(body={"municipality": "slug"}, public=True)),
    *both("/meldingen/in-de-buurt/", PUBLIC),
    *both("/meldingen/vragen/", PUBLIC),
    *both("/meldingen/ontvangen/<slug:token>/", Entry(path={"token": "report_token"}, public=True)),
    *both("/meldingen/foto/<int:photo_id>/", P(photo_id="absent")),
    *both("/meldingen/<int:report_id>/", Entry(path={"report_id": "report"}, public=True)),
    *both("/meldingen/oslo/", PUBLIC),
    *both("/meldingen/<int:report_id>/oslo/", Entry(path={"report_id": "report"}, public=True)),
    *both(
        "/meldingen/<int:report_id>/volgen/",
        Entry(
            path={"report_id": "report"},
            public=True,
            touches=(
                "reports_reportfollower",
                "reports_reportevent",
                "notify_notification",
                "notify_notificationattachment",
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
    # Every search of the access log is itself logged (audit_accesslogsearch).
    *both(
        "/backoffice/toegangslog/",
        Entry(body={"resident": "national_number"}, touches=("audit_accesslogsearch",)),
    ),
    *both(
        "/backoffice/toegangslog/export/",
        Entry(body={"resident": "national_number"}, touches=("audit_accesslogsearch",)),
    ),
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
    *both(
        "/backoffice/catalogus/lpdc/<int:municipality_id>/",
        Entry(
            path={"municipality_id": "municipality"},
            base={"bestuurseenheid_iri": "http://data.lblod.info/id/bestuurseenheden/menen"},
            touches=("catalog_lpdcfeed", "catalog_lpdcsnapshot"),
        ),
    ),
    *both(
        "/backoffice/catalogus/lpdc/<int:municipality_id>/import/",
        Entry(path={"municipality_id": "municipality"}, touches=("catalog_conceptproposal",)),
    ),
    *both(
        "/backoffice/catalogus/lpdc/voorstellen/<int:pk>/",
        Entry(
            path={"pk": "concept_proposal"},
            base={"decision": "reject"},
            touches=("catalog_conceptproposal",),
        ),
    ),
    *both("/<slug:slug>/producten/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/<slug:slug>/producten/lpdc/instancesnapshot", Entry(path={"slug": "slug"}, public=True)
    ),
    *both(
        "/<slug:slug>/producten/lpdc/<str:name>",
        Entry(path={"slug": "slug", "name": "fixed:ldes.jsonld"}, public=True),
    ),
    *both("/<slug:slug>/producten/cpsv-ap.jsonld", Entry(path={"slug": "slug"}, public=True)),
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
    *both(
        "/assistent/contactvraag/<int:contact_question_id>/",
        Entry(
            path={"contact_question_id": "contact_question"},
            base={"email": "someone@example.org"},
        ),
    ),
    *both("/backoffice/assistent/"),
    *both(
        "/backoffice/assistent/vragen/<int:question_id>/leren/",
        Entry(path={"question_id": "asked_question"}, body={"target": "faq"}),
    ),
    *both("/backoffice/assistent/vragen/<int:question_id>/opzij/", P(question_id="asked_question")),
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

_BOOKING_BODY = {
    "starts_at": "2030-02-01T10:00",
    "ends_at": "2030-02-01T12:00",
    "category": "resident",
}
_RESOURCE_BODY = {
    "kind": "hall",
    "name_nl": "Zaal",
    "quantity": "1",
    "price_unit": "hour",
    "minimum_minutes": "60",
    "maximum_minutes": "240",
    "lead_minimum_hours": "24",
    "lead_maximum_days": "180",
    "is_active": "on",
    "hours_mon": "08:00-22:00",
    "price_resident": "10,00",
}
_RESOURCE_TABLES = (
    "resources_resource",
    "resources_tariff",
    "resources_openingwindow",
    "resources_resourceunit",
)
_BOOKING_TABLES = (
    "resources_booking",
    "resources_bookingevent",
    "resources_bookingunit",
    "payments_paymentrequest",
    "payments_paymentrequestevent",
    "payments_municipalitypaymentsettings",
    "notify_notification",
    "notify_notificationattachment",
    "procrastinate_jobs",
    "procrastinate_events",
)

_RESOURCES = [
    *both("/<slug:slug>/reserveren/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/<slug:slug>/reserveren/<int:resource_id>/",
        Entry(path={"slug": "slug", "resource_id": "resource"}, public=True),
    ),
    *both(
        "/<slug:slug>/reserveren/<int:resource_id>/agenda.ics",
        Entry(path={"slug": "slug", "resource_id": "resource"}, public=True),
    ),
    # The first addresses, redirecting permanently to the ones above (nothing is written).
    *both("/reserveren/<slug:slug>/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/reserveren/<slug:slug>/<int:resource_id>/",
        Entry(path={"slug": "slug", "resource_id": "resource"}, public=True),
    ),
    *both(
        "/reserveren/<slug:slug>/<int:resource_id>/agenda.ics",
        Entry(path={"slug": "slug", "resource_id": "resource"}, public=True),
    ),
    *both(
        "/reserveren/<slug:slug>/<int:resource_id>/boeken/",
        Entry(path={"slug": "slug", "resource_id": "resource"}, public=True),
    ),
    *both(
        "/<slug:slug>/reserveren/<int:resource_id>/boeken/",
        Entry(
            path={"slug": "slug", "resource_id": "resource"},
            base=_BOOKING_BODY,
            public=True,
            touches=_BOOKING_TABLES,
        ),
    ),
    *both("/mijn/reservaties/"),
    *both("/mijn/reservaties/<int:booking_id>/", P(booking_id="booking")),
    *both("/mijn/reservaties/<int:booking_id>/annuleren/", P(booking_id="booking")),
    *both("/backoffice/reservaties/"),
    *both(
        "/backoffice/reservaties/<int:booking_id>/",
        Entry(path={"booking_id": "booking"}, base={"to_status": "cancelled", "reason": "No"}),
    ),
    *both("/backoffice/reservaties/middelen/"),
    *get_post(
        "/backoffice/reservaties/middelen/nieuw/",
        Entry(),
        Entry(
            body={"municipality": "municipality"},
            base={"municipality": "own:municipality", **_RESOURCE_BODY},
            touches=_RESOURCE_TABLES,
        ),
    ),
    *both(
        "/backoffice/reservaties/middelen/<int:resource_id>/",
        Entry(path={"resource_id": "resource"}, base=_RESOURCE_BODY),
    ),
]

# The caller's own second-factor devices (django-otp's tables).
_OWN_DEVICES = ("otp_totp_totpdevice", "otp_static_staticdevice", "otp_static_statictoken")

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
    *both(
        "/aanmelden/<slug:code>/jwks.json",
        Entry(
            path={"code": "fixed:itsme"},
            public=True,
            touches=(),
        ),
    ),
    *both(
        "/aanmelden/<slug:code>/terug/",
        Entry(
            path={"code": "fixed:fas"},
            exempt="OpenID Connect callback: signs in only whom the provider proved, with the "
            "state bound to this session; tested in tests/identity/test_oidc_residents.py",
        ),
    ),
    *both("/afmelden/"),
    *both("/mijn/"),
    *both("/mijn/kind/<int:person_id>/", P(person_id="child")),
    # The resident's own consents: no identifier, only the signed-in resident's own answers.
    *both("/mijn/toestemmingen/", Entry(touches=("people_consent",))),
    # The resident's own data export: no identifier in path or body, only the signed-in
    # resident's own data; the download is written to their own access log.
    *both("/mijn/gegevens/download.json", Entry(touches=("audit_accesslogentry",))),
    *both("/mijn/gegevens/download.pdf", Entry(touches=("audit_accesslogentry",))),
    *both("/backoffice/"),
    *both(
        "/backoffice/aanmelden/",
        Entry(exempt="staff sign-in: no tenant data; throttled and tested in tests/web"),
    ),
    *both("/backoffice/afmelden/"),
    *both(
        "/backoffice/aanmelden/oidc/<slug:code>/",
        Entry(
            path={"code": "fixed:town-idp"},
            exempt="staff sign-in at the municipality's identity provider: no tenant data",
        ),
    ),
    *both(
        "/backoffice/aanmelden/oidc/<slug:code>/terug/",
        Entry(
            path={"code": "fixed:town-idp"},
            exempt="OpenID Connect callback: only the provider's municipality, state bound to "
            "this session; tested in tests/identity/test_oidc_staff.py",
        ),
    ),
    *both("/backoffice/inwoners/", Entry(body={"q": "national_number"})),
    *both(
        "/backoffice/zoeken/",
        Entry(
            body={"q": "national_number"},
            also={"q": ("case_number", "report_token", "payment_reference", "enterprise_number")},
        ),
    ),
    *both(
        "/backoffice/inwoners/<int:person_id>/",
        Entry(path={"person_id": "person"}, base={"purpose": "Counter visit"}),
    ),
    *both("/backoffice/gemeenten/"),
    *both(
        "/backoffice/gemeenten/<int:municipality_id>/contact/",
        Entry(
            path={"municipality_id": "municipality"},
            base={"phone": "056 00 00 00", "hours_mon": "08:30-12:00"},
        ),
    ),
    # Role administration of a municipality (docs/identity.md).
    *both(
        "/backoffice/gemeenten/<int:municipality_id>/medewerkers/",
        Entry(
            path={"municipality_id": "municipality"},
            body={"user_id": "staff_user", "department_id": "department"},
            base={"role": "clerk"},
            touches=("tenancy_membership", "tenancy_staffaccessevent"),
        ),
    ),
    *both(
        "/backoffice/gemeenten/<int:municipality_id>/medewerkers/rollen/<int:membership_id>/intrekken/",
        Entry(
            path={"municipality_id": "municipality", "membership_id": "membership"},
            touches=("tenancy_membership", "tenancy_staffaccessevent"),
        ),
    ),
    *both(
        "/backoffice/gemeenten/<int:municipality_id>/medewerkers/<int:user_id>/tweestapsverificatie/herstellen/",
        Entry(
            path={"municipality_id": "municipality", "user_id": "staff_user"},
            touches=(
                "otp_totp_totpdevice",
                "otp_static_staticdevice",
                "otp_static_statictoken",
                "tenancy_staffaccessevent",
            ),
        ),
    ),
    # The staff member's own sign-in steps and security page: no identifier of anyone else;
    # they write only the caller's own devices (and password).
    *both("/backoffice/beveiliging/", Entry(touches=_OWN_DEVICES)),
    *both(
        "/backoffice/beveiliging/wachtwoord/",
        Entry(touches=("accounts_user",)),
    ),
    *both("/backoffice/beveiliging/herstelcodes/", Entry(touches=_OWN_DEVICES)),
    *both("/backoffice/tweestapsverificatie/instellen/", Entry(touches=_OWN_DEVICES)),
    *both("/backoffice/tweestapsverificatie/controle/", Entry(touches=_OWN_DEVICES)),
    *both("/<slug:slug>/", Entry(path={"slug": "slug"}, public=True)),
]

_TICKET_WRITES = ("queue_ticket", "queue_ticketevent", "queue_queuecounter")

_QUEUE = [
    *both(
        "/wachtrij/<int:office_id>/",
        Entry(path={"office_id": "office"}, public=True, touches=_TICKET_WRITES),
    ),
    *both(
        "/wachtrij/<int:office_id>/kiosk/",
        Entry(path={"office_id": "office"}, public=True, touches=_TICKET_WRITES),
    ),
    *both("/wachtrij/<int:office_id>/scherm/", Entry(path={"office_id": "office"}, public=True)),
    *both("/wachtrij/<int:office_id>/qr.svg", Entry(path={"office_id": "office"}, public=True)),
    *both(
        "/wachtrij/ticket/<str:token>/",
        # The token is the ticket's secret address: whoever holds it may see and cancel it.
        Entry(path={"token": "ticket_token"}, public=True, touches=_TICKET_WRITES),
    ),
    *both(
        "/wachtrij/ticket/<str:token>/qr.svg", Entry(path={"token": "ticket_token"}, public=True)
    ),
    *both("/backoffice/wachtrij/"),
    *both(
        "/backoffice/wachtrij/kantoor/<int:office_id>/wachtrijen/",
        Entry(
            path={"office_id": "office"},
            base={"letter": "C", "name_nl": "Rijbewijzen", "name_fr": "Permis", "position": "2"},
        ),
    ),
    *both(
        "/backoffice/wachtrij/kantoor/<int:office_id>/ticket/",
        Entry(path={"office_id": "office"}, base={"queue": "1"}),
    ),
    *both("/backoffice/wachtrij/balie/<int:desk_id>/", P(desk_id="desk")),
    *both("/backoffice/wachtrij/balie/<int:desk_id>/volgende/", P(desk_id="desk")),
    *both(
        "/backoffice/wachtrij/balie/<int:desk_id>/open/",
        Entry(path={"desk_id": "desk"}, base={"open": "1"}),
    ),
    *both(
        "/backoffice/wachtrij/balie/<int:desk_id>/afspraken/<int:appointment_id>/",
        P(desk_id="desk", appointment_id="absent"),
    ),
    *both(
        "/backoffice/wachtrij/tickets/<int:ticket_id>/status/",
        Entry(path={"ticket_id": "ticket"}, base={"to_status": "cancelled"}),
    ),
]

MATRIX: dict[str, Entry] = dict(
    [
        *API,
        *ADMIN,
        *_PAYMENTS,
        *_ACTIVITIES,
        *OPEN311,
        *_REPORTS,
        *_NOTIFY,
        *_DOCUMENTS,
        *_CATALOG_AND_CASES,
        *_ASSISTANT,
        *_RESOURCES,
        *APPOINTMENTS_HTML,
        *APPOINTMENTS_API,
        *CRM_HTML,
        *CRM_API,
        *PARTICIPATION_HTML,
        *MANDATES_HTML,
        *PARTICIPATION_API,
        *WASTE_HTML,
        *COUNCIL_HTML,
        *COUNCIL_API,
        *OPENDATA_HTML,
        *INSIGHTS_HTML,
        *CONTACT_CENTRE_HTML,
        *CONTACT_CENTRE_API,
        *_WEB,
        *_QUEUE,
    ]
)
