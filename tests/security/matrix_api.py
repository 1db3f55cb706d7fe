"""Matrix entries of the machine entry points: /api/v1 (by OpenAPI path and method), Open311
and Django's admin."""

from __future__ import annotations

from tests.security.entries import (
    ADMIN_EXEMPT,
    ADMIN_OBJECT,
    CERTIFICATE_ANSWERS,
    FMT,
    PUBLIC,
    Entry,
    P,
    both,
    get_post,
    one,
)

_API_ACTIVITY_REGISTRATION = Entry(path={"registration_id": "activity_registration"})
_API_ACTIVITIES = [
    *one(
        "GET /api/v1/activities",
        Entry(body={"municipality_nis_code": "nis_code"}, public=True),
    ),
    *one("GET /api/v1/activities/{activity_id}", Entry(path={"activity_id": "activity"})),
    *one(
        "POST /api/v1/activities",
        Entry(
            body={"municipality_nis_code": "nis_code"},
            base={
                "municipality_nis_code": "own:nis_code",
                "kind": "camp",
                "title_nl": "Kamp",
                "price_resident_cents": 1000,
                "price_non_resident_cents": 2000,
                "opens_residents_at": "2031-01-01T09:00:00Z",
                "opens_everyone_at": "2031-01-02T09:00:00Z",
                "closes_at": "2031-02-01T09:00:00Z",
            },
            touches=("activities_activity",),
        ),
    ),
    *one(
        "POST /api/v1/activities/{activity_id}/periods",
        Entry(
            path={"activity_id": "activity"},
            base={
                "label": "Week 2",
                "starts_on": "2031-07-14",
                "ends_on": "2031-07-18",
                "capacity": 10,
            },
            touches=("activities_period", "activities_seat"),
        ),
    ),
    *one(
        "POST /api/v1/activities/registrations",
        Entry(
            body={"child_id": "child", "period_id": "period"},
            base={"period_id": "own:period", "child_id": "absent"},
            headers={"Idempotency-Key": "unique"},
            touches=("activities_registration",),
        ),
    ),
    *one("GET /api/v1/activities/registrations/mine"),
    *one("GET /api/v1/activities/registrations/{registration_id}", _API_ACTIVITY_REGISTRATION),
    *one(
        "POST /api/v1/activities/registrations/{registration_id}/cancel",
        _API_ACTIVITY_REGISTRATION,
    ),
    *one(
        "POST /api/v1/activities/registrations/{registration_id}/accept",
        _API_ACTIVITY_REGISTRATION,
    ),
    *one(
        "GET /api/v1/activities/periods/{period_id}/registrations",
        Entry(path={"period_id": "period"}),
    ),
    *one(
        # Staff register a child for a parent: the period in the path, the parent and the
        # child in the body, each resolved through the actor.
        "POST /api/v1/activities/periods/{period_id}/registrations",
        Entry(
            path={"period_id": "period"},
            body={"parent_id": "person", "child_id": "child"},
            base={"parent_id": "own:person", "child_id": "absent", "channel": "counter"},
            headers={"Idempotency-Key": "unique"},
            touches=(
                "activities_registration",
                "activities_registrationevent",
                "activities_seat",
                "procrastinate_jobs",
            ),
        ),
    ),
]

API = [
    *one(
        "POST /api/v1/queue/offices/{office_id}/tickets",
        Entry(
            path={"office_id": "office"},
            body={"queue_id": "queue"},
            public=True,
            touches=("queue_ticket", "queue_ticketevent", "queue_queuecounter"),
        ),
    ),
    *one("GET /api/v1/queue/tickets/{token}", Entry(path={"token": "ticket_token"}, public=True)),
    *one(
        "GET /api/v1/queue/offices/{office_id}/display",
        Entry(path={"office_id": "office"}, public=True),
    ),
    *one("POST /api/v1/queue/desks/{desk_id}/call-next", P(desk_id="desk")),
    *_API_ACTIVITIES,
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
        "GET /api/v1/search",
        Entry(
            body={"q": "national_number"},
            also={"q": ("case_number", "report_token", "payment_reference", "enterprise_number")},
        ),
    ),
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
                "notify_notificationattachment",
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
    *one(
        "GET /api/v1/resources",
        Entry(body={"municipality_nis_code": "nis_code"}, public=True),
    ),
    *one(
        "GET /api/v1/resources/{resource_id}", Entry(path={"resource_id": "resource"}, public=True)
    ),
    *one(
        "GET /api/v1/resources/{resource_id}/availability",
        Entry(
            path={"resource_id": "resource"},
            base={"start": "2030-01-01", "end": "2030-02-01"},
            public=True,
        ),
    ),
    *one(
        "POST /api/v1/resources",
        Entry(
            body={"municipality_nis_code": "nis_code"},
            base={
                "municipality_nis_code": "own:nis_code",
                "kind": "hall",
                "name_nl": "Zaal",
                "tariffs": [{"category": "resident", "price_cents": 1000}],
            },
            touches=(
                "resources_resource",
                "resources_tariff",
                "resources_openingwindow",
                "resources_resourceunit",
            ),
        ),
    ),
    *one(
        "PUT /api/v1/resources/{resource_id}",
        Entry(
            path={"resource_id": "resource"},
            base={
                "kind": "hall",
                "name_nl": "Zaal",
                "tariffs": [{"category": "resident", "price_cents": 1000}],
            },
        ),
    ),
    *one("GET /api/v1/bookings"),
    *one(
        "POST /api/v1/bookings",
        Entry(
            body={"resource_id": "resource"},
            base={
                "starts_at": "2030-03-01T10:00:00+01:00",
                "ends_at": "2030-03-01T12:00:00+01:00",
                "category": "resident",
            },
            public=True,
            touches=(
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
            ),
        ),
    ),
    *one("GET /api/v1/bookings/{booking_id}", P(booking_id="booking")),
    *one("GET /api/v1/bookings/{booking_id}/history", P(booking_id="booking")),
    *one(
        "POST /api/v1/bookings/{booking_id}/transitions",
        Entry(path={"booking_id": "booking"}, base={"to_status": "cancelled", "reason": "No"}),
    ),
]

ADMIN = [
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

OPEN311 = [
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
