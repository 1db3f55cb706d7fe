"""The queue API: take a ticket, read it, the display, call next (401/403/404, errors)."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.accounts.services import api_client_create
from loket.appointments.models import Closure
from loket.queue.models import Ticket
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.queue.helpers import desk_make, office_make, queue_make

pytestmark = pytest.mark.django_db


def _token_client(municipality: Municipality, role: Role = Role.INTEGRATION) -> Client:
    _, token = api_client_create(
        name="Desk software", region=municipality.region, municipality=municipality, role=role
    )
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_kiosk_takes_a_ticket_and_reads_its_estimate(client, office, queue) -> None:
    taken = client.post(
        f"/api/v1/queue/offices/{office.pk}/tickets",
        {"queue_id": queue.pk, "language": "fr"},
        content_type="application/json",
    )

    assert taken.status_code == 201
    body = taken.json()
    assert body["code"] == "A-001"
    assert body["status"] == "waiting"
    assert body["people_ahead"] == 0
    assert body["estimated_minutes"] is None  # no desk open yet
    read = client.get(f"/api/v1/queue/tickets/{body['token']}")
    assert read.status_code == 200
    assert read.json()["code"] == "A-001"


def test_an_unknown_queue_is_a_translated_422_and_writes_nothing(client, office) -> None:
    other = queue_make(office_make(office.municipality, name="Elders"), "Z")

    response = client.post(
        f"/api/v1/queue/offices/{office.pk}/tickets",
        {"queue_id": other.pk},
        content_type="application/json",
        headers={"Accept-Language": "fr"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "queue": ["Choisissez une des files d'attente de ce bureau."]
    }
    assert Ticket.objects.count() == 0


def test_a_closed_office_is_a_422(client, office, queue) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    Closure.objects.create(office=office, first_day=today, last_day=today)

    response = client.post(
        f"/api/v1/queue/offices/{office.pk}/tickets",
        {"queue_id": queue.pk},
        content_type="application/json",
        headers={"Accept-Language": "en"},
    )

    assert response.status_code == 422
    assert response.json()["error"]["message"] == (
        "The office is closed now. Come back during its opening hours."
    )
    assert Ticket.objects.count() == 0


def test_an_unknown_office_or_token_is_404(client) -> None:
    assert client.get("/api/v1/queue/offices/999999/display").status_code == 404
    assert client.get("/api/v1/queue/tickets/not-a-token").status_code == 404


def test_call_next_needs_a_token(client, desk) -> None:
    assert client.post(f"/api/v1/queue/desks/{desk.pk}/call-next").status_code == 401


def test_desk_software_calls_next_and_the_display_shows_it(
    client, municipality, office, queue, desk
) -> None:
    client.post(
        f"/api/v1/queue/offices/{office.pk}/tickets",
        {"queue_id": queue.pk},
        content_type="application/json",
    )
    software = _token_client(municipality)

    called = software.post(f"/api/v1/queue/desks/{desk.pk}/call-next")
    display = client.get(f"/api/v1/queue/offices/{office.pk}/display")

    assert called.status_code == 200
    assert called.json()["ticket"]["code"] == "A-001"
    assert called.json()["ticket"]["desk_name"] == "Balie 1"
    assert display.json()["called"][0]["code"] == "A-001"
    assert display.json()["queues"] == [
        {"queue_id": queue.pk, "letter": "A", "name": "Identiteitskaarten", "waiting": 0}
    ]
    empty = software.post(f"/api/v1/queue/desks/{desk.pk}/call-next")
    assert empty.status_code == 422  # the ticket is still at the desk


def test_a_desk_of_another_municipality_is_404(client, office, queue, other_municipality) -> None:
    desk = desk_make(office, "Balie 7")
    client.post(
        f"/api/v1/queue/offices/{office.pk}/tickets",
        {"queue_id": queue.pk},
        content_type="application/json",
    )

    response = _token_client(other_municipality).post(f"/api/v1/queue/desks/{desk.pk}/call-next")

    assert response.status_code == 404
    assert Ticket.objects.get().status == "waiting"
