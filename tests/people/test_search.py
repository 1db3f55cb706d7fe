import pytest

from loket.people.selectors import persons_search
from loket.tenancy.access import actor_for_user
from tests.factories import PersonFactory


@pytest.mark.django_db
def test_search_tolerates_typos_and_missing_accents(municipality, clerk_actor):
    target = PersonFactory(
        municipality=municipality, first_names="Élodie", last_name="Vandenbroucke"
    )
    PersonFactory(municipality=municipality, first_names="Jan", last_name="Peeters")

    found = persons_search(actor=clerk_actor, query="elodie vandenbrouke")

    assert [p.pk for p in found] == [target.pk]


@pytest.mark.django_db
def test_search_by_national_number_is_exact(municipality, clerk_actor):
    target = PersonFactory(municipality=municipality)
    PersonFactory(municipality=municipality)

    found = persons_search(actor=clerk_actor, query=target.national_number)

    assert [p.pk for p in found] == [target.pk]


@pytest.mark.django_db
def test_search_never_returns_residents_of_another_municipality(
    municipality, other_municipality, clerk
):
    PersonFactory(municipality=other_municipality, first_names="Jan", last_name="Peeters")

    found = persons_search(actor=actor_for_user(clerk), query="Jan Peeters")

    assert found == []
