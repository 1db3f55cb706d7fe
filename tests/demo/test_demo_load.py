"""`loket demo_load`: the demo regions, staff, residents and households.

The demo is loaded once for this module, inside a transaction that is rolled back at the
end; every test runs in a savepoint inside it.
"""

from __future__ import annotations

import datetime as dt
from base64 import b32decode
from collections import Counter, defaultdict
from io import StringIO

import pytest
import shapely
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from shapely.geometry import shape

from loket.accounts.models import User
from loket.demo.data.tenants import DEMO_PASSWORD, DEMO_TOTP_SECRET, STAFF
from loket.demo.services import demo_load
from loket.people.models import Address, Consent, HouseholdLink, Organisation, Person
from loket.people.selectors import address_current, household_of
from loket.people.services import name_normalise
from loket.people.validators import enterprise_number_normalise, national_number_parse
from loket.tenancy.access import actor_for_user
from loket.tenancy.models import Department, Membership, Municipality, Region
from loket.tenancy.permissions import Permission, Role
from tests.two_factor import totp_code

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ZWVL_NIS_CODES = {
    "33029", "34002", "34003", "34009", "34013", "34022", "34023", "34025", "34027",
    "34040", "34041", "34042", "34043",
}  # fmt: skip
BRUSSELS_NIS_CODES = {f"210{index:02d}" for index in range(1, 20)}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield demo_load()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo, db):
    return demo


def _counts() -> dict[str, int]:
    models = (
        Region, Municipality, Department, User, Membership, Person, Address, HouseholdLink,
        Consent, Organisation,
    )  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_demo_has_33_municipalities_in_three_regions(loaded):
    by_region = {
        region.slug: set(region.municipalities.values_list("nis_code", flat=True))
        for region in Region.objects.all()
    }

    assert by_region == {
        "zuid-west-vlaanderen": ZWVL_NIS_CODES,
        "brussel": BRUSSELS_NIS_CODES,
        "ninove": {"41048"},
    }
    assert Municipality.objects.count() == 33


def test_demo_regions_and_municipalities_have_their_names_and_languages(loaded):
    brussels = Region.objects.get(slug="brussel")
    zwvl = Region.objects.get(slug="zuid-west-vlaanderen")
    city = Municipality.objects.get(nis_code="21004")
    kortrijk = Municipality.objects.get(nis_code="34022")

    assert (brussels.name_nl, brussels.name_fr, brussels.name_en) == (
        "Brussels Hoofdstedelijk Gewest",
        "Région de Bruxelles-Capitale",
        "Brussels-Capital Region",
    )
    assert (brussels.languages, zwvl.languages) == (["fr", "nl"], ["nl"])
    assert zwvl.name_en == "South-West Flanders"
    assert (city.slug, city.name_nl, city.name_fr, city.name_en) == (
        "brussel",
        "Brussel",
        "Bruxelles",
        "City of Brussels",
    )
    assert (kortrijk.slug, kortrijk.name_fr, kortrijk.name_en) == (
        "kortrijk",
        "Courtrai",
        "Kortrijk",
    )
    assert Municipality.objects.get(nis_code="21012").slug == "sint-jans-molenbeek"
    assert Municipality.objects.get(nis_code="34043").slug == "spiere-helkijn"


def test_every_municipality_has_the_basic_departments(loaded):
    codes = defaultdict(set)
    for nis_code, code in Department.objects.filter(municipality__isnull=False).values_list(
        "municipality__nis_code", "code"
    ):
        codes[nis_code].add(code)

    assert len(codes) == 33
    assert all({"population", "public-works", "cleanliness", "social"} <= c for c in codes.values())
    assert {"mobility", "contact-centre"} <= codes["34022"]
    body = Department.objects.get(code="brussels-mobility")
    assert (body.municipality, body.region.slug, body.name_fr) == (
        None,
        "brussel",
        "Bruxelles Mobilité",
    )


def test_demo_has_over_2000_residents_and_at_least_20_per_municipality(loaded):
    per_municipality = Counter(Person.objects.values_list("municipality__nis_code", flat=True))

    assert sum(per_municipality.values()) >= 2000
    assert len(per_municipality) == 33
    assert min(per_municipality.values()) >= 20
    assert per_municipality["34022"] == max(per_municipality.values())


def test_every_national_number_is_valid_and_matches_birth_date_and_sex(loaded):
    people = list(Person.objects.values_list("national_number", "birth_date", "sex"))

    for number, birth_date, sex in people:
        parsed = national_number_parse(number)
        assert (parsed.birth_date, parsed.sex) == (birth_date, sex), number
        assert int(number[6:9]) % 2 == (1 if sex == "M" else 0)
    assert sum(1 for _n, birth_date, _s in people if birth_date.year >= 2000) >= 300
    assert {sex for _n, _b, sex in people} == {"M", "F"}


