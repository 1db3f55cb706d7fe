"""Proactive service: what the nightly run suggests from the register and the requests, what
it leaves out, the identity-card invitation (once per card), and the answers of residents
and staff, recorded for the uptake; another municipality's suggestion answers 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from loket.catalog.loading import catalog_load
from loket.catalog.models import MunicipalityProduct, Product
from loket.crm.models import Suggestion
from loket.crm.proactive import suggestions_refresh
from loket.identity.services import SESSION_KEY
from loket.notify.models import Notification
from loket.people.models import Address, Consent, HouseholdRelation, Person
from loket.people.services import household_link_add
from loket.people.timeline import resident_timeline
from loket.tenancy.access import actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.appointments.helpers import office_with_desks
from tests.cases.helpers import certificate_request
from tests.factories import PersonFactory, staff_member

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def _catalogue(db: None) -> None:
    catalog_load()


def _adult(municipality: Municipality, **fields: Any) -> Person:
    person: Person = PersonFactory(
        municipality=municipality, birth_date=dt.date(1980, 5, 1), **fields
    )
    return person


def _moved(person: Person, municipality: Municipality, on: dt.date) -> None:
    Address.objects.filter(person=person, valid_until__isnull=True).update(
        valid_from=on - dt.timedelta(days=2000), valid_until=on
    )
    Address.objects.create(
        person=person,
        municipality=municipality,
        street="Nieuwstraat",
        number="2",
        postal_code="8500",
        valid_from=on,
    )


def _codes(person: Person) -> set[str]:
    return set(Suggestion.objects.filter(person=person).values_list("product__code", flat=True))


def _related(code: str, life_event: str) -> set[str]:
    return set(
        Product.objects.get(code=code)
        .related_products.filter(life_events__contains=[life_event])
        .values_list("code", flat=True)
    )


def test_a_move_suggests_what_goes_with_an_address_change_once(
    municipality: Municipality,
) -> None:
    adult = _adult(municipality)
    child: Person = PersonFactory(municipality=municipality, birth_date=dt.date(2020, 1, 1))
    long_ago = _adult(municipality)
    _moved(adult, municipality, TODAY - dt.timedelta(days=10))
    _moved(child, municipality, TODAY - dt.timedelta(days=10))
    _moved(long_ago, municipality, TODAY - dt.timedelta(days=200))

    first = suggestions_refresh(today=TODAY)
    again = suggestions_refresh(today=TODAY)

    expected = _related("address-change", "moving")
    assert {"resident-parking-card", "waste-bin-order", "public-domain-occupation"} <= expected
    assert _codes(adult) == expected
    assert Suggestion.objects.filter(person=adult).first().occasion_on == TODAY - dt.timedelta(10)  # type: ignore[union-attr]
    assert _codes(child) == set()  # children move with their parents
    assert _codes(long_ago) == set()
    assert first.made["moved"] == len(expected)
    assert sum(again.made.values()) == 0


def test_a_birth_suggests_childcare_and_the_kids_id_to_the_parents(
    municipality: Municipality,
) -> None:
    parent = _adult(municipality)
    baby: Person = PersonFactory(municipality=municipality, birth_date=TODAY - dt.timedelta(20))
    household_link_add(person=parent, relative=baby, relation=HouseholdRelation.PARENT)

    suggestions_refresh(today=TODAY)

    assert {"childcare-registration", "kids-id"} <= _codes(parent)
    assert _codes(parent) == _related("birth-registration", "birth")


def test_a_request_suggests_its_related_products_but_not_what_was_asked_or_is_not_offered(
    municipality: Municipality,
) -> None:
    person = _adult(municipality)
    actor = actor_for_resident(person.pk)
    certificate_request(actor=actor, municipality=municipality, applicant=person)
    related = set(
        Product.objects.get(code="residence-certificate").related_products.values_list(
            "code", flat=True
        )
    )
    assert len(related) >= 2
    not_offered, *_rest = sorted(related)
    MunicipalityProduct.objects.create(
        municipality=municipality, product=Product.objects.get(code=not_offered), is_enabled=False
    )

    suggestions_refresh(today=timezone.localdate())

    assert _codes(person) == related - {not_offered}
    assert set(Suggestion.objects.values_list("rule", flat=True)) == {"related"}


def test_nothing_is_suggested_to_a_resident_who_said_no(municipality: Municipality) -> None:
    person = _adult(municipality, id_card_expires_on=TODAY + dt.timedelta(days=20))
    _moved(person, municipality, TODAY - dt.timedelta(days=5))
    Consent.objects.create(person=person, purpose="suggestions", granted=False)

    suggestions_refresh(today=TODAY)

    assert _codes(person) == set()
    assert not Notification.objects.exists()


def test_an_identity_card_that_ends_soon_brings_one_invitation_with_the_booking_link(
    municipality: Municipality,
) -> None:
    soon = _adult(municipality, id_card_expires_on=TODAY + dt.timedelta(days=30))
    later = _adult(municipality, id_card_expires_on=TODAY + dt.timedelta(days=90))
    child: Person = PersonFactory(
        municipality=municipality,
        birth_date=dt.date(2018, 1, 1),
        id_card_expires_on=TODAY + dt.timedelta(days=30),
    )
    office, _office_product, _desks = office_with_desks(
        municipality=municipality, product=Product.objects.get(code="eid-card")
    )
    assert office.municipality_id == municipality.pk

    first = suggestions_refresh(today=TODAY)
    again = suggestions_refresh(today=TODAY)

    assert _codes(soon) == {"eid-card"}
    assert _codes(later) == _codes(child) == set()
    assert (first.invited, again.invited) == (1, 0)
    notification = Notification.objects.get(event="crm.id_card_renewal")
    assert notification.person_id == soon.pk
    assert f"/{municipality.slug}/afspraken/eid-card/" in str(notification.context["url"])
    suggestion = Suggestion.objects.get(person=soon)
    assert suggestion.notified_at is not None


def _resident_client(person: Person) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = person.pk
    session.save()
    return client


def test_the_resident_answers_on_their_page_and_only_once(municipality: Municipality) -> None:
    person = _adult(municipality)
    _moved(person, municipality, TODAY - dt.timedelta(days=3))
    suggestions_refresh(today=TODAY)
    parking = Suggestion.objects.get(person=person, product__code="resident-parking-card")
    bins = Suggestion.objects.get(person=person, product__code="waste-bin-order")
    client = _resident_client(person)

    page = client.get("/mijn/")
    accepted = client.post(f"/mijn/suggesties/{parking.pk}/", {"decision": "accept"})
    dismissed = client.post(f"/mijn/suggesties/{bins.pk}/", {"decision": "dismiss"})
    twice = client.post(f"/mijn/suggesties/{bins.pk}/", {"decision": "accept"}, follow=True)
    stranger = _resident_client(_adult(municipality))
    foreign = stranger.post(f"/mijn/suggesties/{parking.pk}/", {"decision": "dismiss"})

    assert 'id="suggestions"' in page.content.decode()
    assert accepted.status_code == 302
    assert accepted["Location"] == f"/{municipality.slug}/producten/resident-parking-card/"
    assert dismissed.status_code == 302
    parking.refresh_from_db()
    bins.refresh_from_db()
    assert (parking.status, parking.decided_by_resident) == ("accepted", True)
    assert bins.status == "dismissed"
    assert "Deze suggestie werd al beantwoord." in twice.content.decode()
    assert foreign.status_code == 404
    assert 'id="suggestions"' not in stranger.get("/mijn/").content.decode()


def test_staff_see_it_in_the_360_view_record_the_answer_and_count_the_uptake(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    person = _adult(municipality)
    _moved(person, municipality, TODAY - dt.timedelta(days=3))
    suggestions_refresh(today=TODAY)
    suggestion = Suggestion.objects.filter(person=person).first()
    assert suggestion is not None
    clerk = staff_member(municipality, Role.CLERK)
    client = Client()
    client.force_login(clerk)
    outsider = Client()
    outsider.force_login(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))

    timeline = resident_timeline(actor=actor_for_user(clerk), person=person, kinds=["suggestions"])
    detail = client.get(f"/backoffice/suggesties/{suggestion.pk}/")
    recorded = client.post(f"/backoffice/suggesties/{suggestion.pk}/", {"decision": "dismiss"})
    uptake = client.get("/backoffice/suggesties/")

    assert {entry.url for entry in timeline} == {
        f"/backoffice/suggesties/{pk}/"
        for pk in Suggestion.objects.filter(person=person).values_list("pk", flat=True)
    }
    assert all(entry.is_open for entry in timeline)
    assert detail.status_code == 200
    assert person.full_name not in detail.content.decode()  # no personal data on this page
    assert recorded.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by_user_id) == ("dismissed", clerk.pk)
    assert uptake.status_code == 200
    assert municipality.name in uptake.content.decode()
    assert outsider.get(f"/backoffice/suggesties/{suggestion.pk}/").status_code == 404
    assert (
        outsider.post(
            f"/backoffice/suggesties/{suggestion.pk}/", {"decision": "accept"}
        ).status_code
        == 404
    )
    assert municipality.name not in outsider.get("/backoffice/suggesties/").content.decode()
