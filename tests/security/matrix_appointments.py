"""Matrix entries of the appointments pages and endpoints (the meaning of the values:
tests/security/matrix.py). Offices and what they take appointments for are public (a
municipality's website lists them); appointments, desks and the set-up are not."""

from __future__ import annotations

from tests.security.entries import PUBLIC, Entry, P, both, one

_TOUCHES = (
    "appointments_appointment",
    "appointments_appointmentevent",
    "appointments_managelink",
    "appointments_guestmessage",
    "notify_notification",
    "notify_notificationattachment",
    "procrastinate_jobs",
)
_ABSENT_TOKEN = Entry(path={"token": "absent"}, touches=_TOUCHES)
_OFFICE = P(office_id="office")
_SLOT = {"starts_at": "2030-01-07T10:00"}

APPOINTMENTS_HTML = [
    *both("/afspraken/geboekt/", PUBLIC),
    *both("/afspraken/beheer/<str:token>/", _ABSENT_TOKEN),
    *both("/afspraken/beheer/<str:token>/verplaatsen/", _ABSENT_TOKEN),
    *both("/afspraken/beheer/<str:token>/annuleren/", _ABSENT_TOKEN),
    *both(
        "/afspraken/agenda/<int:desk_id>/<str:token>.ics",
        P(desk_id="desk", token="absent"),
    ),
    *both("/mijn/afspraken/"),
    *both(
        "/mijn/afspraken/<int:appointment_id>/verplaatsen/",
        Entry(path={"appointment_id": "appointment"}, base=_SLOT),
    ),
    *both("/mijn/afspraken/<int:appointment_id>/annuleren/", P(appointment_id="appointment")),
    *both("/backoffice/afspraken/"),
    *both("/backoffice/afspraken/<int:appointment_id>/", P(appointment_id="appointment")),
    *both(
        "/backoffice/afspraken/<int:appointment_id>/status/",
        Entry(path={"appointment_id": "appointment"}, base={"to_status": "cancelled"}),
    ),
    *both(
        "/backoffice/afspraken/<int:appointment_id>/verplaatsen/",
        Entry(path={"appointment_id": "appointment"}, base=_SLOT),
    ),
    *both(
        "/backoffice/afspraken/kantoren/nieuw/",
        Entry(
            body={"municipality": "municipality"},
            base={
                "municipality": "own:municipality",
                "name_nl": "Loket Zuid",
                "address_street": "Markt 1",
                "address_postal_code": "8930",
                "address_locality": "Menen",
                "slot_minutes": "15",
                "booking_days_ahead": "60",
                "hours_mon": "09:00-12:00",
            },
            touches=("appointments_office", "appointments_openinghours"),
        ),
    ),
    *both("/backoffice/afspraken/kantoren/<int:office_id>/", _OFFICE),
    *both(
        "/backoffice/afspraken/kantoren/<int:office_id>/boeken/",
        Entry(
            path={"office_id": "office"},
            base={**_SLOT, "name": "Jan", "email": "jan@example.test", "channel": "phone"},
        ),
    ),
    *both("/backoffice/afspraken/kantoren/<int:office_id>/instellingen/", _OFFICE),
    *both(
        "/backoffice/afspraken/kantoren/<int:office_id>/sluitingen/",
        # Confirmed: the closure cancels the office's appointments of those days.
        Entry(
            path={"office_id": "office"},
            base={"first_day": "2030-01-01", "last_day": "2030-01-02", "cancel_booked": "on"},
            touches=("appointments_closure", *_TOUCHES),
        ),
    ),
    *both(
        "/backoffice/afspraken/kantoren/<int:office_id>/sluitingen/<int:closure_id>/verwijderen/",
        P(office_id="office", closure_id="closure"),
    ),
    *both(
        "/backoffice/afspraken/kantoren/<int:office_id>/uitzonderingen/",
        Entry(
            path={"office_id": "office"},
            base={"date": "2030-01-01", "opens_at": "17:00", "closes_at": "19:00"},
        ),
    ),
    *both(
        "/backoffice/afspraken/kantoren/<int:office_id>/uitzonderingen/<int:special_id>/verwijderen/",
        P(office_id="office", special_id="special_hours"),
    ),
    *both(
        "/backoffice/afspraken/kantoren/<int:office_id>/producten/",
        Entry(
            path={"office_id": "office"},
            # Catalogue products are regional, shared by every municipality.
            body={"product": "fixed:1"},
            base={"duration_minutes": "15", "max_open_per_person": "2"},
        ),
    ),
    *both(
        "/backoffice/afspraken/kantoren/<int:office_id>/loketten/nieuw/",
        Entry(path={"office_id": "office"}, body={"products": "fixed:1"}, base={"name": "Loket 9"}),
    ),
    *both(
        "/backoffice/afspraken/loketten/<int:desk_id>/",
        Entry(path={"desk_id": "desk"}, base={"name": "Loket 9"}),
    ),
    *both("/backoffice/afspraken/loketten/<int:desk_id>/agenda-adres/", P(desk_id="desk")),
    *both("/backoffice/afspraken/loketten/<int:desk_id>/agenda-adres/stoppen/", P(desk_id="desk")),
    *both("/<slug:slug>/afspraken/", Entry(path={"slug": "slug"}, public=True)),
    *both(
        "/<slug:slug>/afspraken/<slug:code>/",
        Entry(path={"slug": "slug", "code": "fixed:eid-card"}, public=True, touches=_TOUCHES),
    ),
]

