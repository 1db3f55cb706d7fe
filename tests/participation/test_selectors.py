"""Each selector returns what the actor may see and nothing else."""

from __future__ import annotations

import pytest
from django.http import Http404

from loket.participation.models import Idea
from loket.participation.selectors import (
    idea_get_for_photo,
    idea_get_for_resident_action,
    idea_get_of_resident,
    idea_get_published,
    idea_history_public,
    ideas_for_moderation,
    ideas_of_resident,
    ideas_published,
    ideas_visible_to,
    merge_targets,
)
from loket.participation.services import idea_moderate
from loket.people.models import Person
from loket.tenancy.access import ANONYMOUS, Actor, actor_for_resident
from loket.tenancy.models import Municipality
from tests.participation.conftest import published

pytestmark = pytest.mark.django_db


def test_the_public_sees_published_ideas_of_the_municipality_only(
    published_idea: Idea, submitted_idea: Idea, other_municipality: Municipality
) -> None:
    municipality = published_idea.municipality
    assert list(ideas_published(municipality=municipality)) == [published_idea]
    assert list(ideas_published(municipality=other_municipality)) == []
    with pytest.raises(Http404):
        idea_get_published(municipality=municipality, idea_id=submitted_idea.pk)
    with pytest.raises(Http404):
        idea_get_published(municipality=other_municipality, idea_id=published_idea.pk)


def test_the_public_history_leaves_out_a_refusal(submitted_idea: Idea, moderator: Actor) -> None:
    idea_moderate(actor=moderator, idea_id=submitted_idea.pk, to_status="rejected", reason="Nee")
    assert [event.kind for event in idea_history_public(idea=submitted_idea)] == ["submitted"]


def test_staff_see_the_ideas_of_their_municipality_only(
    submitted_idea: Idea, moderator: Actor, foreign_moderator: Actor, outsider: Person
) -> None:
    foreign = published(outsider, foreign_moderator, "Elders")
    assert list(ideas_visible_to(actor=moderator)) == [submitted_idea]
    assert list(ideas_for_moderation(actor=moderator)) == [submitted_idea]
    assert list(ideas_visible_to(actor=foreign_moderator)) == [foreign]
    assert list(ideas_for_moderation(actor=foreign_moderator)) == []
    assert list(ideas_visible_to(actor=actor_for_resident(outsider.pk))) == []


def test_merge_targets_are_published_ideas_of_the_same_municipality(
    submitted_idea: Idea,
    published_idea: Idea,
    moderator: Actor,
    foreign_moderator: Actor,
    outsider: Person,
) -> None:
    published(outsider, foreign_moderator, "Elders")
    assert list(merge_targets(actor=moderator, idea=submitted_idea)) == [published_idea]
    assert list(merge_targets(actor=moderator, idea=published_idea)) == []


def test_a_resident_sees_their_own_ideas_and_acts_on_their_municipalitys(
    submitted_idea: Idea, published_idea: Idea, neighbour: Person, outsider: Person
) -> None:
    author = actor_for_resident(submitted_idea.author_id)
    assert set(ideas_of_resident(actor=author)) == {submitted_idea, published_idea}
    assert list(ideas_of_resident(actor=actor_for_resident(neighbour.pk))) == []
    with pytest.raises(Http404):
        idea_get_of_resident(actor=actor_for_resident(neighbour.pk), idea_id=submitted_idea.pk)
    neighbour_actor = actor_for_resident(neighbour.pk)
    assert idea_get_for_resident_action(actor=neighbour_actor, idea_id=published_idea.pk)
    for actor, idea in (
        (neighbour_actor, submitted_idea),
        (actor_for_resident(outsider.pk), published_idea),
    ):
        with pytest.raises(Http404):
            idea_get_for_resident_action(actor=actor, idea_id=idea.pk)


def test_an_idea_without_a_photo_has_none_to_show(published_idea: Idea) -> None:
    with pytest.raises(Http404):
        idea_get_for_photo(actor=ANONYMOUS, idea_id=published_idea.pk)
