"""Reads of appointments: staff see their municipalities' offices, desks and appointments,
residents their own; another municipality's object answers 404 like one that does not
exist."""

from __future__ import annotations

import pytest
from django.http import Http404

from loket.appointments.models import Desk, Office, OfficeProduct
from loket.appointments.selectors import (
    appointment_get_visible,
    appointments_of_office,
    appointments_of_resident,
    appointments_visible_to,
    desk_get_visible,
    office_get_visible,
    offices_visible_to,
)
from loket.appointments.services import Holder, appointment_book
from loket.tenancy.access import ANONYMOUS, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.appointments.helpers import at, next_open_day, office_with_desks
from tests.factories import PersonFactory, regional_staff_member, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def elsewhere(other_municipality: Municipality) -> tuple[Office, OfficeProduct, list[Desk]]:
    return office_with_desks(municipality=other_municipality)


def test_staff_see_the_offices_of_their_municipality_only(
    municipality: Municipality, office: Office, elsewhere
) -> None:
    here = actor_for_user(staff_member(municipality, Role.CLERK))
    regional = actor_for_user(regional_staff_member(municipality.region, Role.CLERK))

    assert list(offices_visible_to(actor=here)) == [office]
    assert set(offices_visible_to(actor=regional)) == {office, elsewhere[0]}
    assert list(offices_visible_to(actor=ANONYMOUS)) == []
    assert office_get_visible(actor=here, office_id=office.pk) == office
    with pytest.raises(Http404):
        office_get_visible(actor=here, office_id=elsewhere[0].pk)
    with pytest.raises(Http404):
        office_get_visible(actor=here, office_id=999_999)


def test_a_desk_of_another_municipality_answers_404(
    municipality: Municipality, desk: Desk, elsewhere
) -> None:
    here = actor_for_user(staff_member(municipality, Role.CLERK))

    assert desk_get_visible(actor=here, desk_id=desk.pk) == desk
    with pytest.raises(Http404):
        desk_get_visible(actor=here, desk_id=elsewhere[2][0].pk)


def test_appointments_are_seen_by_their_municipality_and_their_resident(
    municipality: Municipality, office_product: OfficeProduct, elsewhere
) -> None:
    person = PersonFactory(municipality=municipality)
    other_person = PersonFactory(municipality=municipality)
    day = next_open_day()
    mine = appointment_book(
        actor=actor_for_resident(person.pk),
        office_product=office_product,
        starts_at=at(day, 9),
        holder=Holder(person=person),
    ).appointment
    theirs = appointment_book(
        actor=ANONYMOUS,
        office_product=elsewhere[1],
        starts_at=at(day, 10),
        holder=Holder(name="Guest", email="guest@example.test"),
    ).appointment
    staff = actor_for_user(staff_member(municipality, Role.CLERK))
    resident = actor_for_resident(person.pk)
    stranger = actor_for_resident(other_person.pk)

    assert list(appointments_visible_to(actor=staff)) == [mine]
    assert appointment_get_visible(actor=staff, appointment_id=mine.pk) == mine
    with pytest.raises(Http404):
        appointment_get_visible(actor=staff, appointment_id=theirs.pk)
    assert appointments_of_resident(actor=resident) == [mine]
    assert appointments_of_resident(actor=stranger) == []
    with pytest.raises(Http404):
        appointment_get_visible(actor=stranger, appointment_id=mine.pk)
    assert appointments_of_office(actor=staff, office=mine.office, first=day, last=day) == [mine]
    with pytest.raises(Http404):
        appointments_of_office(actor=staff, office=theirs.office, first=day, last=day)
