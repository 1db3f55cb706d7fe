"""The resident register: registering, moving house, households, contact preferences."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from loket.people.authentic_sources import authentic_source
from loket.people.models import Address, Consent, HouseholdRelation, Person
from loket.people.selectors import household_of, persons_visible_to
from loket.people.services import (
    household_link_add,
    organisation_register,
    person_address_change,
    person_contact_update,
    person_register,
)
from loket.people.validators import national_number_build
from loket.tenancy.access import actor_for_resident
from tests.factories import MunicipalityFactory, PersonFactory


def _register(municipality, birth_date=dt.date(1980, 3, 14), counter=41, **kwargs):
    return person_register(
        municipality=municipality,
        national_number=national_number_build(birth_date, counter),
        first_names=kwargs.pop("first_names", "Sofie"),
        last_name=kwargs.pop("last_name", "Vandenbroucke"),
        street="Grote Markt",
        number="54",
        postal_code="8500",
        **kwargs,
    )


@pytest.mark.django_db
def test_register_takes_birth_date_and_sex_from_the_national_number(municipality):
    person = _register(municipality, counter=42)
    assert person.birth_date == dt.date(1980, 3, 14)
    assert person.sex == "F"
    assert person.search_name == "sofie vandenbroucke"
    assert Address.objects.get(person=person).valid_until is None


@pytest.mark.django_db
def test_register_refuses_an_invalid_national_number_and_saves_nothing(municipality):
    with pytest.raises(ValidationError):
        person_register(
            municipality=municipality,
            national_number="85073003329",
            first_names="A",
            last_name="B",
            street="S",
            number="1",
            postal_code="8500",
        )
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_moving_house_keeps_the_history_and_changes_the_municipality(
    municipality, other_municipality
):
    person = _register(municipality)
    person_address_change(
        person=person,
        municipality=other_municipality,
        street="Rijselstraat",
        number="3",
        postal_code="8930",
        moved_on=dt.date(2026, 6, 1),
    )
    person.refresh_from_db()
    addresses = list(Address.objects.filter(person=person).order_by("valid_from"))
    assert [a.valid_until for a in addresses] == [dt.date(2026, 6, 1), None]
    assert person.municipality == other_municipality


@pytest.mark.django_db
def test_only_one_current_address_per_person_is_enforced_by_the_database(municipality):
    person = PersonFactory(municipality=municipality)
    with pytest.raises(IntegrityError):
        Address.objects.create(
            person=person,
            municipality=municipality,
            street="X",
            number="1",
            postal_code="8500",
            valid_from=dt.date(2020, 1, 1),
        )


@pytest.mark.django_db
def test_household_partners_both_ways_and_children(municipality):
    mother, father = (
        PersonFactory(municipality=municipality),
        PersonFactory(municipality=municipality),
    )
    child = PersonFactory(municipality=municipality, birth_date=dt.date(2015, 5, 5))
    household_link_add(person=mother, relative=father, relation=HouseholdRelation.PARTNER)
    household_link_add(person=mother, relative=child, relation=HouseholdRelation.PARENT)
    assert household_of(person=father)["partners"] == [mother]
    assert household_of(person=mother)["children"] == [child]
    assert household_of(person=child)["parents"] == [mother]


@pytest.mark.django_db
def test_a_resident_sees_only_themselves_and_their_children(municipality):
    parent = PersonFactory(municipality=municipality)
    child = PersonFactory(municipality=municipality, birth_date=dt.date(2015, 5, 5))
    PersonFactory(municipality=municipality)  # a neighbour
    household_link_add(person=parent, relative=child, relation=HouseholdRelation.PARENT)
    visible = set(persons_visible_to(actor=actor_for_resident(parent.pk)))
    assert visible == {parent, child}
    assert set(persons_visible_to(actor=actor_for_resident(child.pk))) == {child}


@pytest.mark.django_db
def test_contact_update_orders_channels_and_records_consents(municipality):
    person = PersonFactory(municipality=municipality, phone="")
    person_contact_update(
        person=person,
        preferred_language="fr",
        preferred_channels=["sms", "email", "sms"],
        email="a@example.be",
        phone="+32470123456",
        consents={"surveys": True},
    )
    person.refresh_from_db()
    assert person.preferred_channels == ["sms", "email"]
    assert person.preferred_language == "fr"
    assert Consent.objects.get(person=person, purpose="surveys").granted is True


@pytest.mark.django_db
def test_contact_update_needs_a_phone_for_sms_and_changes_nothing_on_error(municipality):
    person = PersonFactory(municipality=municipality, phone="", preferred_channels=["portal"])
    with pytest.raises(ValidationError) as error:
        person_contact_update(
            person=person, preferred_language="nl", preferred_channels=["sms"], email="", phone=""
        )
    assert "phone" in error.value.message_dict
    person.refresh_from_db()
    assert person.preferred_channels == ["portal"]


@pytest.mark.django_db
def test_local_authentic_source_answers_from_the_register(municipality):
    parent = _register(municipality)
    child = PersonFactory(municipality=municipality, birth_date=dt.date(2016, 1, 1))
    household_link_add(person=parent, relative=child, relation=HouseholdRelation.PARENT)
    record = authentic_source().person_lookup(parent.national_number)
    assert record is not None
    assert (record.first_names, record.last_name) == ("Sofie", "Vandenbroucke")
    assert record.address is not None
    assert record.address.street == "Grote Markt"
    assert record.children == [child.national_number]
    assert record.source_label
    assert authentic_source().person_lookup("00000000000") is None


@pytest.mark.django_db
def test_organisation_with_a_valid_enterprise_number(municipality):
    organisation = organisation_register(
        municipality=municipality, enterprise_number="BE 0123.456.749", name="Bakkerij Demo"
    )
    assert organisation.enterprise_number == "0123456749"
    with pytest.raises(ValidationError):
        organisation_register(municipality=municipality, enterprise_number="0123.456.748", name="X")


@pytest.mark.django_db
def test_person_in_another_region_is_not_visible_to_a_resident_of_this_one():
    stranger = PersonFactory(municipality=MunicipalityFactory())
    me = PersonFactory(municipality=MunicipalityFactory())
    assert stranger not in set(persons_visible_to(actor=actor_for_resident(me.pk)))