def test_register_invariants_hold(loaded):
    people = list(Person.objects.all())

    for person in people:
        assert person.search_name == name_normalise(f"{person.first_names} {person.last_name}")
        assert person.region_id == Municipality.objects.get(pk=person.municipality_id).region_id
        if "email" in person.preferred_channels:
            assert person.email.endswith(("@example.be", "@example.com", "@example.org"))
        if "sms" in person.preferred_channels:
            assert person.phone.startswith("+324")
            assert len(person.phone) == 12
    current = Counter(
        Address.objects.filter(valid_until__isnull=True).values_list("person_id", flat=True)
    )
    assert set(current) == {person.pk for person in people}
    assert set(current.values()) == {1}


def test_every_address_lies_inside_its_municipality(loaded):
    boundaries = {
        municipality.pk: shape(municipality.boundary) for municipality in Municipality.objects.all()
    }
    rows = list(Address.objects.values_list("municipality_id", "longitude", "latitude"))

    outside = [row for row in rows if not shapely.contains_xy(boundaries[row[0]], row[1], row[2])]

    assert len(rows) >= 2000
    assert outside == []


def test_current_address_is_in_the_residents_municipality_with_real_postal_codes(loaded):
    rows = Address.objects.filter(valid_until__isnull=True).values_list(
        "municipality_id", "person__municipality_id", "municipality__nis_code", "postal_code"
    )
    postal_codes = defaultdict(set)
    for address_municipality, person_municipality, nis_code, postal_code in rows:
        assert address_municipality == person_municipality
        postal_codes[nis_code].add(postal_code)

    assert postal_codes["34027"] == {"8930"}
    assert postal_codes["34022"] <= {"8500", "8501", "8510", "8511"}
    assert postal_codes["21009"] == {"1050"}
    assert postal_codes["21004"] <= {"1000", "1020", "1120", "1130"}
    assert postal_codes["41048"] <= {"9400", "9401", "9402", "9403", "9404", "9406"}


def test_partners_are_linked_both_ways_and_share_their_address(loaded):
    partners = set(
        HouseholdLink.objects.filter(relation="partner").values_list("person_id", "relative_id")
    )
    homes = {
        address.person_id: (address.street, address.number, address.box, address.postal_code)
        for address in Address.objects.filter(valid_until__isnull=True)
    }

    assert len(partners) >= 400
    for person_id, relative_id in partners:
        assert (relative_id, person_id) in partners
        assert homes[person_id] == homes[relative_id]


def test_children_live_with_their_parents_who_are_older(loaded):
    links = list(
        HouseholdLink.objects.filter(relation="parent").values_list(
            "person_id", "relative_id", "person__birth_date", "relative__birth_date"
        )
    )
    homes = {
        address.person_id: (address.street, address.number, address.box, address.postal_code)
        for address in Address.objects.filter(valid_until__isnull=True)
    }
    parents_per_child = Counter(child for _parent, child, _pb, _cb in links)

    assert len(parents_per_child) >= 300
    assert max(parents_per_child.values()) == 2
    for parent, child, parent_birth, child_birth in links:
        assert child_birth.year - parent_birth.year >= 18
        if child_birth >= dt.date(2008, 1, 1):
            assert homes[parent] == homes[child]


def test_some_residents_moved_from_another_municipality(loaded):
    moves = list(
        Address.objects.filter(valid_until__isnull=False).values_list(
            "person_id", "municipality_id", "valid_until"
        )
    )
    current = {
        address.person_id: address for address in Address.objects.filter(valid_until__isnull=True)
    }

    assert len(moves) >= 50
    for person_id, municipality_id, valid_until in moves:
        assert current[person_id].municipality_id != municipality_id
        assert current[person_id].valid_from == valid_until


def test_languages_and_channels_fit_the_area(loaded):
    brussels = Counter(
        Person.objects.filter(region__slug="brussel").values_list("preferred_language", flat=True)
    )
    flanders = Counter(
        Person.objects.filter(region__slug="zuid-west-vlaanderen").values_list(
            "preferred_language", flat=True
        )
    )
    elderly_by_letter = Person.objects.filter(
        birth_date__lt=dt.date(1946, 1, 1), preferred_channels__contains=["letter"]
    ).count()

    assert brussels["fr"] > brussels["nl"] > 0
    assert brussels["en"] > 0
    assert flanders["nl"] > 0.85 * sum(flanders.values())
    assert elderly_by_letter >= 30


