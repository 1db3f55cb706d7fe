"""Fixtures of the assistant tests: the shipped catalogue and phrasings, a contact centre."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from loket.assistant.documents import shipped_phrasings
from loket.assistant.knowledge import knowledge_forget
from loket.assistant.teaching import shipped_phrasings_load
from loket.catalog.loading import catalog_load
from loket.tenancy.models import Department, Municipality
from tests.factories import DepartmentFactory


@pytest.fixture(autouse=True)
def _fresh_knowledge() -> Iterator[None]:
    knowledge_forget()
    yield
    knowledge_forget()


@pytest.fixture
def knowledge(db: None) -> None:
    """The regional catalogue and the shipped phrasings, as after `make demo`."""
    catalog_load()
    shipped_phrasings_load(phrasings=shipped_phrasings())


@pytest.fixture
def contact_centre(municipality: Municipality) -> Department:
    return DepartmentFactory(
        municipality=municipality,
        code="contact-centre",
        name_nl="Contactcenter",
        name_fr="Centre de contact",
        name_en="Contact centre",
        email="contact@gemeente.example",
    )
