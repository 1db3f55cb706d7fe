"""Fixtures of the council tests: a municipality's secretary with a council, and the
secretary of another municipality of the same region."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from loket.decisions.pki import demo_certificate_ensure
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.council.helpers import Council, council_make
from tests.factories import staff_member


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def document_folder(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = folder
    settings.LOKET_SIGNING_DIR = tmp_path / "signing"
    settings.LOKET_SIGNING_TRUST_ROOTS = []
    return folder


@pytest.fixture
def secretary(municipality: Municipality) -> Any:
    return staff_member(municipality, Role.SECRETARY, preferred_language="en")


@pytest.fixture
def secretary_actor(secretary: Any) -> Actor:
    return actor_for_user(secretary)


@pytest.fixture
def other_secretary(other_municipality: Municipality) -> Any:
    return staff_member(other_municipality, Role.SECRETARY, preferred_language="en")


@pytest.fixture
def other_actor(other_secretary: Any) -> Actor:
    return actor_for_user(other_secretary)


@pytest.fixture
def council(secretary_actor: Actor, municipality: Municipality) -> Council:
    """The municipality's council; the municipality signs with a demo certificate (its
    published decision lists and minutes are signed)."""
    demo_certificate_ensure(municipality)
    return council_make(secretary_actor, municipality.pk)
