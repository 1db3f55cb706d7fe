"""The e-counter's link: after the online part of a request for a product that needs a
visit, the request's page offers "book an appointment" at that municipality, then shows
the appointment once booked."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.appointments.services import Holder, appointment_book
from loket.identity.services import SESSION_KEY
from loket.tenancy.access import actor_for_resident
from loket.tenancy.models import Municipality
from tests.appointments.helpers import at, next_open_day, office_with_desks
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_request_that_needs_a_visit_offers_an_appointment(
    municipality: Municipality, settings, tmp_path
) -> None:
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"
    product = catalog_product("residence-certificate", appointment_required=True)
    _office, office_product, _desks = office_with_desks(municipality=municipality, product=product)
    resident = PersonFactory(municipality=municipality)
    actor = actor_for_resident(resident.pk)
    case = certificate_request(actor=actor, municipality=municipality, applicant=resident)
    client = Client()
    session = client.session
    session[SESSION_KEY] = resident.pk
    session.save()

    page = client.get(f"/mijn/aanvragen/{case.number}/").content.decode()
    assert f'href="/{municipality.slug}/afspraken/residence-certificate/"' in page

    appointment_book(
        actor=actor,
        office_product=office_product,
        starts_at=at(next_open_day(), 9),
        holder=Holder(person=resident),
    )
    page = client.get(f"/mijn/aanvragen/{case.number}/").content.decode()
    assert f'href="/{municipality.slug}/afspraken/residence-certificate/"' not in page
    assert "Uw afspraak: " in page


def test_no_link_without_an_office_for_the_product(municipality: Municipality) -> None:
    catalog_product("residence-certificate", appointment_required=True)
    resident = PersonFactory(municipality=municipality)
    case = certificate_request(
        actor=actor_for_resident(resident.pk), municipality=municipality, applicant=resident
    )
    client = Client()
    session = client.session
    session[SESSION_KEY] = resident.pk
    session.save()
    page = client.get(f"/mijn/aanvragen/{case.number}/").content.decode()
    assert "/afspraken/residence-certificate/" not in page
