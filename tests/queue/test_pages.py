"""The queue pages: kiosk, phone page, ticket, hall display (public); desks (back office)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from loket.appointments.models import Appointment
from loket.audit.models import AccessLogEntry
from loket.queue.links import ticket_id_of
from loket.queue.models import Ticket, TicketChannel
from loket.queue.services import ticket_call_next, ticket_take
from loket.tenancy.access import ANONYMOUS
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import MunicipalityFactory, PersonFactory, staff_member
from tests.queue.helpers import desk_make, office_make
from tests.web.helpers import pages_of

pytestmark = pytest.mark.django_db


def test_the_kiosk_takes_a_ticket_and_shows_its_number_and_qr_code(client, office, queue) -> None:
    page = client.get(f"/wachtrij/{office.pk}/kiosk/")
    assert page.status_code == 200
    assert "Identiteitskaarten" in page.content.decode()

    response = client.post(f"/wachtrij/{office.pk}/kiosk/", {"queue": queue.pk})

    ticket = Ticket.objects.get()
    shown = response.content.decode()
    assert ticket.channel == "kiosk"
    assert response.status_code == 200
    assert "A-001" in shown
    token = re.search(r'src="/wachtrij/ticket/([^/"]+)/qr.svg"', shown)[1]  # type: ignore[index]
    assert ticket_id_of(token=token) == ticket.pk
    assert f'href="/wachtrij/ticket/{token}/"' not in shown
    qr = client.get(f"/wachtrij/ticket/{token}/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"


def test_the_phone_page_takes_a_ticket_and_opens_it(client, office, queue) -> None:
    response = client.post(f"/wachtrij/{office.pk}/", {"queue": queue.pk})

    ticket = Ticket.objects.get()
    assert ticket.channel == "phone"
    assert response.status_code == 302
    token = response["Location"].removeprefix("/wachtrij/ticket/").removesuffix("/")
    assert ticket_id_of(token=token) == ticket.pk
    shown = client.get(response["Location"]).content.decode()
    assert "A-001" in shown
    assert "Er is nu geen balie open." in shown


def test_the_phone_page_refuses_an_unknown_queue_and_writes_nothing(client, office, queue) -> None:
    response = client.post(f"/wachtrij/{office.pk}/", {"queue": "999999"})

    assert response.status_code == 422
    assert "Kies een van de wachtrijen van dit kantoor." in response.content.decode()
    assert Ticket.objects.count() == 0


def test_the_ticket_poll_answers_204_while_nothing_changed(client, office, queue) -> None:
    url = client.post(f"/wachtrij/{office.pk}/", {"queue": queue.pk})["Location"]

    first = client.get(url, headers={"HX-Request": "true"})
    version = "waiting-0-None"
    again = client.get(url + f"?version={version}", headers={"HX-Request": "true"})

    assert first.status_code == 200
    assert 'hx-swap-oob="innerHTML"' in first.content.decode()
    assert again.status_code == 204


def test_the_display_announces_the_called_number(client, office, queue, desk, clerk_actor) -> None:
    client.post(f"/wachtrij/{office.pk}/kiosk/", {"queue": queue.pk})
    ticket_call_next(actor=clerk_actor, desk_id=desk.pk)

    page = client.get(f"/wachtrij/{office.pk}/scherm/").content.decode()

    assert 'aria-live="assertive"' in page
    assert "A-001" in page
    assert "ga naar Balie 1" in page


def test_the_qr_code_is_an_svg(client, office) -> None:
    response = client.get(f"/wachtrij/{office.pk}/qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")


def test_a_clerk_calls_next_and_sees_the_residents_history_link(
    client, municipality, office, queue, desk
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    resident = PersonFactory(municipality=municipality)
    client.force_login(clerk)
    client.post(
        f"/backoffice/wachtrij/kantoor/{office.pk}/ticket/",
        {"queue": queue.pk, "national_number": resident.national_number},
    )

    client.post(f"/backoffice/wachtrij/balie/{desk.pk}/volgende/")
    page = client.get(f"/backoffice/wachtrij/balie/{desk.pk}/").content.decode()

    ticket = Ticket.objects.get()
    assert ticket.person_id == resident.pk
    assert ticket.status == "called"
    assert f"/backoffice/inwoners/{resident.pk}/" in page


def test_staff_of_another_municipality_get_404_for_a_desk(
    client, office, desk, other_municipality
) -> None:
    client.force_login(staff_member(other_municipality, Role.CLERK))

    assert client.get(f"/backoffice/wachtrij/balie/{desk.pk}/").status_code == 404
    assert client.post(f"/backoffice/wachtrij/balie/{desk.pk}/volgende/").status_code == 404


def test_staff_without_the_permission_get_403(client, municipality) -> None:
    client.force_login(staff_member(municipality, Role.DISPATCHER))

    assert client.get("/backoffice/wachtrij/").status_code == 403


def test_a_ticket_of_an_earlier_day_opens_a_translated_no_longer_valid_page(
    client, office, queue
) -> None:
    url = client.post(f"/wachtrij/{office.pk}/", {"queue": queue.pk})["Location"]
    ticket = Ticket.objects.get()
    Ticket.objects.filter(pk=ticket.pk).update(day=ticket.day - dt.timedelta(days=1))
    token = url.removeprefix("/wachtrij/ticket/").removesuffix("/")

    page = client.get(url, headers={"Accept-Language": "fr"})
    cancel = client.post(url)
    api = client.get(f"/api/v1/queue/tickets/{token}")

    assert page.status_code == 410
    assert "plus valable" in page.content.decode()
    assert cancel.status_code == 410
    assert api.status_code == 404
    assert Ticket.objects.get().status == "waiting"


def test_the_desk_page_logs_the_residents_of_the_appointments_it_shows(
    client, municipality, office, queue, desk
) -> None:
    clerk = staff_member(municipality, Role.CLERK)
    resident = PersonFactory(municipality=municipality)
    starts_at = timezone.now() + dt.timedelta(minutes=5)
    second_desk = desk_make(office, "Balie 2")
    for person, name, reference, at_desk in (
        (resident, resident.full_name, "AB12CD", desk),
        (None, "Gast", "EF34GH", second_desk),
    ):
        Appointment.objects.create(
            municipality=municipality, office=office, desk=at_desk,
            product=catalog_product("residence-certificate"), reference=reference,
            starts_at=starts_at, ends_at=starts_at + dt.timedelta(minutes=15), channel="online",
            person=person, name=name, holder_key=f"name:{reference}",
        )  # fmt: skip
    client.force_login(clerk)

    page = client.get(f"/backoffice/wachtrij/balie/{desk.pk}/")

    assert page.status_code == 200
    assert resident.full_name in page.content.decode()
    assert "Gast" in page.content.decode()
    assert list(
        AccessLogEntry.objects.values_list(
            "person_id", "user_id", "municipality_id", "role", "purpose", "what", "channel"
        )
    ) == [
        (resident.pk, clerk.pk, municipality.pk, Role.CLERK, "counter_visit",
         "appointments due at a desk", "web"),
    ]  # fmt: skip
    foreign = Client()
    foreign.force_login(staff_member(MunicipalityFactory(region=municipality.region), Role.CLERK))
    assert foreign.get(f"/backoffice/wachtrij/balie/{desk.pk}/").status_code == 404
    assert AccessLogEntry.objects.count() == 1


def test_the_offices_list_has_pages_and_page_2_shows_its_offices(municipality, monkeypatch) -> None:
    monkeypatch.setattr("loket.queue.views.backoffice.PAGE_SIZE", 2)
    for letter in "ABC":
        office_make(municipality, name=f"Kantoor {letter}", open_all_day=False)
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))

    first, second = pages_of(client, "/backoffice/wachtrij/")

    assert ("Kantoor A" in first, "Kantoor C" in first) == (True, False)
    assert ("Kantoor A" in second, "Kantoor C" in second) == (False, True)


def test_the_desk_says_how_many_wait_beyond_the_ten_it_shows(office, desk, queue) -> None:
    for _ in range(12):
        ticket_take(actor=ANONYMOUS, office=office, queue_id=queue.pk, channel=TicketChannel.KIOSK)
    client = Client()
    client.force_login(staff_member(office.municipality, Role.CLERK, preferred_language="en"))

    page = client.get(f"/backoffice/wachtrij/balie/{desk.pk}/").content.decode()

    assert "A-010" in page
    assert "A-011" not in page
    assert "The first 10 of 12 people waiting, in calling order." in page


def test_an_unknown_national_number_is_refused_next_to_the_field_and_kept(
    client, municipality, office, queue
) -> None:
    client.force_login(staff_member(municipality, Role.CLERK, preferred_language="en"))

    response = client.post(
        f"/backoffice/wachtrij/kantoor/{office.pk}/ticket/",
        {"queue": queue.pk, "national_number": "85.07.30-033.28", "priority": "on"},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert (
        f'<span class="field-error" id="clerk-{office.pk}-national_number-error">'
        "No resident of the region has this number.</span>"
    ) in page
    assert 'value="85.07.30-033.28"' in page
    assert f'id="clerk-{office.pk}-priority" name="priority" checked' in page
    assert Ticket.objects.count() == 0