APPOINTMENTS_API = [
    *one(
        "GET /api/v1/municipalities/{nis_code}/offices",
        Entry(path={"nis_code": "nis_code"}, public=True),
    ),
    *one(
        "GET /api/v1/offices/{office_id}/products/{product_code}/slots",
        Entry(
            path={"office_id": "office", "product_code": "fixed:eid-card"},
            base={"date_from": "2030-01-07", "date_to": "2030-01-08"},
            public=True,
        ),
    ),
    *one(
        "POST /api/v1/appointments",
        Entry(
            body={"office_id": "office"},
            base={
                "product_code": "eid-card",
                "starts_at": "2030-01-07T10:00:00+01:00",
                "name": "Jan",
                "email": "jan@example.test",
            },
            public=True,
            touches=_TOUCHES,
        ),
    ),
    *one("GET /api/v1/appointments/manage/{token}", _ABSENT_TOKEN),
    *one(
        "POST /api/v1/appointments/manage/{token}/reschedule",
        Entry(path={"token": "absent"}, base={"starts_at": "2030-01-07T10:00:00+01:00"}),
    ),
    *one("POST /api/v1/appointments/manage/{token}/cancel", _ABSENT_TOKEN),
    *one("GET /api/v1/appointments", Entry(body={"office_id": "office"})),
    *one("GET /api/v1/appointments/{appointment_id}", P(appointment_id="appointment")),
    *one(
        "POST /api/v1/offices/{office_id}/appointments",
        Entry(
            path={"office_id": "office"},
            body={"person_id": "person"},
            base={
                "product_code": "eid-card",
                "starts_at": "2030-01-07T10:00:00+01:00",
                "name": "Jan",
                "email": "jan@example.test",
            },
            also={"person_id": ("brussels_person",)},
            touches=_TOUCHES,
        ),
    ),
    *one(
        "POST /api/v1/appointments/{appointment_id}/reschedule",
        Entry(
            path={"appointment_id": "appointment"},
            base={"starts_at": "2030-01-07T10:00:00+01:00"},
        ),
    ),
    *one(
        "POST /api/v1/appointments/{appointment_id}/status",
        Entry(path={"appointment_id": "appointment"}, base={"to_status": "cancelled"}),
    ),
    *one("GET /api/v1/me/appointments"),
]
