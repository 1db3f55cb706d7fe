import pytest
from django.db import connection

from loket.people.selectors import persons_search
from loket.tenancy.access import actor_for_user
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, regional_staff_member


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


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["vandenbrouke", "Vandenbroucke", "Van den Broucke", "vanden broucke"]
)
def test_the_ways_a_surname_is_written_find_each_other(municipality, clerk_actor, query):
    spaced = PersonFactory(
        municipality=municipality, first_names="Sofie", last_name="Van den Broucke"
    )
    joined = PersonFactory(municipality=municipality, first_names="Jan", last_name="Vandenbroucke")
    PersonFactory(municipality=municipality, first_names="Jan", last_name="Peeters")

    found = persons_search(actor=clerk_actor, query=query)

    assert {p.pk for p in found} == {spaced.pk, joined.pk}


@pytest.mark.django_db
def test_a_first_name_with_the_surname_puts_that_person_first(municipality, clerk_actor):
    PersonFactory(municipality=municipality, first_names="Jan", last_name="Vandenbroucke")
    sofie = PersonFactory(municipality=municipality, first_names="Sofie", last_name="Vandenbroucke")

    found = persons_search(actor=clerk_actor, query="Sofie Van den Broucke")

    assert found[0].pk == sofie.pk
    assert len(found) == 2


@pytest.mark.django_db
def test_accents_and_apostrophes_are_ignored(municipality, clerk_actor):
    target = PersonFactory(municipality=municipality, first_names="Hélène", last_name="D'Hondt")

    assert [p.pk for p in persons_search(actor=clerk_actor, query="dhondt")] == [target.pk]
    assert [p.pk for p in persons_search(actor=clerk_actor, query="helene d'hondt")] == [target.pk]


@pytest.mark.django_db
def test_a_first_name_alone_still_finds_the_person(municipality, clerk_actor):
    target = PersonFactory(municipality=municipality, first_names="Godelieve", last_name="Maes")

    assert [p.pk for p in persons_search(actor=clerk_actor, query="godelieve")] == [target.pk]


@pytest.mark.django_db
def test_exact_surnames_come_before_typo_matches_and_the_limit_holds(municipality, clerk_actor):
    exact = [
        PersonFactory(municipality=municipality, first_names=f"Jan{index}", last_name="Maes")
        for index in range(3)
    ]
    PersonFactory(municipality=municipality, first_names="Piet", last_name="Maess")

    found = persons_search(actor=clerk_actor, query="maes", limit=3)

    assert {p.pk for p in found} == {p.pk for p in exact}
    assert [p.last_name for p in persons_search(actor=clerk_actor, query="maes")][-1] == "Maess"


@pytest.mark.django_db
def test_search_by_email_phone_and_address(municipality, clerk_actor):
    target = PersonFactory(
        municipality=municipality, email="Sofie.Peeters@example.test", phone="+32470123456"
    )
    other = PersonFactory(municipality=municipality, phone="+32470999999")
    address = target.addresses.get()
    address.street, address.number = "Sint-Jansstraat", "12"
    address.save()

    assert persons_search(actor=clerk_actor, query="sofie.peeters@example.test") == [target]
    assert persons_search(actor=clerk_actor, query="0470 12 34 56") == [target]
    assert persons_search(actor=clerk_actor, query="+32 470 12 34 56") == [target]
    assert persons_search(actor=clerk_actor, query="sint-jansstraat 12") == [target]
    assert persons_search(actor=clerk_actor, query="Sint-Jansstraat 13") == []
    assert other not in persons_search(actor=clerk_actor, query="0470 12 34 56")


@pytest.mark.django_db
def test_email_phone_and_address_of_another_municipality_find_nothing(
    municipality, other_municipality, clerk_actor
):
    target = PersonFactory(
        municipality=other_municipality, email="x@example.test", phone="+32470123456"
    )
    address = target.addresses.get()
    address.street, address.number = "Markt", "1"
    address.save()

    for query in ("x@example.test", "0470123456", "Markt 1", target.national_number, "x"):
        assert persons_search(actor=clerk_actor, query=query) == []


@pytest.mark.django_db
def test_a_regional_administrator_finds_residents_of_every_municipality_of_the_region(
    municipality, other_municipality
):
    here = PersonFactory(municipality=municipality, last_name="Vandamme")
    there = PersonFactory(municipality=other_municipality, last_name="Van Damme")
    elsewhere = PersonFactory(last_name="Vandamme")  # another region
    admin = actor_for_user(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))

    found = {p.pk for p in persons_search(actor=admin, query="vandame")}

    assert found == {here.pk, there.pk}
    assert elsewhere.pk not in found


@pytest.mark.django_db
def test_the_search_passes_use_their_indexes(municipality, clerk_actor):
    """On a few rows the planner would read the table; told not to, each pass is
    answered by its index (the exact pass by the B-tree, the typo pass by KNN)."""
    PersonFactory.create_batch(3, municipality=municipality)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_bitmapscan = off")
        try:
            cursor.execute(
                "EXPLAIN SELECT id FROM people_person WHERE municipality_id = %s "
                "AND search_surname = ANY(%s)",
                [municipality.pk, ["maes"]],
            )
            exact = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute(
                "EXPLAIN SELECT surname FROM people_searchsurname ORDER BY surname <-> %s LIMIT 5",
                ["maes"],
            )
            typo = "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("SET enable_seqscan = on")
            cursor.execute("SET enable_bitmapscan = on")

    # On three rows the planner may as well take the municipality's foreign-key index for
    # the exact pass (both are index scans); the benchmark's EXPLAIN ANALYZE on 314,000
    # residents shows the surname index. Here: an index scan, and the index is there.
    assert "Index" in exact
    assert "Seq Scan" not in exact
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'person_search_surname'")
        [definition] = cursor.fetchone()
    assert '(municipality_id, search_surname, search_name COLLATE "C")' in definition
    assert "Index Scan using search_surname_trgm" in typo
    assert "Order By" in typo


@pytest.mark.django_db
def test_a_first_name_finds_people_so_named_before_surnames_that_start_alike(
    municipality, clerk_actor
):
    jan = PersonFactory(municipality=municipality, first_names="Jan", last_name="Maes")
    PersonFactory(municipality=municipality, first_names="Piet", last_name="Janssens")

    found = persons_search(actor=clerk_actor, query="Jan", limit=1)

    assert found == [jan]


@pytest.mark.django_db
def test_the_migration_fills_the_compact_surname_and_the_list_of_surnames(municipality):
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps

    from loket.people.models import Person, SearchSurname

    migration = import_module("loket.people.migrations.0002_person_search_surname")
    person = PersonFactory(municipality=municipality, last_name="Van den Broucke")
    Person.objects.filter(pk=person.pk).update(search_surname="")
    SearchSurname.objects.all().delete()

    migration.fill_search_surname(apps, SimpleNamespace(connection=connection))

    person.refresh_from_db()
    assert person.search_surname == "vandenbroucke"
    assert list(SearchSurname.objects.values_list("surname", flat=True)) == ["vandenbroucke"]
