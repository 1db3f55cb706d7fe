"""The "My municipality" page: the signed-in resident's own address and items, a visitor's
typed address, an unknown address, and the waste calendar as an iCalendar file."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from loket.tenancy.access import actor_for_resident
from loket.works.models import PlannedWork, WorkKind
from tests.cases.helpers import certificate_request
from tests.factories import MunicipalityFactory, PersonFactory
from tests.waste.helpers import HEADER, rounds_load
from tests.web.helpers import sign_in_resident

PAGE = reverse("mymunicipality:my-municipality")
ICS = reverse("mymunicipality:my-municipality-ics")


def _weekly(municipality, street="Kerkstraat", postal_code="8500"):
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    rounds_load(
        municipality,
        HEADER + f"Zone A,{postal_code},{street},residual,{monday.isoformat()},1\n",
    )


@pytest.mark.django_db
def test_the_resident_sees_their_calendar_works_and_own_requests_only(
    client, municipality, residence_certificate
):
    _weekly(municipality)
    resident = PersonFactory(municipality=municipality)
    neighbour = PersonFactory(municipality=municipality)
    mine = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    )
    theirs = certificate_request(
        actor=actor_for_resident(neighbour.pk), municipality=municipality, applicant=neighbour
    )
    address = resident.addresses.get()
    address.latitude, address.longitude = 50.83, 3.26
    address.save()
    today = timezone.localdate()
    PlannedWork.objects.create(
        municipality=municipality,
        kind=WorkKind.WORKS,
        title="Nieuwe riolering",
        place="Kerkstraat",
        latitude=50.831,
        longitude=3.261,
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
    )
    PlannedWork.objects.create(
        municipality=municipality,
        kind=WorkKind.WORKS,
        title="Ver weg",
        place="Elders",
        latitude=50.9,
        longitude=3.4,
        starts_on=today,
        ends_on=today + dt.timedelta(days=30),
    )
    sign_in_resident(client, resident)

    html = client.get(PAGE).content.decode()

    assert "Kerkstraat 1, 8500" in html
    assert html.count("Restafval") >= 8  # every week of the coming eight
    assert "Nieuwe riolering" in html
    assert "Ver weg" not in html
    assert mine.number in html
    assert theirs.number not in html
    assert municipality.name in html


@pytest.mark.django_db
def test_a_visitor_types_an_address_and_gets_the_same_page_without_own_items(client):
    kortrijk = MunicipalityFactory(nis_code="34022", name_nl="Kortrijk", slug="kortrijk")
    _weekly(kortrijk, street="Doorniksestraat")

    response = client.get(PAGE, {"adres": "Doorniksestraat 12, 8500 Kortrijk"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Doorniksestraat 12, 8500 Kortrijk" in html
    assert "Restafval" in html
    assert 'id="mine-heading"' not in html


@pytest.mark.django_db
def test_an_unknown_address_is_named_in_a_translated_error(client):
    MunicipalityFactory(nis_code="34022", name_nl="Kortrijk", slug="kortrijk")
    response = client.get(
        PAGE, {"adres": "Nergensstraat 1, 8500 Kortrijk"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nous ne connaissons pas l&#x27;adresse « Nergensstraat 1, 8500 Kortrijk »" in html
    assert 'id="waste-heading"' not in html


@pytest.mark.django_db
def test_the_calendar_file_parses_and_holds_a_year_of_collections(client, municipality):
    _weekly(municipality)
    resident = PersonFactory(municipality=municipality)
    sign_in_resident(client, resident)

    response = client.get(ICS)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert 52 <= len(events) <= 53
    first = events[0]
    assert str(first["SUMMARY"]) == "Restafval"
    assert first.decoded("DTSTART").hour == 6
    assert first.decoded("DTSTART").date() >= timezone.localdate()
    assert len({str(event["UID"]) for event in events}) == len(events)


@pytest.mark.django_db
def test_no_calendar_file_for_a_street_in_no_zone(client, municipality):
    sign_in_resident(client, PersonFactory(municipality=municipality))
    assert client.get(ICS).status_code == 404
