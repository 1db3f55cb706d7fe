"""Staff reading residents' appointments leave a row in each resident's access log, as the
rest of the back office does (the purpose is not asked, like a case's page): the
appointment's page, the office's calendar and the API's appointment. Another
municipality's staff get 404 and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from loket.accounts.services import api_client_create
from loket.appointments.models import Appointment, Desk, OfficeProduct
from loket.appointments.services import Holder, appointment_book
from loket.audit.models import AccessLogEntry
from loket.people.models import Person
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.appointments.helpers import at, next_open_day
from tests.factories import PersonFactory, staff_member
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def _booked(office_product: OfficeProduct, person: Person | None, hour: int) -> Appointment:
    if person is not None:
        actor, holder = actor_for_resident(person.pk), Holder(person=person)
    else:
        actor = actor_for_user(staff_member(office_product.municipality, Role.CLERK))
        holder = Holder(name="Gast Zonderregister", email="gast@example.test")
    return appointment_book(
        actor=actor,
        office_product=office_product,
        starts_at=at(next_open_day(), hour),
        holder=holder,
    ).appointment


def _rows() -> list[tuple[Any, ...]]:
    return list(
        AccessLogEntry.objects.order_by("pk").values_list(
            "person_id", "user_id", "municipality_id", "role", "purpose", "what", "channel"
        )
    )


def test_the_appointments_page_is_in_the_residents_access_log(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    resident = PersonFactory(municipality=municipality, preferred_language="en")
    appointment = _booked(office_product, resident, 10)
    clerk = staff_member(municipality, Role.CLERK)
    client = Client()
    client.force_login(clerk)

    page = client.get(f"/backoffice/afspraken/{appointment.pk}/")

    assert page.status_code == 200
    assert resident.full_name in page.content.decode()
    assert _rows() == [
        (
            resident.pk,
            clerk.pk,
            municipality.pk,
            Role.CLERK,
            "case_handling",
            "appointment details",
            "web",
        )
    ]
    # The resident sees who looked, on their own page.
    mine = Client()
    sign_in_resident(mine, resident)
    assert "Appointment details" in mine.get("/mijn/").content.decode()


def test_a_refused_change_shows_the_page_again_without_a_second_row(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    resident = PersonFactory(municipality=municipality)
    appointment = _booked(office_product, resident, 10)
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))

    opened = client.get(f"/backoffice/afspraken/{appointment.pk}/")
    refused = client.post(f"/backoffice/afspraken/{appointment.pk}/status/", {"to_status": "x"})

    assert (opened.status_code, refused.status_code) == (200, 422)
    assert [row[0] for row in _rows()] == [resident.pk]  # as on a payment's page


def test_the_calendar_logs_each_resident_it_names_once(
    municipality: Municipality, office_product: OfficeProduct, desk: Desk
) -> None:
    ann, bert = PersonFactory(municipality=municipality), PersonFactory(municipality=municipality)
    _booked(office_product, ann, 9)
    _booked(office_product, ann, 10)
    _booked(office_product, bert, 11)
    _booked(office_product, None, 13)  # a guest outside the register: nobody to log
    head = staff_member(municipality, Role.DEPARTMENT_HEAD)
    client = Client()
    client.force_login(head)

    page = client.get(
        f"/backoffice/afspraken/kantoren/{office_product.office_id}/",
        {"datum": next_open_day().isoformat()},
    )

    assert page.status_code == 200
    assert "Gast Zonderregister" in page.content.decode()
    assert sorted(_rows()) == sorted(
        (person.pk, head.pk, municipality.pk, Role.DEPARTMENT_HEAD, "case_handling",
         "appointment calendar", "web")
        for person in (ann, bert)
    )  # fmt: skip


def test_a_day_without_residents_of_the_register_logs_nothing(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    _booked(office_product, None, 9)
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))

    page = client.get(
        f"/backoffice/afspraken/kantoren/{office_product.office_id}/",
        {"datum": next_open_day().isoformat()},
    )

    assert page.status_code == 200
    assert _rows() == []


def test_another_municipalitys_staff_get_404_and_nothing_is_written(
    municipality: Municipality, other_municipality: Municipality, office_product: OfficeProduct
) -> None:
    appointment = _booked(office_product, PersonFactory(municipality=municipality), 10)
    client = Client()
    client.force_login(staff_member(other_municipality, Role.DEPARTMENT_HEAD))

    assert client.get(f"/backoffice/afspraken/{appointment.pk}/").status_code == 404
    assert (
        client.get(f"/backoffice/afspraken/kantoren/{office_product.office_id}/").status_code == 404
    )
    assert client.post(f"/backoffice/afspraken/{appointment.pk}/status/").status_code == 404
    _client, token = api_client_create(
        name="Menen", region=other_municipality.region, municipality=other_municipality
    )
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get(f"/api/v1/appointments/{appointment.pk}").status_code == 404
    assert _rows() == []


def test_the_api_read_of_an_appointment_is_logged_for_the_integration(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    resident = PersonFactory(municipality=municipality)
    appointment = _booked(office_product, resident, 10)
    _client, token = api_client_create(
        name="Afsprakenzuil", region=municipality.region, municipality=municipality
    )

    response = Client(headers={"Authorization": f"Bearer {token}"}).get(
        f"/api/v1/appointments/{appointment.pk}"
    )

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.person_id, entry.user_id, entry.api_client_name) == (
        resident.pk,
        None,
        "Afsprakenzuil",
    )
    assert (entry.municipality_id, entry.purpose, entry.what, entry.channel) == (
        municipality.pk,
        "integration",
        "appointment details",
        "api",
    )
