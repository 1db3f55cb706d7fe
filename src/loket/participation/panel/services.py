"""Every write of the user panel: the municipality's list of interests, a resident joining
(or changing their interests) and leaving, research activities, inviting a selection of
members (told on their own channel) and recording each invitee's outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.participation import notifications
from loket.participation.panel.models import (
    InvitationOutcome,
    PanelInterest,
    PanelMember,
    ResearchActivity,
    ResearchInvitation,
    ResearchKind,
)
from loket.participation.panel.selectors import (
    research_activity_get_visible,
    research_invitation_get_visible,
)
from loket.participation.selectors import municipality_get_managed, resident_of
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

MANAGE = Permission.PARTICIPATION_MANAGE


def panel_interest_save(
    *,
    actor: Actor,
    municipality_id: int,
    name_nl: str,
    name_fr: str,
    name_en: str,
    position: int = 0,
) -> PanelInterest:
    """Add an interest to the municipality's list."""
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    names = {"name_nl": name_nl.strip(), "name_fr": name_fr.strip(), "name_en": name_en.strip()}
    errors = {field: _("This field is required.") for field, value in names.items() if not value}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return PanelInterest.objects.create(
                municipality=municipality, position=position, **names
            )
    except IntegrityError:
        raise ValidationError(
            {"name_nl": _("This municipality has an interest of that name.")}
        ) from None


def panel_join(*, actor: Actor, interest_ids: Sequence[int]) -> PanelMember:
    """The resident joins the panel of the municipality they live in with their interests
    (from its list), or changes their interests."""
    person = resident_of(actor)
    wanted = set(interest_ids)
    interests = list(
        PanelInterest.objects.filter(
            municipality_id=person.municipality_id, is_active=True, pk__in=wanted
        )
    )
    if len(interests) != len(wanted):
        raise ValidationError({"interests": _("Choose interests from the list.")})
    with transaction.atomic():
        member, _created = PanelMember.objects.get_or_create(
            person=person, municipality_id=person.municipality_id
        )
        member.interests.set(interests)
    return member


def panel_leave(*, actor: Actor) -> bool:
    """The resident leaves the panel: their membership and interests are removed (the
    invitations they had stay, with their outcome). True when they were a member."""
    person = resident_of(actor)
    deleted, _rows = PanelMember.objects.filter(person=person).delete()
    return deleted > 0


def research_activity_create(
    *,
    actor: Actor,
    municipality_id: int,
    kind: str,
    title: str,
    description: str,
    takes_place_on: dt.date | None = None,
) -> ResearchActivity:
    municipality = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    errors: dict[str, str] = {}
    if kind not in ResearchKind.values:
        errors["kind"] = _("Choose the kind of activity.")
    title, description = title.strip(), description.strip()
    if not title:
        errors["title"] = _("This field is required.")
    if not description:
        errors["description"] = _("This field is required.")
    if errors:
        raise ValidationError(errors)
    return ResearchActivity.objects.create(
        municipality=municipality,
        kind=kind,
        title=title[:150],
        description=description[:2000],
        takes_place_on=takes_place_on,
    )


def research_invite(*, actor: Actor, activity_id: int, person_ids: Sequence[int]) -> int:
    """Invite a selection of the panel's members (of the activity's municipality only; a
    member invited before is not invited twice). Each is told on their own channel, in the
    same transaction. The number of new invitations."""
    activity = research_activity_get_visible(actor=actor, activity_id=activity_id)
    if not actor.has(MANAGE, activity.municipality_id):
        raise PermissionDenied
    members = list(
        PanelMember.objects.filter(
            municipality_id=activity.municipality_id, person_id__in=set(person_ids)
        ).select_related("person")
    )
    if len(members) != len(set(person_ids)):
        raise ValidationError({"person_ids": _("Choose members of this municipality's panel.")})
    count = 0
    with transaction.atomic():
        for member in members:
            invitation, created = ResearchInvitation.objects.get_or_create(
                activity=activity, person=member.person
            )
            if created:
                count += 1
                notifications.research_invitation_notify(invitation=invitation)
    return count


def research_outcome_record(
    *, actor: Actor, invitation_id: int, outcome: str, notes: str = ""
) -> ResearchInvitation:
    invitation = research_invitation_get_visible(actor=actor, invitation_id=invitation_id)
    if outcome not in InvitationOutcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    notes = notes.strip()
    if len(notes) > 2000:
        raise ValidationError({"notes": _("At most %(count)d characters.") % {"count": 2000}})
    ResearchInvitation.objects.filter(pk=invitation.pk).update(
        outcome=outcome, notes=notes, updated_at=timezone.now()
    )
    invitation.refresh_from_db()
    return invitation
