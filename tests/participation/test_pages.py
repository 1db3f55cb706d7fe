"""The participation pages: public, the resident's and the back office's, without
JavaScript (plain forms and redirects)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loket.participation.models import Idea, IdeaComment, IdeaVote, SurveyAnswer
from loket.people.models import Consent, ConsentPurpose, Person
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.factories import staff_member
from tests.participation.conftest import published
from tests.reports.conftest import jpeg_bytes
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db


def _staff_client(municipality: Municipality, role: Role = Role.CLERK) -> Client:
    client = Client()
    client.force_login(staff_member(municipality, role))
    return client


def test_the_public_list_shows_published_ideas_with_their_support(
    client: Client, published_idea: Idea, submitted_idea: Idea, neighbour: Person
) -> None:
    IdeaVote.objects.create(idea=published_idea, person=neighbour)
    slug = published_idea.municipality.slug

    page = client.get(reverse("participation:ideas", args=[slug])).content.decode()

    assert published_idea.title in page
    detail = client.get(reverse("participation:idea", args=[slug, published_idea.pk]))
    assert detail.status_code == 200
    unpublished = client.get(reverse("participation:idea", args=[slug, submitted_idea.pk]))
    assert unpublished.status_code == 404


def test_an_idea_of_another_municipality_is_not_found_under_this_one(
    client: Client, published_idea: Idea, other_municipality: Municipality
) -> None:
    response = client.get(
        reverse("participation:idea", args=[other_municipality.slug, published_idea.pk])
    )
    assert response.status_code == 404


def test_a_resident_proposes_with_a_photo(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    response = client.post(
        reverse("participation:my-idea-new"),
        {
            "title": "Een speeltuin",
            "body": "Voor de kinderen van de wijk.",
            "photo": SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        },
    )

    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("participation:my-idea", args=[idea.pk])
    assert idea.photo
    # The author sees the photo of the idea waiting for moderation; a visitor does not.
    assert client.get(reverse("participation:idea-photo", args=[idea.pk])).status_code == 200
    assert Client().get(reverse("participation:idea-photo", args=[idea.pk])).status_code == 404
    mine = client.get(reverse("participation:my-ideas")).content.decode()
    assert "Een speeltuin" in mine


def test_a_refused_proposal_keeps_what_was_typed(client: Client, resident: Person) -> None:
    sign_in_resident(client, resident)

    response = client.post(
        reverse("participation:my-idea-new"),
        {
            "title": "Een speeltuin",
            "body": "Hier",
            "photo": SimpleUploadedFile("p.jpg", b"no photo", content_type="image/jpeg"),
        },
    )

    assert response.status_code == 400
    assert "Een speeltuin" in response.content.decode()
    assert Idea.objects.count() == 0


def test_vote_unvote_and_comment_without_javascript(
    client: Client, published_idea: Idea, neighbour: Person
) -> None:
    sign_in_resident(client, neighbour)
    detail = reverse(
        "participation:idea", args=[published_idea.municipality.slug, published_idea.pk]
    )

    response = client.post(
        reverse("participation:my-idea-vote", args=[published_idea.pk]), {"updates": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == detail
    vote = IdeaVote.objects.get()
    assert (vote.person_id, vote.wants_updates) == (neighbour.pk, True)
    client.post(reverse("participation:my-idea-vote", args=[published_idea.pk]))
    assert IdeaVote.objects.count() == 1

    client.post(reverse("participation:my-idea-unvote", args=[published_idea.pk]))
    assert IdeaVote.objects.count() == 0

    response = client.post(
        reverse("participation:my-idea-comment", args=[published_idea.pk]), {"body": "Top!"}
    )
    assert response.status_code == 302
    assert IdeaComment.objects.get().body == "Top!"
    assert "Top!" in client.get(detail).content.decode()


def test_a_resident_of_another_municipality_cannot_vote_or_comment(
    client: Client, published_idea: Idea, outsider: Person
) -> None:
    sign_in_resident(client, outsider)
    for name, data in (
        ("participation:my-idea-vote", {}),
        ("participation:my-idea-unvote", {}),
        ("participation:my-idea-comment", {"body": "Nee"}),
    ):
        response = client.post(reverse(name, args=[published_idea.pk]), data)
        assert response.status_code == 404
    assert IdeaVote.objects.count() == 0
    assert IdeaComment.objects.count() == 0


def test_another_residents_idea_is_not_found(
    client: Client, submitted_idea: Idea, neighbour: Person
) -> None:
    sign_in_resident(client, neighbour)
    assert client.get(reverse("participation:my-idea", args=[submitted_idea.pk])).status_code == 404


def test_staff_moderate_and_change_the_status(
    published_idea: Idea, submitted_idea: Idea, municipality: Municipality
) -> None:
    client = _staff_client(municipality)
    queue = client.get(reverse("participation:backoffice-ideas")).content.decode()
    assert submitted_idea.title in queue

    response = client.post(
        reverse("participation:backoffice-idea-moderate", args=[submitted_idea.pk]),
        {"to_status": "rejected", "reason": ""},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("participation:backoffice-idea-moderate", args=[submitted_idea.pk]),
        {"to_status": "rejected", "reason": "Dubbel."},
    )
    assert response.status_code == 302
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == "rejected"

    response = client.post(
        reverse("participation:backoffice-idea-status", args=[published_idea.pk]),
        {"to_status": "planned"},
    )
    assert response.status_code == 302
    published_idea.refresh_from_db()
    assert published_idea.public_status == "planned"


def test_staff_merge_a_duplicate(
    published_idea: Idea, neighbour: Person, moderator: Actor, municipality: Municipality
) -> None:
    duplicate = published(neighbour, moderator, "Nog een bank")
    client = _staff_client(municipality)

    response = client.post(
        reverse("participation:backoffice-idea-merge", args=[duplicate.pk]),
        {"into": str(published_idea.pk)},
    )

    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.merged_into_id == published_idea.pk


def test_staff_of_another_municipality_get_404_and_nothing_changes(
    submitted_idea: Idea, other_municipality: Municipality
) -> None:
    client = _staff_client(other_municipality, Role.MUNICIPAL_ADMIN)
    assert (
        client.get(reverse("participation:backoffice-idea", args=[submitted_idea.pk])).status_code
        == 404
    )
    response = client.post(
        reverse("participation:backoffice-idea-moderate", args=[submitted_idea.pk]),
        {"to_status": "published"},
    )
    assert response.status_code == 404
    submitted_idea.refresh_from_db()
    assert submitted_idea.status == "submitted"
    queue = client.get(reverse("participation:backoffice-ideas")).content.decode()
    assert submitted_idea.title not in queue


def test_staff_without_the_permission_are_refused(municipality: Municipality) -> None:
    client = _staff_client(municipality, Role.DISPATCHER)
    assert client.get(reverse("participation:backoffice-ideas")).status_code == 403


def test_the_survey_page_takes_one_answer(
    client: Client, resident: Person, municipality: Municipality
) -> None:
    Consent.objects.create(person=resident, purpose=ConsentPurpose.SURVEYS, granted=True)
    manager = _staff_client(municipality, Role.MUNICIPAL_ADMIN)
    response = manager.post(
        reverse("participation:backoffice-happiness-area-new", args=[municipality.pk]),
        {"name_nl": "Groen", "name_fr": "Verdure", "name_en": "Green", "position": "1"},
    )
    assert response.status_code == 302
    sign_in_resident(client, resident)
    area = municipality.happiness_areas.get()

    response = client.post(
        reverse("participation:my-happiness"), {"score": "9", "areas": [str(area.pk)]}
    )

    assert response.status_code == 302
    assert SurveyAnswer.objects.get().score == 9
    again = client.post(reverse("participation:my-happiness"), {"score": "2"})
    assert again.status_code == 400  # refused: answered already in this period
    assert SurveyAnswer.objects.count() == 1
    results = manager.get(
        reverse("participation:backoffice-happiness-municipality", args=[municipality.pk])
    ).content.decode()
    assert 'id="results-summary"' in results
    assert "9.0" not in results


def test_the_survey_results_of_another_municipality_are_not_found(
    municipality: Municipality, other_municipality: Municipality
) -> None:
    client = _staff_client(other_municipality, Role.MUNICIPAL_ADMIN)
    url = reverse("participation:backoffice-happiness-municipality", args=[municipality.pk])
    assert client.get(url).status_code == 404


def test_a_resident_who_did_not_say_yes_is_pointed_to_the_preferences(
    client: Client, resident: Person
) -> None:
    sign_in_resident(client, resident)

    page = client.get(reverse("participation:my-happiness")).content.decode()
    refused = client.post(reverse("participation:my-happiness"), {"score": "7"})

    assert reverse("people:my-page") in page
    assert 'name="score"' not in page
    assert refused.status_code == 400
    assert SurveyAnswer.objects.count() == 0


def test_the_photo_of_an_idea_waiting_for_moderation_is_private(
    client: Client, resident: Person, outsider: Person, municipality: Municipality
) -> None:
    sign_in_resident(client, resident)
    client.post(
        reverse("participation:my-idea-new"),
        {
            "title": "Een speeltuin",
            "body": "Hier",
            "photo": SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        },
    )
    url = reverse("participation:idea-photo", args=[Idea.objects.get().pk])
    stranger = Client()
    sign_in_resident(stranger, outsider)

    assert stranger.get(url).status_code == 404
    assert _staff_client(municipality).get(url).status_code == 200
