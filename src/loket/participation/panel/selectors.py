"""Every read of the user panel, scoped by the actor: a resident their own membership,
staff with `participation.manage` the members and activities of their municipalities
(another municipality's activity or invitation answers 404)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from loket.participation.panel.models import (
    PanelInterest,
    PanelMember,
    ResearchActivity,
    ResearchInvitation,
)
from loket.people.models import Address, Person
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

MANAGE = Permission.PARTICIPATION_MANAGE

# The age bands staff select by (the happiness survey's bands).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-44", 35, 44),
    ("45-54", 45, 54),
    ("55-64", 55, 64),
    ("65-74", 65, 74),
    ("75+", 75, None),
)


def panel_interests_offered(*, municipality_id: int) -> QuerySet[PanelInterest]:
    return PanelInterest.objects.filter(municipality_id=municipality_id, is_active=True)


def panel_interests_of(*, actor: Actor, municipality_id: int) -> QuerySet[PanelInterest]:
    if not actor.has(MANAGE, municipality_id):
        raise Http404
    return PanelInterest.objects.filter(municipality_id=municipality_id)


def panel_membership_of(*, person: Person) -> PanelMember | None:
    return (
        PanelMember.objects.filter(person=person, municipality_id=person.municipality_id)
        .prefetch_related("interests")
        .first()
    )


def _years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _born_between(band: str, today: dt.date) -> tuple[dt.date | None, dt.date] | None:
    for label, low, high in AGE_BANDS:
        if label == band:
            latest = _years_before(today, low)
            earliest = None if high is None else _years_before(today, high + 1)
            return earliest, latest
    return None


def panel_members_selected(
    *,
    actor: Actor,
    municipality_id: int,
    interest_id: int | None = None,
    age_band: str = "",
    district: str = "",
    today: dt.date | None = None,
) -> QuerySet[PanelMember]:
    """The members of a municipality's panel, by interest, age band and district (postal
    code of the current address)."""
    if not actor.has(MANAGE, municipality_id):
        raise Http404
    members = PanelMember.objects.filter(municipality_id=municipality_id).select_related("person")
    if interest_id is not None:
        members = members.filter(interests__id=interest_id)
    born = _born_between(age_band, today or timezone.localdate()) if age_band else None
    if born is not None:
        earliest, latest = born
        members = members.filter(person__birth_date__lte=latest)
        if earliest is not None:
            members = members.filter(person__birth_date__gt=earliest)
    if district:
        members = members.filter(
            Exists(
                Address.objects.filter(
                    person_id=OuterRef("person_id"),
                    valid_until__isnull=True,
                    postal_code=district.strip(),
                )
            )
        )
    return members.distinct().order_by("person__last_name", "person__first_names", "pk")


def research_activities_visible_to(*, actor: Actor) -> QuerySet[ResearchActivity]:
    return ResearchActivity.objects.filter(
        municipality_id__in=actor.municipality_ids(MANAGE)
    ).select_related("municipality")


def research_activity_get_visible(*, actor: Actor, activity_id: int) -> ResearchActivity:
    activity = research_activities_visible_to(actor=actor).filter(pk=activity_id).first()
    if activity is None:
        raise Http404
    return activity


def research_invitations_of(*, activity: ResearchActivity) -> QuerySet[ResearchInvitation]:
    return activity.invitations.select_related("person").order_by(
        "person__last_name", "person__first_names", "pk"
    )


def research_invitation_get_visible(*, actor: Actor, invitation_id: int) -> ResearchInvitation:
    invitation = (
        ResearchInvitation.objects.select_related("activity", "person")
        .filter(pk=invitation_id, activity__municipality_id__in=actor.municipality_ids(MANAGE))
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation
