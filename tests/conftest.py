"""Suite-wide fixtures. The database is real PostgreSQL: the server in DATABASE_URL, or
Loket's embedded one."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import override_settings
from django.utils import translation

from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.geometry import boundary_index_reset
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import MunicipalityFactory, PersonFactory, staff_member
from tests.two_factor import PASSWORD_ONLY, VERIFIED_BACKEND

FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The assistant's optional embedding ranker stays off in tests (its own tests switch it on):
# the answers then do not depend on whether the optional model is installed.
os.environ.setdefault("LOKET_ASSISTANT_EMBEDDINGS", "off")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give every test run its own test database, so runs started side by side (several
    developers on one machine, or CI beside a developer) never drop each other's."""
    from django.conf import settings

    suffix = os.environ.get("LOKET_TEST_DATABASE_SUFFIX", str(os.getpid()))
    database = settings.DATABASES["default"]
    base = database.get("TEST", {}).get("NAME") or f"test_{database['NAME']}"
    database.setdefault("TEST", {})["NAME"] = f"{base}_{suffix}"[:63]


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    """Hash test passwords with a cheap hasher: the production one takes most of a second a
    password on purpose, which made up much of the suite's time. No test is about the hasher's
    cost; a command run in a child process still uses the configured one."""
    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(scope="session", autouse=True)
def _force_login_is_a_verified_sign_in() -> Iterator[None]:
    """`client.force_login(user)` signs a staff member in with their second factor proved
    (see tests/two_factor.py); the sign-in form and `client.login` still need the code."""
    with override_settings(AUTHENTICATION_BACKENDS=[VERIFIED_BACKEND, PASSWORD_ONLY]):
        yield


@pytest.fixture(autouse=True)
def _fresh_boundary_index() -> None:
    boundary_index_reset()


@pytest.fixture(autouse=True)
def _no_language_left_active() -> Iterator[None]:
    """A page requested in another language leaves that language active in the thread;
    without this, a later test expecting the default (Dutch) depends on which ran before."""
    yield
    translation.deactivate()


@pytest.fixture
def municipality(db: None) -> Municipality:
    return MunicipalityFactory()


@pytest.fixture
def other_municipality(db: None, municipality: Municipality) -> Municipality:
    return MunicipalityFactory(region=municipality.region)


@pytest.fixture
def clerk(municipality: Municipality):  # type: ignore[no-untyped-def]
    return staff_member(municipality, Role.CLERK)


@pytest.fixture
def clerk_actor(clerk) -> Actor:  # type: ignore[no-untyped-def]
    return actor_for_user(clerk)


@pytest.fixture
def resident(municipality: Municipality):  # type: ignore[no-untyped-def]
    return PersonFactory(municipality=municipality)


@pytest.fixture
def resident_actor(resident) -> Actor:  # type: ignore[no-untyped-def]
    return actor_for_resident(resident.pk)
