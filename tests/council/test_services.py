"""The council services: bodies and mandates, the agenda (cases and attachments), and what
the secretary records (treatment, decision, votes); refusals change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from loket.council.models import AgendaItem, Mandate, Meeting, Vote, VoteCast
from loket.council.selectors import ITEM_OWNER
from loket.council.services import (
    agenda_item_add,
    agenda_item_attach,
    agenda_item_case_link,
    item_treatment_record,
    mandate_add,
    member_create,
    party_create,
    vote_record,
)
from loket.council.workflow import MeetingStatus
from loket.documents.models import Document
from loket.tenancy.access import Actor, actor_for_resident, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.cases.conftest import png_bytes
from tests.cases.helpers import certificate_request
from tests.catalog.helpers import catalog_product
from tests.council.helpers import Council, meeting_make
from tests.factories import PersonFactory, regional_staff_member

pytestmark = pytest.mark.django_db


def _case(municipality: Municipality):  # type: ignore[no-untyped-def]
    catalog_product("residence-certificate")
    applicant = PersonFactory(municipality=municipality)
    return certificate_request(
        actor=actor_for_resident(applicant.pk), municipality=municipality, applicant=applicant
    )


def test_a_mandate_takes_a_member_and_party_of_the_same_municipality_only(
    secretary_actor: Actor, council: Council, other_actor: Actor, other_municipality: Municipality
) -> None:
    stranger = member_create(
        actor=other_actor, municipality_id=other_municipality.pk, first_name="Eva", last_name="E"
    )
    party = party_create(actor=other_actor, municipality_id=other_municipality.pk, name="Elders")
    before = Mandate.objects.count()

    with pytest.raises(ValidationError) as error:
        mandate_add(
            actor=secretary_actor,
            body_id=council.body.pk,
            member_id=stranger.pk,
            party_id=party.pk,
            role="councillor",
            starts_on=dt.date(2025, 1, 1),
        )

    assert error.value.message_dict == {
        "member": ["Choose a member of this municipality."],
        "party": ["Choose a party of this municipality."],
    }
    assert Mandate.objects.count() == before


def test_another_municipalitys_secretary_cannot_reach_the_body(
    council: Council, other_actor: Actor, other_municipality: Municipality
) -> None:
    member = member_create(
        actor=other_actor, municipality_id=other_municipality.pk, first_name="Eva", last_name="E"
    )
    with pytest.raises(Http404):
        mandate_add(
            actor=other_actor,
            body_id=council.body.pk,
            member_id=member.pk,
            role="councillor",
            starts_on=dt.date(2025, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        party_create(actor=other_actor, municipality_id=council.body.municipality_id, name="X")


def test_an_item_comes_from_a_case_of_the_municipality(
    secretary_actor: Actor, council: Council, municipality: Municipality
) -> None:
    meeting = meeting_make(secretary_actor, council)
    case = _case(municipality)

    item = agenda_item_add(
        actor=secretary_actor,
        meeting_id=meeting.pk,
        title="Permit for a terrace",
        draft_decision="The college grants the permit.",
        case_id=case.pk,
    )

    assert (item.position, item.case_id) == (3, case.pk)


def test_a_case_of_another_municipality_is_not_found_and_nothing_is_written(
    secretary_actor: Actor,
    council: Council,
    other_municipality: Municipality,
    municipality: Municipality,
) -> None:
    meeting = meeting_make(secretary_actor, council)
    foreign = _case(other_municipality)
    regional = actor_for_user(regional_staff_member(municipality.region, Role.SECRETARY))
    item = AgendaItem.objects.filter(meeting=meeting)[0]
    before = AgendaItem.objects.count()

    with pytest.raises(Http404):
        agenda_item_add(actor=regional, meeting_id=meeting.pk, title="Foreign", case_id=foreign.pk)
    with pytest.raises(Http404):
        agenda_item_case_link(actor=regional, item_id=item.pk, case_id=foreign.pk)

    assert AgendaItem.objects.count() == before
    assert AgendaItem.objects.get(pk=item.pk).case_id is None


def test_an_attachment_is_a_document_of_the_item(secretary_actor: Actor, council: Council) -> None:
    meeting = meeting_make(secretary_actor, council)
    item = AgendaItem.objects.filter(meeting=meeting)[0]

    document = agenda_item_attach(
        actor=secretary_actor,
        item_id=item.pk,
        title="Plan of the playground",
        file_name="plan.png",
        content=png_bytes(),
    )

    stored = Document.objects.get(pk=document.pk)
    assert (stored.owner_type, stored.owner_id, stored.municipality_id) == (
        ITEM_OWNER,
        item.pk,
        meeting.municipality_id,
    )


def test_a_published_agenda_does_not_change(secretary_actor: Actor, council: Council) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.AGENDA_PUBLISHED)

    with pytest.raises(ValidationError) as error:
        agenda_item_add(actor=secretary_actor, meeting_id=meeting.pk, title="Late item")

    assert error.value.messages == ["The agenda is published: it cannot change any more."]
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2


def test_treatment_and_votes_are_recorded_once_the_meeting_is_held(
    secretary_actor: Actor, council: Council
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.AGENDA_PUBLISHED)
    item = AgendaItem.objects.filter(meeting=meeting)[0]

    with pytest.raises(ValidationError) as error:
        item_treatment_record(
            actor=secretary_actor,
            item_id=item.pk,
            held_in_public=True,
            decision_title="Too early",
            decision_text="Too early",
        )

    assert error.value.messages == ["Treatments and votes are recorded once the meeting is held."]
    assert AgendaItem.objects.get(pk=item.pk).treated_at is None


def test_a_vote_per_member_counts_itself(secretary_actor: Actor, council: Council) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.HELD)
    item = AgendaItem.objects.filter(meeting=meeting)[0]
    chair, mayor, councillor = council.mandates

    vote = vote_record(
        actor=secretary_actor,
        item_id=item.pk,
        subject="The budget",
        outcome="adopted",
        casts={chair.pk: "for", mayor.pk: "for", councillor.pk: "abstain"},
    )

    assert (vote.count_for, vote.count_against, vote.count_abstain) == (2, 0, 1)
    assert VoteCast.objects.filter(vote=vote).count() == 3


def test_a_vote_by_counts_and_its_errors(secretary_actor: Actor, council: Council) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.HELD)
    item = AgendaItem.objects.filter(meeting=meeting)[0]

    vote = vote_record(
        actor=secretary_actor,
        item_id=item.pk,
        subject="Secret ballot",
        outcome="rejected",
        counts=(10, 12, 1),
        is_secret=True,
    )
    assert (vote.count_for, vote.count_against, vote.count_abstain) == (10, 12, 1)

    with pytest.raises(ValidationError) as error:
        vote_record(
            actor=secretary_actor,
            item_id=item.pk,
            subject="",
            outcome="maybe",
            casts={987654: "for"},
            is_secret=True,
        )
    assert error.value.message_dict == {
        "subject": ["This field is required."],
    }
    with pytest.raises(ValidationError) as error:
        vote_record(
            actor=secretary_actor,
            item_id=item.pk,
            subject="Bad",
            outcome="maybe",
            casts={987654: "for"},
        )
    assert error.value.message_dict == {
        "outcome": ["Choose the outcome."],
        "casts": ["Give a valid vote for members of this body only."],
    }
    assert Vote.objects.filter(item=item).count() == 1


def test_another_municipalitys_secretary_records_nothing(
    secretary_actor: Actor, council: Council, other_actor: Actor
) -> None:
    meeting = meeting_make(secretary_actor, council, status=MeetingStatus.HELD)
    item = AgendaItem.objects.filter(meeting=meeting)[0]

    with pytest.raises(Http404):
        item_treatment_record(
            actor=other_actor,
            item_id=item.pk,
            held_in_public=True,
            decision_title="X",
            decision_text="X",
        )
    with pytest.raises(Http404):
        vote_record(
            actor=other_actor, item_id=item.pk, subject="X", outcome="adopted", counts=(1, 0, 0)
        )

    assert AgendaItem.objects.get(pk=item.pk).treated_at is None
    assert not Vote.objects.filter(item=item).exists()
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.HELD
