"""The user panel: residents join with interests from their municipality's list and leave;
staff select members by interest, age band and district, invite them (told on their own
channel) and record each invitee's outcome; another municipality's panel is out of reach."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from loket.notify.models import Notification
from loket.participation.models import (
    PanelInterest,
    PanelMember,
    ResearchActivity,
    ResearchInvitation,
)
from loket.participation.panel.selectors import panel_members_selected
from loket.participation.panel.services import (
    panel_interest_save,
    panel_join,
    panel_leave,
    research_activity_create,
    research_invite,
    research_outcome_record,
)
from loket.people.models import Address, Person
from loket.tenancy.access import Actor, actor_for_resident
from loket.tenancy.models import Municipality
from tests.factories import PersonFactory
from tests.web.helpers import sign_in_resident

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 1)


def _interest(actor: Actor, municipality: Municipality, name: str) -> PanelInterest:
    return panel_interest_save(
        actor=actor, municipality_id=municipality.pk, name_nl=name, name_fr=name, name_en=name
    )


def _activity(actor: Actor, municipality: Municipality) -> ResearchActivity:
    return research_activity_create(
        actor=actor,
        municipality_id=municipality.pk,
        kind="form_test",
        title="Nieuw verhuisformulier",
        description="Een half uur op het gemeentehuis.",
    )


def _member(municipality: Municipality, interests: list[PanelInterest], **fields: object) -> Person:
    person = PersonFactory(municipality=municipality, **fields)
    panel_join(actor=actor_for_resident(person.pk), interest_ids=[i.pk for i in interests])
    return person


def test_a_resident_joins_changes_interests_and_leaves(
    resident: Person, municipality: Municipality, manager: Actor
) -> None:
    forms, sport = (
        _interest(manager, municipality, "Formulieren"),
        _interest(manager, municipality, "Sport"),
    )
    actor = actor_for_resident(resident.pk)

    panel_join(actor=actor, interest_ids=[forms.pk])
    panel_join(actor=actor, interest_ids=[forms.pk, sport.pk])

    member = PanelMember.objects.get(person=resident)
    assert sorted(member.interests.values_list("name_nl", flat=True)) == ["Formulieren", "Sport"]
    assert panel_leave(actor=actor) is True
    assert not PanelMember.objects.exists()


def test_interests_come_from_the_own_municipality_only(
    resident: Person, other_municipality: Municipality, foreign_moderator: Actor
) -> None:
    foreign = _interest(foreign_moderator, other_municipality, "Elders")

    with pytest.raises(ValidationError) as refused:
        panel_join(actor=actor_for_resident(resident.pk), interest_ids=[foreign.pk])

    assert refused.value.message_dict == {"interests": ["Choose interests from the list."]}
    assert not PanelMember.objects.exists()


def test_staff_select_members_by_interest_age_band_and_district(
    municipality: Municipality, manager: Actor
) -> None:
    forms, sport = (
        _interest(manager, municipality, "Formulieren"),
        _interest(manager, municipality, "Sport"),
    )
    young = _member(municipality, [forms], birth_date=dt.date(2000, 1, 1))
    older = _member(municipality, [forms, sport], birth_date=dt.date(1960, 1, 1))
    Address.objects.filter(person=older).update(postal_code="8501")
    Address.objects.filter(person=young).update(postal_code="8500")

    def selected(**filters: object) -> set[int]:
        return {
            m.person_id
            for m in panel_members_selected(
                actor=manager,
                municipality_id=municipality.pk,
                today=TODAY,
                **filters,  # type: ignore[arg-type]
            )
        }

    assert selected(interest_id=forms.pk) == {young.pk, older.pk}
    assert selected(interest_id=sport.pk) == {older.pk}
    assert selected(age_band="25-34") == {young.pk}
    assert selected(age_band="65-74") == {older.pk}
    if Address.objects.filter(person=older, valid_until__isnull=True).exists():
        assert selected(district="8501") == {older.pk}


def test_invited_members_are_told_once_and_their_outcome_is_recorded(
    municipality: Municipality, manager: Actor
) -> None:
    forms = _interest(manager, municipality, "Formulieren")
    member = _member(municipality, [forms])
    activity = _activity(manager, municipality)

    assert research_invite(actor=manager, activity_id=activity.pk, person_ids=[member.pk]) == 1
    assert research_invite(actor=manager, activity_id=activity.pk, person_ids=[member.pk]) == 0

    told = Notification.objects.filter(event="participation.research_invitation")
    assert list(told.values_list("person_id", flat=True)) == [member.pk]
    invitation = ResearchInvitation.objects.get()
    research_outcome_record(
        actor=manager, invitation_id=invitation.pk, outcome="took_part", notes="Vond knop niet"
    )
    invitation.refresh_from_db()
    assert (invitation.outcome, invitation.notes) == ("took_part", "Vond knop niet")


def test_only_members_of_the_activitys_municipality_are_invited(
    municipality: Municipality,
    other_municipality: Municipality,
    manager: Actor,
    foreign_moderator: Actor,
) -> None:
    foreign_member = _member(
        other_municipality, [_interest(foreign_moderator, other_municipality, "X")]
    )
    not_a_member = PersonFactory(municipality=municipality)
    activity = _activity(manager, municipality)

    for person in (foreign_member, not_a_member):
        with pytest.raises(ValidationError):
            research_invite(actor=manager, activity_id=activity.pk, person_ids=[person.pk])

    assert not ResearchInvitation.objects.exists()
    assert not Notification.objects.exists()


def test_another_municipalitys_panel_is_out_of_reach_and_nothing_is_written(
    municipality: Municipality, manager: Actor, foreign_moderator: Actor
) -> None:
    member = _member(municipality, [_interest(manager, municipality, "Formulieren")])
    activity = _activity(manager, municipality)
    research_invite(actor=manager, activity_id=activity.pk, person_ids=[member.pk])
    invitation = ResearchInvitation.objects.get()

    with pytest.raises(Http404):
        research_invite(actor=foreign_moderator, activity_id=activity.pk, person_ids=[member.pk])
    with pytest.raises(Http404):
        research_outcome_record(
            actor=foreign_moderator, invitation_id=invitation.pk, outcome="no_show"
        )
    with pytest.raises(Http404):
        panel_members_selected(actor=foreign_moderator, municipality_id=municipality.pk)
    with pytest.raises(Http404):
        _activity(foreign_moderator, municipality)

    invitation.refresh_from_db()
    assert invitation.outcome == "invited"
    assert ResearchActivity.objects.count() == 1
    assert Notification.objects.count() == 1


def test_the_pages_join_and_leave_without_javascript(
    client: Client, resident: Person, municipality: Municipality, manager: Actor
) -> None:
    forms = _interest(manager, municipality, "Formulieren")
    sign_in_resident(client, resident)

    page = client.get(reverse("participation:my-panel"))
    assert page.status_code == 200
    assert "Formulieren" in page.content.decode()
    joined = client.post(reverse("participation:my-panel"), {"interests": [str(forms.pk)]})
    assert joined.status_code == 302
    assert PanelMember.objects.get(person=resident).interests.get() == forms
    left = client.post(reverse("participation:my-panel-leave"))
    assert left.status_code == 302
    assert not PanelMember.objects.exists()
