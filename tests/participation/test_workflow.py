"""Both lifecycles of an idea: every allowed move works and writes its history row; every
other one is refused and changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import Http404

from loket.participation.models import Idea, IdeaEvent, IdeaEventKind
from loket.participation.services import idea_merge, idea_moderate, idea_status_change, idea_vote
from loket.participation.workflow import (
    AUTHOR,
    MODERATION,
    PUBLIC,
    IdeaStatus,
    PublicStatus,
)
from loket.people.models import Person
from loket.tenancy.access import Actor, ActorKind, actor_for_resident
from loket.tenancy.permissions import Permission
from tests.participation.conftest import propose, published

pytestmark = pytest.mark.django_db


def test_the_tables_hold_the_documented_moves() -> None:
    assert MODERATION.targets() == {
        "submitted": frozenset({"published", "rejected", "merged"}),
        "published": frozenset({"merged"}),
        "merged": frozenset(),
        "rejected": frozenset(),
        "withdrawn": frozenset(),
    }
    assert MODERATION.targets(AUTHOR) == {
        "submitted": frozenset({"withdrawn"}),
        "published": frozenset({"withdrawn", "submitted"}),
        "merged": frozenset(),
        "rejected": frozenset(),
        "withdrawn": frozenset(),
    }
    assert PUBLIC.targets() == {
        "under_review": frozenset({"planned", "declined"}),
        "planned": frozenset({"done", "declined"}),
        "done": frozenset(),
        "declined": frozenset(),
    }


def test_publishing_appends_a_public_event(submitted_idea: Idea, moderator: Actor) -> None:
    idea_moderate(actor=moderator, idea_id=submitted_idea.pk, to_status="published")

    submitted_idea.refresh_from_db()
    assert submitted_idea.status == IdeaStatus.PUBLISHED
    event = submitted_idea.events.last()
    assert event is not None
    assert (event.kind, event.from_status, event.to_status, event.is_public) == (
        IdeaEventKind.MODERATED,
        "submitted",
        "published",
        True,
    )
    assert event.actor_user == moderator.user


def test_rejecting_needs_a_reason_and_keeps_it(submitted_idea: Idea, moderator: Actor) -> None:
    with pytest.raises(ValidationError) as refused:
        idea_moderate(actor=moderator, idea_id=submitted_idea.pk, to_status="rejected")
    assert refused.value.message_dict == {"reason": ["Give the reason; it is shown with the idea."]}
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == IdeaStatus.SUBMITTED
    assert submitted_idea.events.count() == 1

    idea_moderate(
        actor=moderator, idea_id=submitted_idea.pk, to_status="rejected", reason="Geen idee."
    )

    submitted_idea.refresh_from_db()
    assert (submitted_idea.status, submitted_idea.rejection_reason) == ("rejected", "Geen idee.")
    event = submitted_idea.events.last()
    assert event is not None
    assert event.is_public is False
    assert event.message == "Geen idee."


@pytest.mark.parametrize(
    ("source", "target"), [("published", "published"), ("published", "rejected")]
)
def test_a_move_outside_the_table_is_refused_and_changes_nothing(
    published_idea: Idea, moderator: Actor, source: str, target: str
) -> None:
    events = published_idea.events.count()
    with pytest.raises(ValidationError) as refused:
        idea_moderate(actor=moderator, idea_id=published_idea.pk, to_status=target, reason="x")
    assert refused.value.message_dict["to_status"] == [
        f"An idea that is “Published” cannot become “{IdeaStatus(target).label}”."
    ]
    published_idea.refresh_from_db()
    assert published_idea.status == source
    assert published_idea.events.count() == events


def test_the_public_status_walks_under_review_planned_done(
    published_idea: Idea, moderator: Actor
) -> None:
    idea_status_change(actor=moderator, idea_id=published_idea.pk, to_status="planned")
    idea_status_change(actor=moderator, idea_id=published_idea.pk, to_status="done")

    published_idea.refresh_from_db()
    assert published_idea.public_status == PublicStatus.DONE
    moves = list(
        published_idea.events.filter(kind=IdeaEventKind.STATUS_CHANGED).values_list(
            "from_status", "to_status", "is_public"
        )
    )
    assert moves == [("under_review", "planned", True), ("planned", "done", True)]
    with pytest.raises(ValidationError):
        idea_status_change(
            actor=moderator, idea_id=published_idea.pk, to_status="declined", reason="Te laat."
        )


@pytest.mark.parametrize("source", ["under_review", "planned"])
def test_declining_needs_a_reason_shown_with_the_idea(
    published_idea: Idea, moderator: Actor, source: str
) -> None:
    if source == "planned":
        idea_status_change(actor=moderator, idea_id=published_idea.pk, to_status="planned")
    with pytest.raises(ValidationError) as refused:
        idea_status_change(actor=moderator, idea_id=published_idea.pk, to_status="declined")
    assert "reason" in refused.value.message_dict

    idea_status_change(
        actor=moderator, idea_id=published_idea.pk, to_status="declined", reason="Te duur."
    )

    published_idea.refresh_from_db()
    assert (published_idea.public_status, published_idea.decline_reason) == (
        "declined",
        "Te duur.",
    )


def test_an_unpublished_idea_has_no_public_status_to_change(
    submitted_idea: Idea, moderator: Actor
) -> None:
    with pytest.raises(ValidationError) as refused:
        idea_status_change(actor=moderator, idea_id=submitted_idea.pk, to_status="planned")
    assert refused.value.message_dict == {
        "to_status": ["Only a published idea has a public status."]
    }
    submitted_idea.refresh_from_db()
    assert submitted_idea.public_status == PublicStatus.UNDER_REVIEW


def test_merging_moves_the_supporters_once_and_records_both_sides(
    resident: Person, neighbour: Person, moderator: Actor
) -> None:
    target = published(resident, moderator, "Meer bomen")
    duplicate = published(neighbour, moderator, "Bomen planten")
    idea_vote(actor=actor_for_resident(resident.pk), idea_id=duplicate.pk)
    idea_vote(actor=actor_for_resident(resident.pk), idea_id=target.pk)

    idea_merge(actor=moderator, idea_id=duplicate.pk, into_id=target.pk)

    duplicate.refresh_from_db()
    assert (duplicate.status, duplicate.merged_into_id) == ("merged", target.pk)
    assert sorted(target.votes.values_list("person_id", flat=True)) == sorted(
        [resident.pk, neighbour.pk]
    )
    assert target.events.filter(kind=IdeaEventKind.MERGED_IN).count() == 1


def test_merging_into_another_municipalitys_idea_is_refused(
    published_idea: Idea, moderator: Actor, outsider: Person, foreign_moderator: Actor
) -> None:
    foreign = published(outsider, foreign_moderator, "Elders")
    with pytest.raises(ValidationError) as refused:
        idea_merge(actor=moderator, idea_id=published_idea.pk, into_id=foreign.pk)
    assert refused.value.message_dict == {
        "into": ["Choose a published idea of the same municipality."]
    }
    published_idea.refresh_from_db()
    assert published_idea.status == "published"


def test_staff_of_another_municipality_cannot_moderate(
    submitted_idea: Idea, foreign_moderator: Actor
) -> None:
    for call in (
        lambda: idea_moderate(
            actor=foreign_moderator, idea_id=submitted_idea.pk, to_status="published"
        ),
        lambda: idea_status_change(
            actor=foreign_moderator, idea_id=submitted_idea.pk, to_status="planned"
        ),
    ):
        with pytest.raises(Http404):
            call()
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == "submitted"
    assert submitted_idea.events.count() == 1


def test_staff_who_may_only_view_cannot_moderate(submitted_idea: Idea) -> None:
    viewer = Actor(
        kind=ActorKind.STAFF,
        municipality_grants={
            Permission.PARTICIPATION_VIEW: frozenset({submitted_idea.municipality_id})
        },
    )
    with pytest.raises(PermissionDenied):
        idea_moderate(actor=viewer, idea_id=submitted_idea.pk, to_status="published")
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == "submitted"


def test_the_history_is_append_only(submitted_idea: Idea) -> None:
    event = IdeaEvent.objects.get(idea=submitted_idea)
    for statement in (
        "UPDATE participation_ideaevent SET message = 'x' WHERE id = %s",
        "DELETE FROM participation_ideaevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert IdeaEvent.objects.get(pk=event.pk).message == ""


def test_a_resident_of_another_municipality_does_not_propose_here(outsider: Person) -> None:
    idea = propose(outsider)
    assert idea.municipality_id == outsider.municipality_id
    assert Idea.objects.count() == 1
