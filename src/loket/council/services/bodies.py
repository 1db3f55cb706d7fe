"""Governing bodies, parties, members and mandates (council.manage)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.council.models import (
    BodyKind,
    GoverningBody,
    Mandate,
    MandateRole,
    Member,
    Party,
)
from loket.council.selectors import (
    body_get_visible,
)
from loket.council.services.common import _municipality_for, _required, _url
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission, Role


@transaction.atomic
def body_create(*, actor: Actor, municipality_id: int, kind: str) -> GoverningBody:
    """The municipality's body of this kind (made once; a second call returns it)."""
    municipality = _municipality_for(actor, municipality_id, Permission.COUNCIL_MANAGE)
    if kind not in BodyKind.values:
        raise ValidationError({"kind": _("Choose a kind of body.")})
    body, _created = GoverningBody.objects.get_or_create(municipality=municipality, kind=kind)
    return body


@transaction.atomic
def party_create(*, actor: Actor, municipality_id: int, name: str, abbreviation: str = "") -> Party:
    municipality = _municipality_for(actor, municipality_id, Permission.COUNCIL_MANAGE)
    cleaned = _required(name=name)
    if Party.objects.filter(municipality=municipality, name__iexact=cleaned["name"]).exists():
        raise ValidationError({"name": _("This party exists already.")})
    return Party.objects.create(
        municipality=municipality, name=cleaned["name"][:120], abbreviation=abbreviation[:30]
    )


@transaction.atomic
def member_create(*, actor: Actor, municipality_id: int, first_name: str, last_name: str) -> Member:
    municipality = _municipality_for(actor, municipality_id, Permission.COUNCIL_MANAGE)
    cleaned = _required(first_name=first_name, last_name=last_name)
    return Member.objects.create(
        municipality=municipality,
        first_name=cleaned["first_name"][:100],
        last_name=cleaned["last_name"][:100],
    )


@transaction.atomic
def mandate_add(
    *,
    actor: Actor,
    body_id: int,
    member_id: int,
    role: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    party_id: int | None = None,
) -> Mandate:
    """Give a member of the municipality a seat in one of its bodies. A member or party
    of another municipality is refused like one that does not exist."""
    body = body_get_visible(actor=actor, body_id=body_id, permission=Permission.COUNCIL_MANAGE)
    errors: dict[str, str] = {}
    member = Member.objects.filter(pk=member_id, municipality_id=body.municipality_id).first()
    if member is None:
        errors["member"] = _("Choose a member of this municipality.")
    party = None
    if party_id is not None:
        party = Party.objects.filter(pk=party_id, municipality_id=body.municipality_id).first()
        if party is None:
            errors["party"] = _("Choose a party of this municipality.")
    if role not in MandateRole.values:
        errors["role"] = _("Choose a role.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The end cannot come before the start.")
    if errors or member is None:
        raise ValidationError(errors)
    return Mandate.objects.create(
        municipality_id=body.municipality_id,
        body=body,
        member=member,
        role=role,
        party=party,
        starts_on=starts_on,
        ends_on=ends_on,
    )


@transaction.atomic
def mandate_register(
    *,
    actor: Actor,
    body_id: int,
    first_name: str,
    last_name: str,
    role: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    party_id: int | None = None,
    new_party: str = "",
) -> Mandate:
    """A seat in the body for a member named here: the municipality's member of that name
    if there is one (a councillor who also sits in the college), a new one otherwise; the
    party chosen, or a new one."""
    body = body_get_visible(actor=actor, body_id=body_id, permission=Permission.COUNCIL_MANAGE)
    cleaned = _required(first_name=first_name, last_name=last_name)
    member = Member.objects.filter(
        municipality_id=body.municipality_id,
        first_name__iexact=cleaned["first_name"],
        last_name__iexact=cleaned["last_name"],
    ).first() or member_create(
        actor=actor,
        municipality_id=body.municipality_id,
        first_name=cleaned["first_name"],
        last_name=cleaned["last_name"],
    )
    if new_party.strip() and party_id is None:
        existing = Party.objects.filter(
            municipality_id=body.municipality_id, name__iexact=new_party.strip()
        ).first()
        party_id = (
            existing
            or party_create(actor=actor, municipality_id=body.municipality_id, name=new_party)
        ).pk
    return mandate_add(
        actor=actor,
        body_id=body.pk,
        member_id=member.pk,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        party_id=party_id,
    )


@transaction.atomic
def body_livestream_set(*, actor: Actor, body_id: int, livestream_url: str) -> GoverningBody:
    """Where the body's meetings are streamed live (a meeting may name its own)."""
    body = body_get_visible(actor=actor, body_id=body_id, permission=Permission.COUNCIL_MANAGE)
    body.livestream_url = _url("livestream_url", livestream_url)
    body.save(update_fields=["livestream_url"])
    return body


@transaction.atomic
def member_account_link(*, actor: Actor, body_id: int, mandate_id: int, username: str) -> Member:
    """Give a member of the body the staff account they sign in to the councillors' portal
    with: an account holding the councillor role in the body's municipality."""
    body = body_get_visible(actor=actor, body_id=body_id, permission=Permission.COUNCIL_MANAGE)
    mandate = Mandate.objects.filter(pk=mandate_id, body=body).select_related("member").first()
    if mandate is None:
        raise Http404
    user = (
        User.objects.filter(
            username=username.strip(),
            is_active=True,
            memberships__role=Role.COUNCILLOR,
            memberships__municipality_id=body.municipality_id,
        )
        .distinct()
        .first()
    )
    if user is None:
        raise ValidationError(
            {"username": _("No councillor's account in this municipality has this name.")}
        )
    Member.objects.filter(user=user).exclude(pk=mandate.member_id).update(user=None)
    member = mandate.member
    member.user = user
    member.save(update_fields=["user"])
    return member
