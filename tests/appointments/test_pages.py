"""The pages: booking without an account and with, the manage link, "my appointments",
the staff calendar, booking for a resident, recording, and setting up an office; another
municipality's objects answer 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from loket.appointments.models import (
    Appointment,
    Closure,
    Desk,
    DeskShift,
    GuestMessage,
    Office,
    OfficeProduct,
    OpeningHours,
)
from loket.appointments.services import Holder, appointment_book
from loket.identity.services import SESSION_KEY
from loket.tenancy.access import ANONYMOUS, actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.appointments.helpers import at, next_open_day, office_with_desks
from tests.factories import OfficeFactory, PersonFactory, regional_staff_member, staff_member
from tests.web.helpers import pages_of

pytestmark = pytest.mark.django_db


def _resident_client(person_id: int) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = person_id
    session.save()
    return client


def _book_url(municipality: Municipality) -> str:
    return f"/{municipality.slug}/afspraken/eid-card/"


def test_the_offices_page_lists_offices_and_products(
    client: Client, municipality: Municipality, office_product: OfficeProduct
) -> None:
    response = client.get(f"/{municipality.slug}/afspraken/")
    assert response.status_code == 200
    assert office_product.office.name_nl in response.content.decode()
    assert _book_url(municipality) in response.content.decode()


def test_a_guest_books_and_lands_on_the_confirmation(
    client: Client, municipality: Municipality, office_product: OfficeProduct
) -> None:
    day = next_open_day()
    page = client.get(_book_url(municipality), {"datum": day.isoformat()})
    assert page.status_code == 200
    assert f'value="{day.isoformat()}T09:00"' in page.content.decode()
    response = client.post(
        _book_url(municipality),
        {
            "kantoor": office_product.office_id,
            "starts_at": f"{day.isoformat()}T09:00",
            "name": "Ann Desmet",
            "email": "ann@example.test",
            "phone": "",
            "language": "nl",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/afspraken/geboekt/"
    appointment = Appointment.objects.get()
    assert appointment.starts_at == at(day, 9)
    confirmation = client.get("/afspraken/geboekt/")
    assert appointment.reference in confirmation.content.decode()
    assert Client().get("/afspraken/geboekt/").status_code == 404  # another browser


def test_a_booking_without_a_time_or_contact_shows_errors_and_writes_nothing(
    client: Client, municipality: Municipality, office_product: OfficeProduct
) -> None:
    response = client.post(
        _book_url(municipality),
        {"kantoor": office_product.office_id, "name": "", "email": "", "language": "nl"},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Kies een tijdstip." in text
    assert "Geef een e-mailadres of gsm-nummer om de bevestiging te ontvangen." in text
    assert Appointment.objects.count() == 0


def test_a_full_slot_on_the_page_says_so(
    client: Client, municipality: Municipality, office_product: OfficeProduct
) -> None:
    day = next_open_day()
    appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(day, 9),
        holder=Holder(name="Bert", email="bert@example.test"),
    )
    response = client.post(
        _book_url(municipality),
        {
            "starts_at": f"{day.isoformat()}T09:00",
            "name": "Ann",
            "email": "ann@example.test",
            "language": "nl",
        },
    )
    assert response.status_code == 422
    assert "Dit tijdslot is net volzet. Kies een ander tijdstip." in response.content.decode()
    assert Appointment.objects.count() == 1


def test_the_manage_link_moves_and_cancels(client: Client, office_product: OfficeProduct) -> None:
    day = next_open_day()
    booked = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(day, 9),
        holder=Holder(name="Ann", email="ann@example.test"),
    )
    url = f"/afspraken/beheer/{booked.token}/"
    page = client.get(url, {"datum": day.isoformat()})
    assert page.status_code == 200
    assert booked.appointment.reference in page.content.decode()
    moved = client.post(url + "verplaatsen/", {"starts_at": f"{day.isoformat()}T10:30"})
    assert moved.status_code == 302
    booked.appointment.refresh_from_db()
    assert booked.appointment.starts_at == at(day, 10, 30)
    old_url, url = url, moved["Location"]
    assert url != old_url
    assert url.startswith("/afspraken/beheer/")
    replaced = client.post(old_url + "annuleren/")
    assert replaced.status_code == 404
    assert "Deze link is verlopen" in replaced.content.decode()
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == "booked"
    cancelled = client.post(url + "annuleren/")
    assert cancelled.status_code == 200
    assert "Uw afspraak is geannuleerd" in cancelled.content.decode()
    booked.appointment.refresh_from_db()
    assert booked.appointment.status == "cancelled"
    expired = client.get(url)
    assert expired.status_code == 404
    assert "Deze link is verlopen" in expired.content.decode()
    wrong = client.get("/afspraken/beheer/not-a-token/")
    assert wrong.status_code == 404
    assert "Deze link is niet geldig." in wrong.content.decode()


def test_my_appointments_lists_mine_and_cancels_one(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    me, other = PersonFactory(municipality=municipality), PersonFactory(municipality=municipality)
    mine = appointment_book(
        actor=actor_for_resident(me.pk),
        office_product=office_product,
        starts_at=at(next_open_day(), 9),
        holder=Holder(person=me),
    ).appointment
    theirs = appointment_book(
        actor=actor_for_resident(other.pk),
        office_product=office_product,
        starts_at=at(next_open_day(), 10),
        holder=Holder(person=other),
    ).appointment
    client = _resident_client(me.pk)
    page = client.get("/mijn/afspraken/")
    assert mine.reference in page.content.decode()
    assert theirs.reference not in page.content.decode()
    assert client.post(f"/mijn/afspraken/{theirs.pk}/annuleren/").status_code == 404
    assert client.get(f"/mijn/afspraken/{theirs.pk}/verplaatsen/").status_code == 404
    assert client.post(f"/mijn/afspraken/{mine.pk}/annuleren/").status_code == 302
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("cancelled", "booked")
    assert Client().get("/mijn/afspraken/").status_code == 302  # sign in first


def test_a_signed_in_resident_books_for_herself(
    municipality: Municipality, office_product: OfficeProduct
) -> None:
    me = PersonFactory(municipality=municipality)
    day = next_open_day()
    client = _resident_client(me.pk)
    page = client.get(_book_url(municipality))
    assert 'name="email"' not in page.content.decode()
    response = client.post(_book_url(municipality), {"starts_at": f"{day.isoformat()}T11:00"})
    assert response.status_code == 302
    assert Appointment.objects.get().person == me


def test_the_calendar_and_the_detail_for_staff_and_404_elsewhere(
    client: Client,
    municipality: Municipality,
    other_municipality: Municipality,
    office_product: OfficeProduct,
) -> None:
    day = next_open_day()
    appointment = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(day, 9),
        holder=Holder(name="Ann Desmet", email="ann@example.test"),
    ).appointment
    client.force_login(staff_member(municipality, Role.CLERK))
    office_id = office_product.office_id
    day_view = client.get(f"/backoffice/afspraken/kantoren/{office_id}/", {"datum": day})
    assert "Ann Desmet" in day_view.content.decode()
    week_view = client.get(
        f"/backoffice/afspraken/kantoren/{office_id}/", {"datum": day, "weergave": "week"}
    )
    assert "Ann Desmet" in week_view.content.decode()
    detail = client.get(f"/backoffice/afspraken/{appointment.pk}/")
    assert "ann@example.test" in detail.content.decode()
    held = client.post(f"/backoffice/afspraken/{appointment.pk}/status/", {"to_status": "held"})
    assert held.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "held"
    outsider = Client()
    outsider.force_login(staff_member(other_municipality, Role.CLERK))
    assert outsider.get(f"/backoffice/afspraken/{appointment.pk}/").status_code == 404
    assert outsider.get(f"/backoffice/afspraken/kantoren/{office_id}/").status_code == 404
    dispatcher = Client()
    dispatcher.force_login(staff_member(municipality, Role.DISPATCHER))
    assert dispatcher.get("/backoffice/afspraken/").status_code == 403


def test_staff_book_by_phone(
    client: Client, municipality: Municipality, office_product: OfficeProduct
) -> None:
    day = next_open_day()
    client.force_login(staff_member(municipality, Role.CLERK))
    url = f"/backoffice/afspraken/kantoren/{office_product.office_id}/boeken/"
    assert client.get(url, {"datum": day}).status_code == 200
    response = client.post(
        url,
        {
            "product": office_product.product_id,
            "starts_at": f"{day.isoformat()}T13:00",
            "name": "Jan Peeters",
            "phone": "0470 11 22 33",
            "language": "nl",
            "channel": "phone",
        },
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert (appointment.channel, appointment.phone) == ("phone", "0470 11 22 33")
    assert GuestMessage.objects.get().channel == "sms"


def test_a_municipal_admin_sets_up_an_office(client: Client, municipality: Municipality) -> None:
    from tests.catalog.helpers import catalog_product

    passport = catalog_product("passport")
    client.force_login(staff_member(municipality, Role.MUNICIPAL_ADMIN))
    created = client.post(
        "/backoffice/afspraken/kantoren/nieuw/",
        {
            "municipality": municipality.pk,
            "name_nl": "Dienstencentrum",
            "name_fr": "Centre de services",
            "name_en": "",
            "address_street": "Markt 2",
            "address_postal_code": "8500",
            "address_locality": "Kortrijk",
            "slot_minutes": "20",
            "booking_days_ahead": "30",
            "closed_on_public_holidays": "on",
            "is_active": "on",
            "hours_mon": "09:00-12:00, 13:00-16:00",
            "hours_tue": "9u00-12u00",
        },
    )
    assert created.status_code == 302
    office = Office.objects.get()
    assert list(OpeningHours.objects.values_list("weekday", "opens_at", "closes_at")) == [
        (0, dt.time(9), dt.time(12)),
        (0, dt.time(13), dt.time(16)),
        (1, dt.time(9), dt.time(12)),
    ]
    settings_url = f"/backoffice/afspraken/kantoren/{office.pk}/"
    product = client.post(
        settings_url + "producten/",
        {"product": passport.pk, "duration_minutes": "20", "max_open_per_person": "1"},
    )
    assert product.status_code == 302
    assert OfficeProduct.objects.get().duration_minutes == 20
    desk = client.post(
        settings_url + "loketten/nieuw/",
        {"name": "Loket A", "is_active": "on", "shift_mon": "09:00-12:00"},
    )
    assert desk.status_code == 302
    assert Desk.objects.get().name == "Loket A"
    assert DeskShift.objects.count() == 1
    closure = client.post(
        settings_url + "sluitingen/", {"first_day": "2030-05-02", "last_day": "2030-05-01"}
    )
    assert closure.status_code == 422
    assert "De laatste dag kan niet voor de eerste liggen." in closure.content.decode()
    assert Closure.objects.count() == 0
    bad_hours = client.post(
        settings_url + "instellingen/",
        {
            "name_nl": "Dienstencentrum",
            "name_fr": "Centre de services",
            "address_street": "Markt 2",
            "address_postal_code": "8500",
            "address_locality": "Kortrijk",
            "slot_minutes": "20",
            "booking_days_ahead": "30",
            "hours_wed": "morning",
        },
    )
    assert bad_hours.status_code == 422
    assert OpeningHours.objects.count() == 3
    clerk = Client()
    clerk.force_login(staff_member(municipality, Role.CLERK))
    assert clerk.get(settings_url + "instellingen/").status_code == 403


def test_the_desk_feed_needs_its_token_shows_no_personal_data_and_expires(
    client: Client, municipality: Municipality, settings: Any
) -> None:
    _office, office_product, [desk] = office_with_desks(municipality=municipality)
    booked = appointment_book(
        actor=ANONYMOUS,
        office_product=office_product,
        starts_at=at(next_open_day(), 9),
        holder=Holder(name="Ann Desmet", email="ann@example.test", phone="+32470123456"),
    )
    client.force_login(staff_member(municipality, Role.CLERK))
    page = client.post(f"/backoffice/afspraken/loketten/{desk.pk}/agenda-adres/")
    feed_url = page.context["feed_url"]
    feed = Client().get(feed_url)
    assert feed.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert booked.appointment.reference.encode() in feed.content
    for personal in (b"Ann Desmet", b"ann@example.test", b"470123456", b"ATTENDEE"):
        assert personal not in feed.content
    assert Client().get(f"/afspraken/agenda/{desk.pk}/wrong.ics").status_code == 404

    # A new address replaces the old one.
    renewed = client.post(f"/backoffice/afspraken/loketten/{desk.pk}/agenda-adres/")
    assert Client().get(feed_url).status_code == 404
    assert Client().get(renewed.context["feed_url"]).status_code == 200

    # It stops working at its end date...
    Desk.objects.filter(pk=desk.pk).update(
        feed_token_expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    )
    assert Client().get(renewed.context["feed_url"]).status_code == 404

    # ... and at once when stopped.
    settings.LOKET_APPOINTMENTS_FEED_DAYS = 7
    third = client.post(f"/backoffice/afspraken/loketten/{desk.pk}/agenda-adres/")
    desk.refresh_from_db()
    assert desk.feed_token_expires_at is not None
    left = desk.feed_token_expires_at - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=6, hours=23) < left <= dt.timedelta(days=7)
    assert Client().get(third.context["feed_url"]).status_code == 200
    stopped = client.post(f"/backoffice/afspraken/loketten/{desk.pk}/agenda-adres/stoppen/")
    assert stopped.status_code == 302
    assert Client().get(third.context["feed_url"]).status_code == 404


def test_the_desk_feed_reads_a_fixed_number_of_queries(
    client: Client, municipality: Municipality
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _office, office_product, [desk] = office_with_desks(municipality=municipality)
    client.force_login(staff_member(municipality, Role.CLERK))
    feed_url = client.post(f"/backoffice/afspraken/loketten/{desk.pk}/agenda-adres/").context[
        "feed_url"
    ]
    counts = []
    for hour in (9, 10, 11):
        appointment_book(
            actor=ANONYMOUS,
            office_product=office_product,
            starts_at=at(next_open_day(), hour),
            holder=Holder(name=f"Guest {hour}", email=f"guest{hour}@example.test"),
        )
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(feed_url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]


def test_guest_bookings_from_one_address_are_limited(
    client: Client, municipality: Municipality, office_product: OfficeProduct, settings: Any
) -> None:
    settings.LOKET_APPOINTMENTS_GUEST_BOOKINGS_PER_MINUTE = 1
    day = next_open_day()
    form = {
        "kantoor": office_product.office_id,
        "starts_at": f"{day.isoformat()}T09:00",
        "name": "Ann Desmet",
        "email": "ann@example.test",
        "phone": "",
        "language": "nl",
    }
    assert client.post(_book_url(municipality), form).status_code == 302
    refused = client.post(_book_url(municipality), form | {"starts_at": f"{day.isoformat()}T10:00"})
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert (
        "Er kwamen veel boekingen van uw verbinding in korte tijd. "
        "Wacht een minuut en probeer opnieuw."
    ) in refused.content.decode()
    assert Appointment.objects.count() == 1
    assert GuestMessage.objects.count() == 1
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert (
        other.post(
            _book_url(municipality), form | {"starts_at": f"{day.isoformat()}T10:00"}
        ).status_code
        == 302
    )


def test_the_offices_list_has_pages_and_page_2_shows_its_offices(
    municipality: Municipality, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("loket.appointments.views.backoffice.PAGE_SIZE", 2)
    for letter in "ABC":
        OfficeFactory(municipality=municipality, name_nl=f"Kantoor {letter}")
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))

    first, second = pages_of(client, "/backoffice/afspraken/")

    assert ("Kantoor A" in first, "Kantoor C" in first) == (True, False)
    assert ("Kantoor A" in second, "Kantoor C" in second) == (False, True)


def test_the_offices_list_filters_by_municipality_and_answers_htmx_with_the_results(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    OfficeFactory(municipality=municipality, name_nl="Kantoor Hier")
    OfficeFactory(municipality=other_municipality, name_nl="Kantoor Daar")
    client = Client()
    client.force_login(regional_staff_member(municipality.region, Role.CLERK))

    page = client.get("/backoffice/afspraken/").content.decode()
    part = client.get(
        f"/backoffice/afspraken/?municipality={other_municipality.pk}",
        headers={"HX-Request": "true", "HX-Target": "offices-results"},
    )

    assert "Kantoor Hier" in page
    assert "Kantoor Daar" in page
    assert 'name="municipality"' in page
    assert "<html" not in part.content.decode()
    assert "Kantoor Daar" in part.content.decode()
    assert "Kantoor Hier" not in part.content.decode()
    assert "HX-Request" in part["Vary"]