def test_well_known_residents(loaded):
    sofie = Person.objects.get(first_names="Sofie", last_name="Vandenbroucke")
    household = household_of(person=sofie)
    camille = Person.objects.get(first_names="Camille", last_name="Dubois")
    marie = Person.objects.get(first_names="Marie", last_name="Lefevere")

    assert sofie.municipality.nis_code == "34022"
    assert [partner.full_name for partner in household["partners"]] == ["Thomas Desmet"]
    assert sorted(child.first_names for child in household["children"]) == ["Lotte", "Warre"]
    assert address_current(person=sofie).one_line == "Doorniksestraat 112, 8500 Kortrijk"
    assert sofie.addresses.count() == 2
    assert (camille.municipality.nis_code, camille.preferred_language) == ("21004", "fr")
    assert marie.municipality.nis_code == "34027"


def test_organisations_have_valid_enterprise_numbers(loaded):
    organisations = list(Organisation.objects.all())

    assert len(organisations) >= 5
    for organisation in organisations:
        assert enterprise_number_normalise(organisation.enterprise_number) == (
            organisation.enterprise_number
        )
        assert organisation.region_id == organisation.municipality.region_id


def test_demo_staff_sign_in_with_the_demo_password_and_have_their_roles(loaded):
    for spec in STAFF:
        user = authenticate(username=spec.username, password=DEMO_PASSWORD)
        assert user is not None, spec.username
        membership = Membership.objects.select_related("municipality", "department").get(user=user)
        assert membership.role == spec.role
        assert membership.region.slug == spec.region
        assert (membership.municipality.nis_code if membership.municipality else None) == (
            spec.municipality
        )
        assert (membership.department.code if membership.department else None) == spec.department
    assert authenticate(username="kortrijk.clerk", password="wrong-password") is None


def test_demo_roles_cover_every_staff_role_and_scope_correctly(loaded):
    roles = set(Membership.objects.values_list("role", flat=True))
    kortrijk = Municipality.objects.get(nis_code="34022")
    menen = Municipality.objects.get(nis_code="34027")
    clerk = actor_for_user(User.objects.get(username="kortrijk.clerk"))
    regional = actor_for_user(User.objects.get(username="zwvl.admin"))

    assert roles == set(Role.values) - {Role.INTEGRATION}
    assert clerk.has(Permission.PEOPLE_VIEW, kortrijk.pk)
    assert not clerk.has(Permission.PEOPLE_VIEW, menen.pk)
    assert regional.has(Permission.PEOPLE_VIEW, menen.pk)


def test_staff_can_sign_in_through_the_login_page(loaded, client):
    assert client.login(username="brussel.clerk", password=DEMO_PASSWORD)


def test_demo_load_twice_changes_nothing(loaded):
    before = _counts()
    numbers_before = set(Person.objects.values_list("national_number", "first_names"))

    again = demo_load()

    assert _counts() == before
    assert set(Person.objects.values_list("national_number", "first_names")) == numbers_before
    assert (again.residents_created, again.residents_existing) == (0, before["Person"])


@pytest.mark.slow  # loads every domain's demo data too (cases, payments, reports, ...)
def test_demo_load_command_loads_the_domains_and_prints_the_accounts(loaded):
    out = StringIO()
    with translation.override("en"):
        call_command("demo_load", stdout=out)
    output = out.getvalue()

    assert "Demo loaded in" in output
    assert "(0 new)" in output
    for spec in STAFF:
        assert spec.username in output
    assert f"Password for every demo account: {DEMO_PASSWORD}" in output
    assert "Sofie Vandenbroucke" in output
    assert "  bank accounts: 33 set" in output.splitlines()
    assert "  catalogue: " in output


def test_demo_staff_pass_two_step_verification_with_the_documented_key(loaded, client):
    """The demo accounts come with an authenticator on the key printed by `demo_load`."""
    device = TOTPDevice.objects.get(user__username="kortrijk.clerk", confirmed=True)
    assert device.bin_key == b32decode(DEMO_TOTP_SECRET)
    client.post("/backoffice/aanmelden/", {"username": "kortrijk.clerk", "password": DEMO_PASSWORD})
    assert client.get("/backoffice/")["Location"].startswith(
        "/backoffice/tweestapsverificatie/controle/"
    )

    client.post("/backoffice/tweestapsverificatie/controle/", {"code": totp_code(device)})

    assert client.get("/backoffice/").status_code == 200
