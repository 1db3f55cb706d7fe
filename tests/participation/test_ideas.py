"""Proposing, voting, commenting and the notifications of a status change."""

from __future__ import annotations

import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from PIL import Image

from loket.notify.models import Notification
from loket.participation.models import Idea, IdeaComment, IdeaVote
from loket.participation.services import (
    idea_comment_add,
    idea_propose,
    idea_status_change,
    idea_unvote,
    idea_vote,
)
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory
from tests.participation.conftest import published
from tests.reports.conftest import jpeg_bytes

pytestmark = pytest.mark.django_db


def _inside(municipality: Municipality) -> tuple[float, float]:
    """A point inside the test municipality's square boundary."""
    ring = municipality.boundary["coordinates"][0]
    longitude = (ring[0][0] + ring[1][0]) / 2
    latitude = (ring[0][1] + ring[2][1]) / 2
    return latitude, longitude


def test_a_resident_proposes_with_photo_and_pin(resident: Person) -> None:
    latitude, longitude = _inside(resident.municipality)
    original = jpeg_bytes(gps=(50.8, 3.2), size=(2400, 1800))

    idea = idea_propose(
        actor=actor_for_resident(resident.pk),
        title="  Een bank in het park ",
        body="Om even te rusten.",
        latitude=latitude,
        longitude=longitude,
        photo=io.BytesIO(original),
    )

    assert (idea.municipality_id, idea.author_id, idea.title) == (
        resident.municipality_id,
        resident.pk,
        "Een bank in het park",
    )
    assert (idea.status, idea.public_status) == ("submitted", "under_review")
    stored = Image.open(idea.photo.path)
    assert stored.format == "JPEG"
    assert max(stored.size) == 1600
    assert dict(stored.getexif()) == {}


def test_a_proposal_is_checked_field_by_field(resident: Person, other_municipality) -> None:  # type: ignore[no-untyped-def]
    latitude, longitude = _inside(other_municipality)
    with pytest.raises(ValidationError) as refused:
        idea_propose(
            actor=actor_for_resident(resident.pk),
            title="",
            body="x" * 4001,
            latitude=latitude,
            longitude=longitude,
            photo=io.BytesIO(b"%PDF-1.4 not a photo"),
        )
    assert refused.value.message_dict == {
        "title": ["This field is required."],
        "body": ["At most 4000 characters."],
        "location": ["Put the pin inside your municipality."],
        "photo": ["This file is not a photo we can read. Send a JPEG, PNG, WebP or HEIC image."],
    }
    assert Idea.objects.count() == 0


def test_staff_cannot_propose_as_a_resident(moderator: Actor) -> None:
    with pytest.raises(Http404):
        idea_propose(actor=moderator, title="x", body="y")


def test_one_vote_per_resident_and_it_can_be_taken_back(
    published_idea: Idea, neighbour: Person
) -> None:
    actor = actor_for_resident(neighbour.pk)

    assert idea_vote(actor=actor, idea_id=published_idea.pk) is True
    assert idea_vote(actor=actor, idea_id=published_idea.pk) is False
    assert IdeaVote.objects.filter(idea=published_idea, person=neighbour).count() == 1

    assert idea_unvote(actor=actor, idea_id=published_idea.pk) is True
    assert idea_unvote(actor=actor, idea_id=published_idea.pk) is False
    assert IdeaVote.objects.filter(idea=published_idea).count() == 0
    assert idea_vote(actor=actor, idea_id=published_idea.pk) is True


def test_the_database_refuses_a_second_vote(published_idea: Idea, neighbour: Person) -> None:
    from django.db import IntegrityError, transaction

    IdeaVote.objects.create(idea=published_idea, person=neighbour)
    with pytest.raises(IntegrityError), transaction.atomic():
        IdeaVote.objects.create(idea=published_idea, person=neighbour)


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_of_one_resident_make_one_vote(
    municipality: Municipality, moderator: Actor
) -> None:
    author = PersonFactory(municipality=municipality)
    voter = PersonFactory(municipality=municipality)
    idea = published(author, moderator)
    actor = actor_for_resident(voter.pk)
    start = threading.Barrier(4)
    results: list[bool] = []
    errors: list[BaseException] = []

    def vote() -> None:
        try:
            start.wait()
            results.append(idea_vote(actor=actor, idea_id=idea.pk))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert IdeaVote.objects.filter(idea=idea, person=voter).count() == 1


def test_votes_and_comments_only_in_ones_own_municipality(
    published_idea: Idea, outsider: Person
) -> None:
    actor = actor_for_resident(outsider.pk)
    for call in (
        lambda: idea_vote(actor=actor, idea_id=published_idea.pk),
        lambda: idea_unvote(actor=actor, idea_id=published_idea.pk),
        lambda: idea_comment_add(actor=actor, idea_id=published_idea.pk, body="Ja!"),
    ):
        with pytest.raises(Http404):
            call()
    assert IdeaVote.objects.count() == 0
    assert IdeaComment.objects.count() == 0


def test_an_unpublished_idea_takes_no_votes(submitted_idea: Idea, neighbour: Person) -> None:
    with pytest.raises(Http404):
        idea_vote(actor=actor_for_resident(neighbour.pk), idea_id=submitted_idea.pk)
    assert IdeaVote.objects.count() == 0


def test_a_comment_is_kept_and_checked(published_idea: Idea, neighbour: Person) -> None:
    actor = actor_for_resident(neighbour.pk)
    with pytest.raises(ValidationError) as refused:
        idea_comment_add(actor=actor, idea_id=published_idea.pk, body="  ")
    assert refused.value.message_dict == {"body": ["This field is required."]}

    comment = idea_comment_add(actor=actor, idea_id=published_idea.pk, body=" Goed idee! ")

    assert (comment.body, comment.person_id) == ("Goed idee!", neighbour.pk)


def test_a_status_change_tells_the_author_and_supporters_who_asked(
    published_idea: Idea, moderator: Actor, neighbour: Person, municipality: Municipality
) -> None:
    quiet = PersonFactory(municipality=municipality)
    idea_vote(actor=actor_for_resident(neighbour.pk), idea_id=published_idea.pk, wants_updates=True)
    idea_vote(actor=actor_for_resident(quiet.pk), idea_id=published_idea.pk)

    idea_status_change(
        actor=moderator, idea_id=published_idea.pk, to_status="declined", reason="Te duur."
    )

    sent = Notification.objects.filter(event="participation.idea_status_changed")
    assert sorted(sent.values_list("person_id", flat=True)) == sorted(
        [published_idea.author_id, neighbour.pk]
    )
    # Once each: the same event again sends nothing more.
    assert sent.count() == 2
