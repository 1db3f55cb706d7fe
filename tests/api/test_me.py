"""`/me` shows residents their own register data and their children, nobody else's."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.audit.models import AccessLogEntry
from loket.people.models import HouseholdLink, HouseholdRelation
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_resident_sees_their_register_data_and_their_children(
    municipality, other_municipality, resident_session
):
    parent = PersonFactory(municipality=municipality, first_names="Lotte", last_name="Janssens")
    child = PersonFactory(municipality=municipality, first_names="Mohamed", last_name="Janssens")
    partner = PersonFactory(municipality=municipality, first_names="Pieter", last_name="Peeters")
    stranger_child = PersonFactory(municipality=other_municipality)
    HouseholdLink.objects.create(person=parent, relative=child, relation=HouseholdRelation.PARENT)
    HouseholdLink.objects.create(
        person=parent, relative=partner, relation=HouseholdRelation.PARTNER
    )
    HouseholdLink.objects.create(
        person=partner, relative=stranger_child, relation=HouseholdRelation.PARENT
    )

    response = resident_session(parent).get("/api/v1/me")

    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "resident"
    assert body["staff"] is None
    assert body["integration"] is None
    resident = body["resident"]
    assert resident["id"] == parent.pk
    assert resident["national_number"] == parent.national_number
    assert resident["address"]["street"] == "Kerkstraat"
    assert resident["children"] == [
        {
            "id": child.pk,
            "first_names": "Mohamed",
            "last_name": "Janssens",
            "birth_date": child.birth_date.isoformat(),
        }
    ]


def test_a_resident_reading_their_own_data_is_not_an_access_log_entry(
    municipality, resident_session
):
    person = PersonFactory(municipality=municipality)

    resident_session(person).get("/api/v1/me")

    assert AccessLogEntry.objects.count() == 0


def test_anonymous_callers_have_no_me(db):
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
