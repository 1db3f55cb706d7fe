"""The tenant commands of a real deployment: region_add, municipality_add, department_add,
staff_add."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from loket.accounts.models import User
from loket.tenancy.models import (
    Department,
    Membership,
    Municipality,
    Region,
    StaffAccessEvent,
    StaffAccessEventKind,
)
from loket.tenancy.permissions import Role

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def region(db):
    run(
        "region_add",
        "--slug=zwvl",
        "--name-nl=Zuid-West-Vlaanderen",
        "--name-fr=Flandre occidentale du Sud-Ouest",
        "--name-en=South-West Flanders",
    )
    return Region.objects.get(slug="zwvl")


@pytest.fixture
def kortrijk(region):
    run("municipality_add", "--region=zwvl", "--nis=34022")
    return Municipality.objects.get(nis_code="34022")


def test_region_add_creates_the_region_with_its_languages(db):
    output = run(
        "region_add",
        "--slug=brussel",
        "--name-nl=Brussels Hoofdstedelijk Gewest",
        "--name-fr=Région de Bruxelles-Capitale",
        "--languages=fr,nl",
    )

    region = Region.objects.get(slug="brussel")
    assert (region.name_nl, region.name_fr, region.name_en) == (
        "Brussels Hoofdstedelijk Gewest",
        "Région de Bruxelles-Capitale",
        "Brussels Hoofdstedelijk Gewest",
    )
    assert region.languages == ["fr", "nl"]
    assert "Region brussel saved" in output


def test_region_add_twice_updates_instead_of_duplicating(region):
    run("region_add", "--slug=zwvl", "--name-nl=Zuid-West", "--name-fr=Sud-Ouest")

    assert Region.objects.filter(slug="zwvl").count() == 1
    assert Region.objects.get(slug="zwvl").name_nl == "Zuid-West"


def test_region_add_refuses_an_unknown_language_and_creates_nothing(db):
    with pytest.raises(CommandError, match="comma-separated list of nl, fr and en"):
        run("region_add", "--slug=x", "--name-nl=X", "--name-fr=X", "--languages=nl,de")

    assert not Region.objects.exists()


def test_region_add_refuses_a_slug_that_is_not_a_slug(db):
    with pytest.raises(CommandError, match="lower-case letters"):
        run("region_add", "--slug=Zuid West", "--name-nl=X", "--name-fr=X")

    assert not Region.objects.exists()


def test_municipality_add_uses_the_bundled_names_and_boundary(region):
    output = run("municipality_add", "--region=zwvl", "--nis=34022", "--name-en=Kortrijk")

    kortrijk = Municipality.objects.get(nis_code="34022")
    assert (kortrijk.name_nl, kortrijk.name_fr, kortrijk.name_en, kortrijk.slug) == (
        "Kortrijk",
        "Courtrai",
        "Kortrijk",
        "kortrijk",
    )
    assert kortrijk.region == region
    assert kortrijk.boundary["type"] == "Polygon"
    assert "Municipality Kortrijk (34022) saved in region zwvl as /kortrijk/." in output


def test_municipality_add_takes_a_chosen_slug(region):
    run("municipality_add", "--region=zwvl", "--nis=34043", "--slug=spiere")

    assert Municipality.objects.get(nis_code="34043").slug == "spiere"


def test_municipality_add_with_an_unknown_nis_code_fails_clearly(region):
    with pytest.raises(CommandError, match=r"^No Belgian municipality has NIS code 99999\.$"):
        run("municipality_add", "--region=zwvl", "--nis=99999")

    assert not Municipality.objects.exists()


def test_municipality_add_with_an_unknown_region_fails_clearly(db):
    with pytest.raises(CommandError, match="No region has the slug nowhere"):
        run("municipality_add", "--region=nowhere", "--nis=34022")

    assert not Municipality.objects.exists()


def test_municipality_add_refuses_a_slug_taken_by_another_municipality(kortrijk):
    with pytest.raises(CommandError, match="already has the slug kortrijk"):
        run("municipality_add", "--region=zwvl", "--nis=34027", "--slug=kortrijk")

    assert not Municipality.objects.filter(nis_code="34027").exists()


def _database_url() -> str:
    database = settings.DATABASES["default"]
    user = quote(database["USER"] or "", safe="")
    password = quote(database["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host, port, name = database["HOST"] or "", database["PORT"] or "", database["NAME"]
    if host.startswith("/"):  # a socket folder (the embedded server)
        return f"postgresql://{credentials}/{name}?host={quote(host, safe='')}&port={port}"
    return f"postgresql://{credentials}{host}:{port}/{name}"


@pytest.mark.django_db(transaction=True)
def test_municipality_add_with_an_unknown_nis_code_exits_non_zero():
    Region.objects.create(slug="zwvl", name_nl="Zuid-West-Vlaanderen", name_fr="Sud-Ouest")
    environment = dict(os.environ, DATABASE_URL=_database_url())

    completed = subprocess.run(
        [
            *(sys.executable, "-m", "loket", "municipality_add", "--skip-checks"),
            *("--region=zwvl", "--nis=99999"),
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 1
    assert "99999" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert not Municipality.objects.exists()


def test_department_add_to_a_municipality(kortrijk):
    output = run(
        "department_add",
        "--municipality=34022",
        "--code=population",
        "--name-nl=Burgerzaken",
        "--name-fr=Population",
        "--name-en=Civil affairs",
        "--email=burgerzaken@kortrijk.example.be",
    )

    department = Department.objects.get(code="population")
    assert (department.municipality, department.region) == (kortrijk, kortrijk.region)
    assert department.email == "burgerzaken@kortrijk.example.be"
    assert "Department population (Burgerzaken) saved for Kortrijk." in output


def test_department_add_for_a_regional_body(region):
    run(
        "department_add",
        "--region=zwvl",
        "--code=waste-collection",
        "--name-nl=Afvalophaling",
        "--name-fr=Collecte des déchets",
    )

    department = Department.objects.get(code="waste-collection")
    assert (department.municipality, department.region) == (None, region)


def test_department_add_for_an_unknown_municipality_creates_nothing(region):
    with pytest.raises(CommandError, match="No municipality with NIS code 34022 is set up"):
        run("department_add", "--municipality=34022", "--code=x", "--name-nl=X", "--name-fr=X")

    assert not Department.objects.exists()


def test_department_add_refuses_a_code_that_is_not_a_slug(kortrijk):
    with pytest.raises(CommandError):
        run("department_add", "--municipality=34022", "--code=a b", "--name-nl=X", "--name-fr=X")

    assert not Department.objects.exists()


@pytest.fixture
def population_department(kortrijk):
    run(
        "department_add",
        "--municipality=34022",
        "--code=population",
        "--name-nl=Burgerzaken",
        "--name-fr=Population",
    )
    return Department.objects.get(code="population")


def test_staff_add_creates_a_user_who_can_sign_in_with_the_role(population_department, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS

    output = run(
        "staff_add",
        "--username=kortrijk.clerk",
        "--password=Balie-Kortrijk-2026",
        "--role=clerk",
        "--municipality=34022",
        "--department=population",
        "--first-name=Els",
        "--last-name=Vandamme",
    )

    user = authenticate(username="kortrijk.clerk", password="Balie-Kortrijk-2026")
    assert user is not None
    membership = Membership.objects.get(user=user)
    assert (membership.role, membership.municipality, membership.department) == (
        Role.CLERK,
        population_department.municipality,
        population_department,
    )
    assert "kortrijk.clerk is now Counter clerk in Kortrijk (Burgerzaken)." in output
    # In the municipality's audit trail of roles, by the server; once, however often it runs.
    event = StaffAccessEvent.objects.get(subject=user)
    assert (event.actor, event.kind, event.role, event.department) == (
        None,
        StaffAccessEventKind.ROLE_GRANTED,
        Role.CLERK,
        population_department,
    )
    run(
        "staff_add",
        "--username=kortrijk.clerk",
        "--password=Balie-Kortrijk-2026",
        "--role=clerk",
        "--municipality=34022",
        "--department=population",
    )
    assert StaffAccessEvent.objects.filter(subject=user).count() == 1


def test_staff_add_region_wide(region, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS

    run(
        "staff_add",
        "--username=zwvl.dispatcher",
        "--password=Dispatch-Zuid-West-7",
        "--role=dispatcher",
        "--region=zwvl",
    )

    membership = Membership.objects.get(user__username="zwvl.dispatcher")
    assert (membership.role, membership.region, membership.municipality) == (
        Role.DISPATCHER,
        region,
        None,
    )


def test_staff_add_refuses_a_weak_password_and_creates_nobody(kortrijk, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS

    with pytest.raises(CommandError, match="too short"):
        run(
            "staff_add",
            "--username=kortrijk.clerk",
            "--password=short",
            "--role=clerk",
            "--municipality=34022",
        )

    assert not User.objects.exists()
    assert not Membership.objects.exists()


def test_staff_add_refuses_an_unknown_department_and_creates_nobody(kortrijk, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS

    with pytest.raises(CommandError, match="Kortrijk has no department with code nope"):
        run(
            "staff_add",
            "--username=kortrijk.clerk",
            "--password=Balie-Kortrijk-2026",
            "--role=clerk",
            "--municipality=34022",
            "--department=nope",
        )

    assert not User.objects.exists()


def test_staff_add_refuses_the_integration_role(kortrijk):
    with pytest.raises(CommandError, match="invalid choice"):
        run(
            "staff_add",
            "--username=robot",
            "--password=Balie-Kortrijk-2026",
            "--role=integration",
            "--municipality=34022",
        )

    assert not User.objects.exists()


def test_staff_add_twice_keeps_one_user_and_one_membership(kortrijk, settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    arguments = (
        "staff_add",
        "--username=kortrijk.admin",
        "--password=Beheer-Kortrijk-2026",
        "--role=municipal_admin",
        "--municipality=34022",
    )

    run(*arguments)
    run(*arguments)

    assert User.objects.filter(username="kortrijk.admin").count() == 1
    assert Membership.objects.filter(user__username="kortrijk.admin").count() == 1


def test_staff_passwords_need_twelve_characters_and_may_be_long() -> None:
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Kortrijk-26")  # 11 characters
    validate_password("Kortrijk-2026")  # 13 characters
    validate_password("een lange wachtzin met spaties " * 4)  # 124 characters


def test_region_add_stores_how_a_sentence_says_in_the_region_and_keeps_it(db):
    arguments = (
        "region_add",
        "--slug=zwvl",
        "--name-nl=Zuid-West-Vlaanderen",
        "--name-fr=Sud-Ouest de la Flandre-Occidentale",
    )
    run(*arguments, "--in-fr=dans le Sud-Ouest de la Flandre-Occidentale")
    run(*arguments)  # a re-run without the phrases keeps them

    region = Region.objects.get(slug="zwvl")
    assert region.in_name("fr") == "dans le Sud-Ouest de la Flandre-Occidentale"
    assert region.in_name("nl") == "in Zuid-West-Vlaanderen"
