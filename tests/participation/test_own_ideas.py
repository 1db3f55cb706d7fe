"""The author changes or withdraws their own idea while it is under review: a withdrawn
idea leaves the public list, a changed published idea is moderated again, and the history
keeps every step."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from loket.participation.models import Idea, IdeaEvent
from loket.participation.selectors import ideas_published
from loket.participation.services import idea_edit, idea_status_change, idea_withdraw
from loket.people.models import Person
from loket.tenancy.access import Actor, actor_for_resident
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def test_a_withdrawn_idea_leaves_the_public_list_and_keeps_its_history(
    published_idea: Idea, resident: Person
) -> None:
    idea_withdraw(actor=actor_for_resident(resident.pk), idea_id=published_idea.pk)

    published_idea.refresh_from_db()
    assert published_idea.status == "withdrawn"
    assert not ideas_published(municipality=published_idea.municipality).exists()
    kinds = list(IdeaEvent.objects.filter(idea=published_idea).values_list("kind", flat=True))
    assert kinds == ["submitted", "moderated", "withdrawn"]


def test_a_changed_published_idea_is_moderated_again(
    published_idea: Idea, resident: Person
) -> None:
    idea_edit(
        actor=actor_for_resident(resident.pk),
        idea_id=published_idea.pk,
        title="Twee banken in het park",
        body="Aan de vijver.",
    )

    published_idea.refresh_from_db()
    assert (published_idea.title, published_idea.status) == ("Twee banken in het park", "submitted")
    edited = IdeaEvent.objects.get(idea=published_idea, kind="edited")
    assert edited.data["before"]["title"] == "Een bank in het park"


def test_a_waiting_idea_is_changed_in_place(submitted_idea: Idea, resident: Person) -> None:
    idea_edit(
        actor=actor_for_resident(resident.pk), idea_id=submitted_idea.pk, title="Anders", body="Ja"
    )
    submitted_idea.refresh_from_db()
    assert (submitted_idea.title, submitted_idea.status) == ("Anders", "submitted")


def test_an_idea_no_longer_under_review_cannot_be_changed_or_withdrawn(
    published_idea: Idea, resident: Person, moderator: Actor
) -> None:
    idea_status_change(actor=moderator, idea_id=published_idea.pk, to_status="planned")
    actor = actor_for_resident(resident.pk)

    with pytest.raises(ValidationError):
        idea_withdraw(actor=actor, idea_id=published_idea.pk)
    with pytest.raises(ValidationError):
        idea_edit(actor=actor, idea_id=published_idea.pk, title="Anders", body="Ja")

    published_idea.refresh_from_db()
    assert (published_idea.status, published_idea.title) == ("published", "Een bank in het park")


def test_someone_elses_idea_is_not_found_and_nothing_is_written(
    published_idea: Idea, neighbour: Person
) -> None:
    actor = actor_for_resident(neighbour.pk)
    with pytest.raises(Http404):
        idea_withdraw(actor=actor, idea_id=published_idea.pk)
    with pytest.raises(Http404):
        idea_edit(actor=actor, idea_id=published_idea.pk, title="Gekaapt", body="Ja")
    published_idea.refresh_from_db()
    assert (published_idea.status, published_idea.title) == ("published", "Een bank in het park")
    assert IdeaEvent.objects.filter(idea=published_idea).count() == 2


def test_the_pages_change_and_withdraw_without_javascript(
    client: Client, submitted_idea: Idea, resident: Person
) -> None:
    sign_in_resident(client, resident)
    form = client.get(reverse("participation:my-idea-edit", args=[submitted_idea.pk]))
    assert form.status_code == 200
    assert 'name="latitude"' in form.content.decode()

    changed = client.post(
        reverse("participation:my-idea-edit", args=[submitted_idea.pk]),
        {"title": "Een speeltuin", "body": "Met schommels"},
    )
    assert changed.status_code == 302
    withdrawn = client.post(reverse("participation:my-idea-withdraw", args=[submitted_idea.pk]))
    assert withdrawn.status_code == 302
    submitted_idea.refresh_from_db()
    assert (submitted_idea.title, submitted_idea.status) == ("Een speeltuin", "withdrawn")
