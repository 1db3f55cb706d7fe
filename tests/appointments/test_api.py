"""The appointments API: public offices, slots, booking and the manage token; staff
endpoints with 401/403/404 (another municipality's office, appointment and resident, in the
path and in the body) and the error format."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from loket.accounts.services import api_client_create
from loket.appointments.models import Appointment, ManageLink, OfficeProduct
from loket.appointments.services import Holder, appointment_book
from loket.identity.services import SESSION_KEY
from loket.tenancy.access import ANONYMOUS, actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.appointments.helpers import at, next_open_day, office_with_desks
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db


def _integration(municipality: Municipality) -> Client:
    _, token = api_client_create(
        name="Kiosk", region=municipality.region, municipality=municipality, role=Role.INTEGRATION
    )
    return Client(headers={"Authorization": f"Bearer {token}"})


def _guest(office_product: OfficeProduct, starts_at: str, **extra: Any) -> dict[str, Any]:
    return {
        "office_id": office_product.office_id,
        "product_code": office_product.product.code,
        "starts_at": starts_at,
        "name": "Ann Desmet",
        "email": "ann@example.test",
        "language": "en",
        **extra,
    }


def _booked(office_product: OfficeProduct, hour: int = 9) -> Appointment:
    return appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(next_open_day(), hour),
        holder=Holder(name="Ann", email=f"ann{hour}@example.test"),
    ).appointment


def test_the_offices_of_a_municipality_are_public(
    client: Client, municipality: Municipality, office_product: OfficeProduct
) -> None:
    response = client.get(f"/api/v1/municipalities/{municipality.nis_code}/offices")
    assert response.status_code == 200
    [office] = response.json()
    assert office["id"] == office_product.office_id
    assert office["municipality_nis_code"] == municipality.nis_code
    assert office["products"] == [
        {
            "product_code": "eid-card",
            "product_name": office_product.product.name_nl,
            "duration_minutes": 15,
            "bring": "Uw oude kaart",
            "max_open_per_person": 2,
        }
    ]
    assert len(office["opening_hours"]) == 10
    assert client.get("/api/v1/municipalities/00000/offices").status_code == 404


def test_the_offices_endpoint_finds_the_municipality_through_the_public_selector(
    client: Client,
    municipality: Municipality,
    office_product: OfficeProduct,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("loket.appointments.api.municipalities_public", Municipality.objects.none)
    response = client.get(f"/api/v1/municipalities/{municipality.nis_code}/offices")
    assert response.status_code == 404


def test_free_slots_and_their_capacity(client: Client, office_product: OfficeProduct) -> None:
    day = next_open_day()
    _booked(office_product, 9)
    url = f"/api/v1/offices/{office_product.office_id}/products/eid-card/slots"
    response = client.get(url, {"date_from": day.isoformat(), "date_to": day.isoformat()})
    assert response.status_code == 200
    slots = response.json()
    assert len(slots) == 6 * 4 - 1  # 09:00-12:00 and 13:00-16:00 by 15 minutes, one taken
    assert dt.datetime.fromisoformat(slots[0]["starts_at"]) == at(day, 9, 15)
    assert (slots[0]["capacity"], slots[0]["free"]) == (1, 1)
    all_slots = client.get(
        url, {"date_from": day.isoformat(), "date_to": day.isoformat(), "only_free": "false"}
    ).json()
    assert (all_slots[0]["capacity"], all_slots[0]["free"]) == (1, 0)
    too_long = client.get(url, {"date_from": "2027-01-01", "date_to": "2027-03-01"})
    assert too_long.status_code == 422
    assert (
        client.get(
            f"/api/v1/offices/{office_product.office_id}/products/nope/slots",
            {"date_from": day.isoformat(), "date_to": day.isoformat()},
        ).status_code
        == 404
    )


def test_book_manage_reschedule_and_cancel_with_the_token(
    client: Client, office_product: OfficeProduct
) -> None:
    day = next_open_day()
    response = client.post(
        "/api/v1/appointments",
        _guest(office_product, at(day, 10).isoformat()),
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    token = body["manage_token"]
    assert body["appointment"]["status"] == "booked"
    assert body["appointment"]["channel"] == "online"
    assert "email" not in body["appointment"]
    read = client.get(f"/api/v1/appointments/manage/{token}")
    assert read.json()["reference"] == body["appointment"]["reference"]
    moved = client.post(
        f"/api/v1/appointments/manage/{token}/reschedule",
        {"starts_at": at(day, 14).isoformat()},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert dt.datetime.fromisoformat(moved.json()["appointment"]["starts_at"]) == at(day, 14)
    new_token = moved.json()["manage_token"]
    replaced = client.post(f"/api/v1/appointments/manage/{token}/cancel")
    assert replaced.status_code == 404
    assert replaced.json()["error"]["code"] == "link_expired"
    cancelled = client.post(f"/api/v1/appointments/manage/{new_token}/cancel")
    assert cancelled.json()["status"] == "cancelled"
    expired = client.get(f"/api/v1/appointments/manage/{new_token}")
    assert expired.status_code == 404
    assert expired.json()["error"]["code"] == "link_expired"


def test_a_wrong_token_answers_404_with_its_code(client: Client) -> None:
    response = client.post("/api/v1/appointments/manage/wrong/cancel")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "link_invalid",
            "message": "Deze link is niet geldig. Gebruik de link uit uw meest recente bericht.",
            "fields": {},
        }
    }


def test_bad_bookings_get_their_code_and_write_nothing(
    client: Client, office_product: OfficeProduct
) -> None:
    day = next_open_day()
    outside = client.post(
        "/api/v1/appointments",
        _guest(office_product, at(day, 7).isoformat()),
        content_type="application/json",
    )
    assert outside.status_code == 422
    assert outside.json()["error"]["code"] == "outside_opening_hours"
    assert outside.json()["error"]["fields"] == {
        "starts_at": ["Het kantoor neemt op dat tijdstip geen afspraken hiervoor aan."]
    }
    no_contact = client.post(
        "/api/v1/appointments",
        _guest(office_product, at(day, 9).isoformat(), email=""),
        content_type="application/json",
    )
    assert no_contact.status_code == 422
    assert Appointment.objects.count() == 0
    _booked(office_product, 11)
    full = client.post(
        "/api/v1/appointments",
        _guest(office_product, at(day, 11).isoformat()),
        content_type="application/json",
    )
    assert full.status_code == 409
    assert full.json()["error"]["code"] == "slot_full"
    assert Appointment.objects.count() == 1


def test_staff_endpoints_need_a_caller_and_the_permission(
    client: Client, municipality: Municipality, office_product: OfficeProduct
) -> None:
    appointment = _booked(office_product)
    assert client.get("/api/v1/appointments").status_code == 401
    dispatcher = staff_member(municipality, Role.DISPATCHER)
    client.force_login(dispatcher)
    assert client.get("/api/v1/appointments").status_code == 403
    client.force_login(staff_member(municipality, Role.CLERK))
    listed = client.get("/api/v1/appointments")
    assert [row["id"] for row in listed.json()["items"]] == [appointment.pk]
    assert listed.json()["items"][0]["email"] == "ann9@example.test"


def test_another_municipality_answers_404_in_path_and_body(
    municipality: Municipality, other_municipality: Municipality, office_product: OfficeProduct
) -> None:
    appointment = _booked(office_product)
    foreign_resident = PersonFactory(municipality=other_municipality)
    outsider = _integration(other_municipality)
    assert outsider.get(f"/api/v1/appointments/{appointment.pk}").status_code == 404
    assert outsider.get("/api/v1/appointments").json()["items"] == []
    for url, payload in (
        (f"/api/v1/appointments/{appointment.pk}/status", {"to_status": "no_show"}),
        (
            f"/api/v1/appointments/{appointment.pk}/reschedule",
            {"starts_at": at(next_open_day(), 13).isoformat()},
        ),
        (
            f"/api/v1/offices/{office_product.office_id}/appointments",
            {
                "product_code": "eid-card",
                "starts_at": at(next_open_day(), 13).isoformat(),
                "name": "X",
                "email": "x@example.test",
            },
        ),
    ):
        response = outsider.post(url, payload, content_type="application/json")
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    own = _integration(municipality)
    response = own.post(
        f"/api/v1/offices/{office_product.office_id}/appointments",
        {
            "product_code": "eid-card",
            "starts_at": at(next_open_day(), 13).isoformat(),
            "person_id": foreign_resident.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == "booked"
    assert Appointment.objects.count() == 1


def test_an_integration_books_for_a_resident_and_records_a_no_show(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    resident = PersonFactory(municipality=municipality, email="jan@example.test")
    integration = _integration(municipality)
    response = integration.post(
        f"/api/v1/offices/{office_product.office_id}/appointments",
        {
            "product_code": "eid-card",
            "starts_at": at(next_open_day(), 13).isoformat(),
            "person_id": resident.pk,
            "channel": "phone",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["person_id"], body["email"], body["channel"]) == (
        resident.pk,
        "jan@example.test",
        "phone",
    )
    recorded = integration.post(
        f"/api/v1/appointments/{body['id']}/status",
        {"to_status": "no_show"},
        content_type="application/json",
    )
    assert recorded.json()["status"] == "no_show"
    refused = integration.post(
        f"/api/v1/appointments/{body['id']}/status",
        {"to_status": "cancelled"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "transition_not_allowed"


def test_a_resident_lists_their_own_appointments(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    resident = PersonFactory(municipality=municipality)
    _booked(office_product)  # someone else's
    mine = appointment_book(
        actor=actor_for_resident(resident.pk),
        office_product=office_product,
        starts_at=at(next_open_day(), 15),
        holder=Holder(person=resident),
    ).appointment
    client = Client()
    session = client.session
    session[SESSION_KEY] = resident.pk
    session.save()
    response = client.get("/api/v1/me/appointments")
    assert [row["id"] for row in response.json()] == [mine.pk]


def test_a_second_office_of_another_municipality_is_not_bookable_as_staff(
    other_municipality: Municipality, municipality: Municipality
) -> None:
    _office, foreign_product, _desks = office_with_desks(municipality=other_municipality)
    clerk_client = _integration(municipality)
    response = clerk_client.post(
        f"/api/v1/offices/{foreign_product.office_id}/appointments",
        {
            "product_code": "eid-card",
            "starts_at": at(next_open_day(), 13).isoformat(),
            "name": "X",
            "phone": "+32470000000",
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert Appointment.objects.count() == 0


def test_guest_bookings_from_one_address_are_limited_with_429(
    client: Client, office_product: OfficeProduct, settings: Any
) -> None:
    settings.LOKET_APPOINTMENTS_GUEST_BOOKINGS_PER_MINUTE = 1
    day = next_open_day()
    first = client.post(
        "/api/v1/appointments",
        _guest(office_product, at(day, 9).isoformat()),
        content_type="application/json",
    )
    assert first.status_code == 201
    refused = client.post(
        "/api/v1/appointments",
        _guest(office_product, at(day, 10).isoformat()),
        content_type="application/json",
        headers={"accept-language": "en"},
    )
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "throttled"
    assert refused.json()["error"]["message"] == (
        "Many bookings came from your connection in a short time. "
        "Please wait a minute and try again."
    )
    assert Appointment.objects.count() == 1
    assert ManageLink.objects.count() == 1
