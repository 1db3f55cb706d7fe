"""The resources API: public resources and availability, a resident's bookings, staff
decisions and configuration; another municipality's objects answer 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from loket.accounts.models import User
from loket.identity.services import SESSION_KEY
from loket.payments.models import PaymentRequest
from loket.resources.models import Booking, Resource
from loket.resources.services import booking_request
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member
from tests.resources.helpers import at, resource_make

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _resident_client(person: Any) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    return client


def _staff_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_resources_and_their_busy_periods_are_public(hall: Resource, booker: Any) -> None:
    booking_request(
        actor=actor_for_resident(booker.pk),
        resource_id=hall.pk,
        starts_at=at(10, 14),
        ends_at=at(10, 18),
        category="resident",
    )
    anonymous = Client()

    listing = anonymous.get(f"/api/v1/resources?municipality_nis_code={hall.municipality.nis_code}")
    detail = anonymous.get(f"/api/v1/resources/{hall.pk}").json()
    start = at(10, 0).date().isoformat()
    end = at(11, 0).date().isoformat()
    busy = anonymous.get(f"/api/v1/resources/{hall.pk}/availability?start={start}&end={end}")

    assert [item["id"] for item in listing.json()["items"]] == [hall.pk]
    assert [(t["category"], t["price_cents"], t["deposit_cents"]) for t in detail["tariffs"]] == [
        ("association", 1000, 5000),
        ("commercial", 6000, 20000),
        ("resident", 2500, 10000),
    ]
    assert busy.status_code == 200
    assert [(b["quantity"], b["status"]) for b in busy.json()] == [(1, "approved")]
    assert "person" not in busy.json()[0]


def test_a_resident_books_through_the_api_and_an_overlap_answers_422(
    hall: Resource, booker: Any
) -> None:
    client = _resident_client(booker)
    body = {
        "resource_id": hall.pk,
        "starts_at": at(10, 14).isoformat(),
        "ends_at": at(10, 18).isoformat(),
        "category": "resident",
    }

    created = client.post("/api/v1/bookings", body, content_type=JSON)
    overlapping = client.post(
        "/api/v1/bookings", {**body, "starts_at": at(10, 17).isoformat()}, content_type=JSON
    )

    assert created.status_code == 201
    assert created.json()["status"] == "approved"
    assert created.json()["price_cents"] == 4 * 2500
    assert overlapping.status_code == 422
    assert overlapping.json()["error"]["fields"] == {
        "starts_at": ["Deze periode overlapt met een andere reservatie van Feestzaal De Linde. "
                      "Kies een ander tijdstip."]
    }  # fmt: skip
    assert Booking.objects.count() == 1
    assert PaymentRequest.objects.count() == 1


def test_staff_approve_and_refuse_and_another_municipality_gets_404(
    approval_hall: Resource, booker: Any, municipality: Municipality, other_municipality: Any
) -> None:
    actor = actor_for_resident(booker.pk)
    first = booking_request(
        actor=actor, resource_id=approval_hall.pk, starts_at=at(5, 9), ends_at=at(5, 11),
        category="resident",
    )  # fmt: skip
    second = booking_request(
        actor=actor, resource_id=approval_hall.pk, starts_at=at(6, 9), ends_at=at(6, 11),
        category="resident",
    )  # fmt: skip
    handler = _staff_client(staff_member(municipality, Role.HANDLER, preferred_language="en"))
    stranger = _staff_client(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))

    approved = handler.post(
        f"/api/v1/bookings/{first.pk}/transitions", {"to_status": "approved"}, content_type=JSON
    )
    no_reason = handler.post(
        f"/api/v1/bookings/{second.pk}/transitions", {"to_status": "refused"}, content_type=JSON
    )
    refused = handler.post(
        f"/api/v1/bookings/{second.pk}/transitions",
        {"to_status": "refused", "reason": "The hall is being painted."},
        content_type=JSON,
    )
    hidden = stranger.get(f"/api/v1/bookings/{first.pk}")
    hidden_move = stranger.post(
        f"/api/v1/bookings/{first.pk}/transitions", {"to_status": "cancelled", "reason": "x"},
        content_type=JSON,
    )  # fmt: skip

    assert approved.json()["status"] == "approved"
    assert no_reason.status_code == 422
    assert no_reason.json()["error"]["fields"] == {
        "reason": ["Geef de reden; de aanvrager leest ze."]
    }
    assert refused.json()["status"] == "refused"
    assert PaymentRequest.objects.get(subject_id=str(second.pk)).status == "cancelled"
    assert (hidden.status_code, hidden_move.status_code) == (404, 404)
    assert Booking.objects.get(pk=first.pk).status == "approved"
    history = handler.get(f"/api/v1/bookings/{second.pk}/history").json()
    assert [(e["kind"], e["to_status"]) for e in history] == [
        ("requested", "requested"),
        ("status_changed", "refused"),
    ]


def test_an_administrator_configures_resources_of_their_own_municipality_only(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    admin = _staff_client(staff_member(municipality, Role.MUNICIPAL_ADMIN, preferred_language="en"))
    foreign = resource_make(other_municipality)
    body = {
        "kind": "meeting_room",
        "name_nl": "Vergaderzaal 1",
        "windows": [{"weekday": 0, "opens": "09:00", "closes": "17:00"}],
        "tariffs": [{"category": "association", "price_cents": 500}],
        "requires_approval": True,
    }

    created = admin.post(
        "/api/v1/resources",
        {**body, "municipality_nis_code": municipality.nis_code},
        content_type=JSON,
    )
    elsewhere = admin.post(
        "/api/v1/resources",
        {**body, "municipality_nis_code": other_municipality.nis_code},
        content_type=JSON,
    )
    foreign_update = admin.put(f"/api/v1/resources/{foreign.pk}", body, content_type=JSON)
    invalid = admin.put(
        f"/api/v1/resources/{created.json()['id']}", {**body, "tariffs": []}, content_type=JSON
    )

    assert created.status_code == 201
    assert created.json()["requires_approval"] is True
    assert elsewhere.status_code == 422
    assert foreign_update.status_code == 404
    assert invalid.json()["error"]["fields"] == {
        "tariffs": ["Geef de prijs voor minstens één categorie."]
    }
    assert Resource.objects.filter(municipality=municipality).count() == 1
    assert Resource.objects.get(pk=foreign.pk).name_nl == "Feestzaal De Linde"


def test_a_resident_sees_only_their_own_bookings(hall: Resource, booker: Any) -> None:
    neighbour = PersonFactory(municipality=hall.municipality)
    mine = booking_request(
        actor=actor_for_resident(booker.pk), resource_id=hall.pk, starts_at=at(10, 14),
        ends_at=at(10, 16), category="resident",
    )  # fmt: skip
    theirs = booking_request(
        actor=actor_for_resident(neighbour.pk), resource_id=hall.pk, starts_at=at(11, 14),
        ends_at=at(11, 16), category="resident",
    )  # fmt: skip
    client = _resident_client(booker)

    assert [b["id"] for b in client.get("/api/v1/bookings").json()["items"]] == [mine.pk]
    assert client.get(f"/api/v1/bookings/{theirs.pk}").status_code == 404
    cancel = client.post(
        f"/api/v1/bookings/{theirs.pk}/transitions", {"to_status": "cancelled"}, content_type=JSON
    )
    assert cancel.status_code == 404
    assert Booking.objects.get(pk=theirs.pk).status == "approved"
