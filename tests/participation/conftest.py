"""Participation fixtures: a municipality with residents, staff and ideas in each status."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from loket.participation.models import Idea
from loket.participation.services import idea_moderate, idea_propose
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import PersonFactory, staff_member


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _english() -> None:
    """Messages are asserted in English (the suite deactivates the language after each
    test)."""
    translation.activate("en")


@pytest.fixture
def moderator(municipality: Municipality) -> Actor:
    return actor_for_user(staff_member(municipality, Role.CLERK))


@pytest.fixture
def manager(municipality: Municipality) -> Actor:
    return actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))


@pytest.fixture
def foreign_moderator(other_municipality: Municipality) -> Actor:
    return actor_for_user(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))


@pytest.fixture
def neighbour(municipality: Municipality) -> Person:
    return PersonFactory(municipality=municipality)


@pytest.fixture
def outsider(other_municipality: Municipality) -> Person:
    return PersonFactory(municipality=other_municipality)


def propose(person: Person, title: str = "Een bank in het park") -> Idea:
    return idea_propose(actor=actor_for_resident(person.pk), title=title, body="Om even te rusten.")


def published(person: Person, moderator: Actor, title: str = "Een bank in het park") -> Idea:
    idea = propose(person, title)
    return idea_moderate(actor=moderator, idea_id=idea.pk, to_status="published")


@pytest.fixture
def submitted_idea(resident: Person) -> Idea:
    return propose(resident)


@pytest.fixture
def published_idea(resident: Person, moderator: Actor) -> Idea:
    return published(resident, moderator)
