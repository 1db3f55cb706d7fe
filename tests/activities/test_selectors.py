"""Reads of activities: the published offer for everyone; staff see the activities, periods
and registrations of their municipalities; a parent their own registrations. Another
municipality's object answers 404 like one that does not exist."""

from __future__ import annotations

import pytest
from django.http import Http404

from loket.activities.models import Registration
from loket.activities.selectors import (
    activities_published,
    activities_visible_to,
    activity_get_published,
    activity_get_visible,
    period_get_visible,
    registration_get_for_parent,
    registration_get_visible,
    registrations_of_resident,
)
from loket.activities.services import registrations_create
from loket.tenancy.access import ANONYMOUS, actor_for_resident, actor_for_user
from loket.tenancy.permissions import Permission, Role
from tests.activities.helpers import activity_with_period, family
from tests.factories import regional_staff_member, staff_member

pytestmark = pytest.mark.django_db


def _registered(municipality, period):  # type: ignore[no-untyped-def]
    parent, (child,) = family(municipality, name=f"Fam{period.pk}")
    registrations_create(
        actor=actor_for_resident(parent.pk), period_id=period.pk, child_ids=[child.pk], token="s"
    )
    return parent, Registration.objects.get(child=child)


def test_the_published_offer_leaves_out_drafts(municipality, other_municipality):  # type: ignore[no-untyped-def]
    here, _ = activity_with_period(municipality)
    draft, _ = activity_with_period(municipality, is_published=False)
    there, _ = activity_with_period(other_municipality)

    assert set(activities_published()) == {here, there}
    assert list(activities_published(municipality_id=municipality.pk)) == [here]
    assert activity_get_published(activity_id=here.pk) == here
    with pytest.raises(Http404):
        activity_get_published(activity_id=draft.pk)


def test_staff_see_the_activities_and_periods_of_their_municipalities(  # type: ignore[no-untyped-def]
    municipality, other_municipality
):
    here, here_period = activity_with_period(municipality, is_published=False)
    there, there_period = activity_with_period(other_municipality)
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    regional = actor_for_user(regional_staff_member(municipality.region, Role.CLERK))

    assert list(activities_visible_to(actor=clerk)) == [here]
    assert set(activities_visible_to(actor=regional)) == {here, there}
    assert list(activities_visible_to(actor=ANONYMOUS)) == []
    assert activity_get_visible(actor=clerk, activity_id=here.pk) == here
    assert period_get_visible(actor=clerk, period_id=here_period.pk) == here_period
    with pytest.raises(Http404):
        activity_get_visible(actor=clerk, activity_id=there.pk)
    with pytest.raises(Http404):
        period_get_visible(actor=clerk, period_id=there_period.pk)
    with pytest.raises(Http404):  # a clerk views but does not manage
        activity_get_visible(
            actor=clerk, activity_id=here.pk, permission=Permission.ACTIVITIES_MANAGE
        )


def test_registrations_are_seen_by_their_parent_and_their_municipality(  # type: ignore[no-untyped-def]
    municipality, other_municipality
):
    _activity, period = activity_with_period(municipality)
    _elsewhere, other_period = activity_with_period(other_municipality)
    parent, mine = _registered(municipality, period)
    other_parent, theirs = _registered(other_municipality, other_period)
    resident = actor_for_resident(parent.pk)
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))

    assert list(registrations_of_resident(actor=resident, person_id=parent.pk)) == [mine]
    assert list(registrations_of_resident(actor=resident, person_id=other_parent.pk)) == []
    assert registration_get_for_parent(actor=resident, registration_id=mine.pk) == mine
    with pytest.raises(Http404):
        registration_get_for_parent(actor=resident, registration_id=theirs.pk)
    assert registration_get_visible(actor=clerk, registration_id=mine.pk) == mine
    with pytest.raises(Http404):
        registration_get_visible(actor=clerk, registration_id=theirs.pk)
    assert list(registrations_of_resident(actor=clerk, person_id=other_parent.pk)) == []
