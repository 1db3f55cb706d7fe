"""Staff reading who booked leave a row in that resident's access log, as the rest of the
back office does (the purpose is not asked, like a case's page): a booking's page and the
lists of reservations. Another municipality's staff get 404 and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from loket.audit.models import AccessLogEntry
from loket.resources.models import Booking, Resource
from loket.resources.services import booking_request
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member
from tests.resources.helpers import at
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def _book(resource: Resource, person: Any, days: int) -> Booking:
    return booking_request(
        actor=actor_for_resident(person.pk), resource_id=resource.pk, starts_at=at(days, 9),
        ends_at=at(days, 11), category="resident",
    )  # fmt: skip


def _rows() -> list[tuple[Any, ...]]:
    return list(
        AccessLogEntry.objects.order_by("pk").values_list(
            "person_id", "user_id", "municipality_id", "role", "purpose", "what", "channel"
        )
    )


def test_a_bookings_page_is_in_the_residents_access_log(
    approval_hall: Resource, booker: Any, municipality: Municipality
) -> None:
    booking = _book(approval_hall, booker, 5)
    handler = staff_member(municipality, Role.HANDLER)
    client = Client()
    client.force_login(handler)

    page = client.get(f"/backoffice/reservaties/{booking.pk}/")
    refused = client.post(f"/backoffice/reservaties/{booking.pk}/", {"to_status": "refused"})
    approved = client.post(f"/backoffice/reservaties/{booking.pk}/", {"to_status": "approved"})

    assert page.status_code == 200
    assert booker.full_name in page.content.decode()
    assert refused.status_code == 400  # the same read shown again, as on a payment's page
    assert approved.status_code == 302
    assert _rows() == [
        (booker.pk, handler.pk, municipality.pk, Role.HANDLER, "case_handling",
         "reservation details", "web"),
    ]  # fmt: skip
    mine = Client()
    sign_in_resident(mine, booker)
    assert "Reservation details" in mine.get("/mijn/").content.decode()


def test_the_list_of_reservations_logs_each_resident_shown_once(
    approval_hall: Resource, hall: Resource, booker: Any, municipality: Municipality
) -> None:
    other = PersonFactory(municipality=municipality)
    _book(approval_hall, booker, 5)  # waiting for approval: in both lists
    _book(hall, booker, 6)
    _book(hall, other, 7)
    handler = staff_member(municipality, Role.HANDLER)
    client = Client()
    client.force_login(handler)

    page = client.get("/backoffice/reservaties/")

    assert page.status_code == 200
    assert sorted(_rows()) == sorted(
        (person.pk, handler.pk, municipality.pk, Role.HANDLER, "case_handling",
         "list of reservations", "web")
        for person in (booker, other)
    )  # fmt: skip


def test_another_municipalitys_staff_get_404_and_nothing_is_written(
    approval_hall: Resource, booker: Any, other_municipality: Municipality
) -> None:
    booking = _book(approval_hall, booker, 5)
    client = Client()
    client.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))

    assert client.get(f"/backoffice/reservaties/{booking.pk}/").status_code == 404
    assert (
        client.post(f"/backoffice/reservaties/{booking.pk}/", {"to_status": "x"}).status_code == 404
    )
    listed = client.get("/backoffice/reservaties/")
    assert listed.status_code == 200
    assert booker.full_name not in listed.content.decode()
    assert _rows() == []
