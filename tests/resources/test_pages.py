"""The resources pages: the public calendar and feed, booking through the portal form (an
overlap refused with a clear message and nothing written), "my reservations", cancelling,
and the back office's queue, decision and configuration."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from loket.identity.services import SESSION_KEY
from loket.payments.models import PaymentRequest
from loket.resources.models import Booking, BookingEvent, Resource
from loket.resources.services import booking_request
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member
from tests.resources.helpers import at, resource_make
from tests.web.helpers import pages_of

pytestmark = pytest.mark.django_db


def _resident(person: Any) -> Client:
    client = Client(headers={"Accept-Language": "en"})
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    return client


def _staff(municipality: Municipality, role: Role) -> Client:
    client = Client()
    client.force_login(staff_member(municipality, role, preferred_language="en"))
    return client


def _form(start: Any, end: Any, **extra: str) -> dict[str, str]:
    return {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": end.strftime("%Y-%m-%dT%H:%M"),
        "category": "resident",
        "purpose": "Party",
        **extra,
    }


def test_the_public_calendar_shows_taken_periods_without_who_and_the_feed(
    hall: Resource, booker: Any
) -> None:
    booking_request(
        actor=actor_for_resident(booker.pk), resource_id=hall.pk, starts_at=at(10, 14),
        ends_at=at(10, 18), category="resident",
    )  # fmt: skip
    slug = hall.municipality.slug
    day = at(10, 0).date().isoformat()

    week = Client().get(f"/{slug}/reserveren/{hall.pk}/?datum={day}", HTTP_ACCEPT_LANGUAGE="en")
    month = Client().get(f"/{slug}/reserveren/{hall.pk}/?weergave=maand&datum={day}")
    feed = Client().get(f"/{slug}/reserveren/{hall.pk}/agenda.ics")
    listing = Client().get(f"/{slug}/reserveren/")

    assert week.status_code == 200
    assert f'data-testid="busy-{day}">14:00\u201318:00</td>' in week.content.decode()
    assert booker.last_name not in week.content.decode()
    assert month.status_code == 200
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert feed.content.count(b"BEGIN:VEVENT") == 1
    assert booker.last_name.encode() not in feed.content
    assert hall.name_nl in listing.content.decode()


def test_another_municipality_s_slug_does_not_show_the_resource(
    hall: Resource, other_municipality: Municipality
) -> None:
    response = Client().get(f"/{other_municipality.slug}/reserveren/{hall.pk}/")

    assert response.status_code == 404


def test_a_resident_books_through_the_portal_and_sees_it_in_my_reservations(
    hall: Resource, booker: Any
) -> None:
    client = _resident(booker)
    url = f"/{hall.municipality.slug}/reserveren/{hall.pk}/boeken/"

    response = client.post(url, _form(at(10, 14), at(10, 18)))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/mijn/reservaties/{booking.pk}/"
    mine = client.get("/mijn/reservaties/").content.decode()
    assert f'href="/mijn/reservaties/{booking.pk}/"' in mine
    detail = client.get(f"/mijn/reservaties/{booking.pk}/").content.decode()
    assert f"/betalingen/{booking.payment_request_id}/" in detail


def test_an_overlapping_booking_through_the_portal_form_is_refused_and_nothing_written(
    hall: Resource, booker: Any
) -> None:
    booking_request(
        actor=actor_for_resident(booker.pk), resource_id=hall.pk, starts_at=at(10, 14),
        ends_at=at(10, 18), category="resident",
    )  # fmt: skip
    other = PersonFactory(municipality=hall.municipality, preferred_language="en")
    client = _resident(other)
    before = (Booking.objects.count(), BookingEvent.objects.count(), PaymentRequest.objects.count())

    response = client.post(
        f"/{hall.municipality.slug}/reserveren/{hall.pk}/boeken/",
        _form(at(10, 16), at(10, 20)),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert (
        "This period overlaps another booking of De Linde hall. Choose another time."
        in response.content.decode()
    )
    after = (Booking.objects.count(), BookingEvent.objects.count(), PaymentRequest.objects.count())
    assert after == before


def test_the_booking_form_asks_to_sign_in_first(hall: Resource) -> None:
    response = Client().get(f"/{hall.municipality.slug}/reserveren/{hall.pk}/boeken/")

    assert response.status_code == 302
    assert Booking.objects.count() == 0


def test_a_resident_cancels_and_another_resident_gets_404(hall: Resource, booker: Any) -> None:
    booking = booking_request(
        actor=actor_for_resident(booker.pk), resource_id=hall.pk, starts_at=at(10, 14),
        ends_at=at(10, 18), category="resident",
    )  # fmt: skip
    stranger = _resident(PersonFactory(municipality=hall.municipality))

    assert stranger.get(f"/mijn/reservaties/{booking.pk}/").status_code == 404
    assert stranger.post(f"/mijn/reservaties/{booking.pk}/annuleren/").status_code == 404
    assert Booking.objects.get().status == "approved"
    _resident(booker).post(f"/mijn/reservaties/{booking.pk}/annuleren/")
    assert Booking.objects.get().status == "cancelled"
    assert PaymentRequest.objects.get().status == "cancelled"


def test_staff_approve_from_the_queue_and_other_staff_get_404(
    approval_hall: Resource, booker: Any, municipality: Municipality, other_municipality: Any
) -> None:
    booking = booking_request(
        actor=actor_for_resident(booker.pk), resource_id=approval_hall.pk, starts_at=at(5, 9),
        ends_at=at(5, 11), category="resident",
    )  # fmt: skip
    handler = _staff(municipality, Role.HANDLER)
    stranger = _staff(other_municipality, Role.MUNICIPAL_ADMIN)

    queue = handler.get("/backoffice/reservaties/").content.decode()
    refused_without_reason = handler.post(
        f"/backoffice/reservaties/{booking.pk}/", {"to_status": "refused", "reason": ""}
    )
    foreign = stranger.post(f"/backoffice/reservaties/{booking.pk}/", {"to_status": "approved"})
    approved = handler.post(f"/backoffice/reservaties/{booking.pk}/", {"to_status": "approved"})

    assert f'href="/backoffice/reservaties/{booking.pk}/"' in queue
    assert refused_without_reason.status_code == 400
    assert "Give the reason; the requester will read it." in refused_without_reason.content.decode()
    assert foreign.status_code == 404
    assert approved.status_code == 302
    assert Booking.objects.get().status == "approved"


def test_an_administrator_configures_a_resource_and_a_handler_may_not(
    municipality: Municipality, bank: Any
) -> None:
    admin = _staff(municipality, Role.MUNICIPAL_ADMIN)
    handler = _staff(municipality, Role.HANDLER)
    body = {
        "municipality": str(municipality.pk),
        "kind": "equipment",
        "name_nl": "Nadarhekken",
        "quantity": "40",
        "price_unit": "day",
        "minimum_minutes": "60",
        "maximum_minutes": "4320",
        "lead_minimum_hours": "24",
        "lead_maximum_days": "90",
        "is_active": "on",
        "requires_approval": "on",
        "hours_mon": "09:00-12:00, 13:00-16:00",
        "price_association": "2,50",
        "deposit_association": "10",
    }

    refused = handler.post("/backoffice/reservaties/middelen/nieuw/", body)
    bad = admin.post("/backoffice/reservaties/middelen/nieuw/", {**body, "hours_tue": "9-5"})
    created = admin.post("/backoffice/reservaties/middelen/nieuw/", body)

    assert refused.status_code == 403
    assert bad.status_code == 400
    assert "Write the hours as 08:00-12:00, 13:00-22:00." in bad.content.decode()
    resource = Resource.objects.get()
    assert created["Location"] == f"/backoffice/reservaties/middelen/{resource.pk}/"
    assert (resource.quantity, resource.units.count(), resource.requires_approval) == (40, 40, True)
    assert list(resource.tariffs.values_list("category", "price_cents", "deposit_cents")) == [
        ("association", 250, 1000)
    ]
    assert list(resource.windows.values_list("weekday", "opens", "closes")) == [
        (0, dt.time(9), dt.time(12)),
        (0, dt.time(13), dt.time(16)),
    ]
    edit = admin.get(f"/backoffice/reservaties/middelen/{resource.pk}/").content.decode()
    assert 'value="09:00-12:00, 13:00-16:00"' in edit


def test_another_municipality_s_resource_is_404_in_the_back_office(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    foreign = resource_make(other_municipality)

    response = _staff(municipality, Role.MUNICIPAL_ADMIN).get(
        f"/backoffice/reservaties/middelen/{foreign.pk}/"
    )

    assert response.status_code == 404


def test_the_resources_list_has_pages_and_page_2_shows_its_resources(
    municipality: Municipality, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("loket.resources.views.backoffice.PAGE_SIZE", 2)
    for name in ("Zaal A", "Zaal B", "Zaal C"):
        resource_make(municipality, names={"nl": name, "fr": name, "en": name})
    client = Client()
    client.force_login(staff_member(municipality, Role.CLERK))

    first, second = pages_of(client, "/backoffice/reservaties/middelen/")

    assert ("Zaal A" in first, "Zaal C" in first) == (True, False)
    assert ("Zaal A" in second, "Zaal C" in second) == (False, True)


def test_the_reservations_list_has_pages_and_says_how_many_wait_for_approval(
    approval_hall: Resource, booker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("loket.resources.views.backoffice.PAGE_SIZE", 2)
    monkeypatch.setattr("loket.resources.views.backoffice.WAITING_SHOWN", 2)
    soonest, _middle, latest = _three_bookings(approval_hall, booker)
    client = Client()
    client.force_login(
        staff_member(approval_hall.municipality, Role.HANDLER, preferred_language="en")
    )

    first = client.get("/backoffice/reservaties/").content.decode()
    second = client.get(
        "/backoffice/reservaties/?page=2",
        headers={"HX-Request": "true", "HX-Target": "bookings-results"},
    ).content.decode()

    assert "All 3 bookings waiting for approval" in first
    assert 'rel="next"' in first
    assert "<html" not in second  # the list only, for htmx
    assert 'rel="prev"' in second
    assert f"/backoffice/reservaties/{soonest.pk}/" in second  # newest first: the soonest last
    assert f"/backoffice/reservaties/{latest.pk}/" not in second


def test_the_first_public_addresses_redirect_permanently(hall: Resource) -> None:
    slug = hall.municipality.slug

    listing = Client().get(f"/reserveren/{slug}/")
    week = Client().get(f"/reserveren/{slug}/{hall.pk}/?weergave=maand&datum=2031-01-06")
    feed = Client().get(f"/reserveren/{slug}/{hall.pk}/agenda.ics")
    posted = Client().post(f"/reserveren/{slug}/{hall.pk}/boeken/", {"category": "resident"})

    assert (listing.status_code, listing["Location"]) == (301, f"/{slug}/reserveren/")
    assert (week.status_code, week["Location"]) == (
        301,
        f"/{slug}/reserveren/{hall.pk}/?weergave=maand&datum=2031-01-06",
    )
    assert (feed.status_code, feed["Location"]) == (301, f"/{slug}/reserveren/{hall.pk}/agenda.ics")
    assert (posted.status_code, posted["Location"]) == (
        308,
        f"/{slug}/reserveren/{hall.pk}/boeken/",
    )
    assert Client().get(feed["Location"])["Content-Type"].startswith("text/calendar")
    assert Booking.objects.count() == 0


def test_my_reservations_has_pages_and_page_2_shows_its_bookings(
    hall: Resource, booker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("loket.resources.views.portal.PAGE_SIZE", 2)
    soonest, _middle, latest = _three_bookings(hall, booker)

    first, second = pages_of(_resident(booker), "/mijn/reservaties/")

    assert f'href="/mijn/reservaties/{latest.pk}/"' in first
    assert f'href="/mijn/reservaties/{soonest.pk}/"' not in first
    assert f'href="/mijn/reservaties/{soonest.pk}/"' in second
    assert "<h1>My reservations</h1>" in second


def _three_bookings(resource: Resource, booker: Any) -> list[Booking]:
    """Bookings in 10, 11 and 12 days, soonest first."""
    return [
        booking_request(
            actor=actor_for_resident(booker.pk),
            resource_id=resource.pk,
            starts_at=at(days, 10),
            ends_at=at(days, 12),
            category="resident",
        )
        for days in (10, 11, 12)
    ]
