"""Fixtures for API tests: callers of every kind, as real HTTP clients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client

from loket.accounts.models import ApiClient, User
from loket.accounts.services import api_client_create
from loket.identity.services import SESSION_KEY
from loket.people.models import Person
from loket.tenancy.models import Municipality, Region


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Rate-limit counts live in the cache; every test starts from zero."""
    cache.clear()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def token_for() -> Callable[..., tuple[ApiClient, str]]:
    def make(
        *, region: Region, municipality: Municipality | None = None, name: str = "Case system"
    ) -> tuple[ApiClient, str]:
        return api_client_create(name=name, region=region, municipality=municipality)

    return make


@pytest.fixture
def staff_session() -> Callable[[User], Client]:
    def make(user: User, **client_options: object) -> Client:
        client = Client(**client_options)
        client.force_login(user)
        return client

    return make


@pytest.fixture
def resident_session() -> Callable[[Person], Client]:
    def make(person: Person, **client_options: object) -> Client:
        client = Client(**client_options)
        session = client.session
        session[SESSION_KEY] = person.pk
        session.save()
        return client

    return make
