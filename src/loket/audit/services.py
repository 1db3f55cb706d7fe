"""Writes of the access log.

`access_log_record` is called by the selectors that read a resident's personal data for a
purpose (`person_read_for_purpose`, `case_read_for_purpose`, ...), never by views, so a
page or endpoint cannot forget it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_noop

from loket.accounts.models import ApiClient
from loket.audit.models import AccessChannel, AccessLogEntry, AccessLogSearch, AccessPurpose
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Membership, Municipality
from loket.tenancy.permissions import Permission

# What a household member's row says: their data was shown with another resident's record.
HOUSEHOLD_SHOWN = gettext_noop("household data shown with a resident's record")


def _reader_role(actor: Actor, municipality_id: int) -> str:
    """The role the reader holds in the municipality they act for (a municipal membership
    before a region-wide one; an integration's role is that of its API client)."""
    if actor.kind is ActorKind.INTEGRATION and actor.api_client_id is not None:
        return (
            ApiClient.objects.filter(pk=actor.api_client_id).values_list("role", flat=True).first()
            or ""
        )
    if actor.user is None:
        return ""
    if actor.memberships:  # read with the actor: no query
        own = [m for m in actor.memberships if m.municipality_id == municipality_id]
        wide = [
            m
            for m in actor.memberships
            if m.municipality_id is None
            and municipality_id in (getattr(m, "region_municipality_ids", None) or ())
        ]
        chosen = sorted(own, key=lambda m: m.pk) + sorted(wide, key=lambda m: m.pk)
        return str(chosen[0].role) if chosen else ""
    region_id = (
        Municipality.objects.filter(pk=municipality_id).values_list("region_id", flat=True).first()
    )
    roles = (
        Membership.objects.filter(user=actor.user)
        .filter(
            Q(municipality_id=municipality_id) | Q(municipality__isnull=True, region_id=region_id)
        )
        .order_by("municipality_id", "pk")
        .values_list("role", flat=True)
    )
    return next(iter(roles), "")


def _reader_purpose_check(purpose: AccessPurpose | str) -> None:
    """A staff member or integration cannot claim the purpose reserved to the resident's
    own download of their data."""
    if AccessPurpose(purpose) in {AccessPurpose.OWN_DATA_EXPORT, AccessPurpose.ON_BEHALF}:
        raise PermissionDenied


def _api_client_name(actor: Actor) -> str:
    if actor.kind is not ActorKind.INTEGRATION or actor.api_client_id is None:
        return ""
    return (
        ApiClient.objects.filter(pk=actor.api_client_id).values_list("name", flat=True).first()
        or ""
    )


if TYPE_CHECKING:  # the access log sits below the register: the type only
    from loket.people.models import Person


@transaction.atomic
def access_log_record(
    *,
    actor: Actor,
    person: Person,
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
    municipality_id: int,
    household: Iterable[Person] = (),
) -> list[AccessLogEntry]:
    """Record that a staff member or integration, acting for `municipality_id`, read
    `person`'s data (and was shown the `household` members' data with it).

    Residents reading their own data and anonymous visitors leave no row.
    """
    _reader_purpose_check(purpose)
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return []
    common = {
        "user": actor.user,
        "api_client_name": _api_client_name(actor),
        "municipality_id": municipality_id,
        "role": _reader_role(actor, municipality_id),
        "purpose": AccessPurpose(purpose),
        "channel": channel,
    }
    rows = [AccessLogEntry(person=person, what=what, **common)]
    seen = {person.pk}
    for member in household:
        if member.pk not in seen:
            seen.add(member.pk)
            rows.append(AccessLogEntry(person=member, what=HOUSEHOLD_SHOWN, **common))
    return AccessLogEntry.objects.bulk_create(rows)


@transaction.atomic
def access_log_record_each(
    *,
    actor: Actor,
    persons: Iterable[Person | None],
    purpose: AccessPurpose | str,
    what: str,
    channel: AccessChannel,
    municipality_id: int,
) -> list[AccessLogEntry]:
    """Record that a page showed each of `persons` (a calendar, a list of bookings): one
    row per person, once however often they appear; `None` (someone outside the register)
    leaves no row. The same rules as `access_log_record`."""
    _reader_purpose_check(purpose)
    if actor.kind not in {ActorKind.STAFF, ActorKind.INTEGRATION}:
        return []
    shown = list({person.pk: person for person in persons if person is not None}.values())
    if not shown:
        return []
    common = {
        "user": actor.user,
        "api_client_name": _api_client_name(actor),
        "municipality_id": municipality_id,
        "role": _reader_role(actor, municipality_id),
        "purpose": AccessPurpose(purpose),
        "what": what,
        "channel": channel,
    }
    return AccessLogEntry.objects.bulk_create(
        [AccessLogEntry(person=person, **common) for person in shown]
    )


def access_log_record_own_export(*, person: Person, what: str) -> AccessLogEntry:
    """Record that the resident `person` downloaded all their own data (`what`: the
    format). The one row a resident's own reading leaves: a download copies the data out
    of the municipality's hands, so the resident sees it in their log like any reading."""
    return AccessLogEntry.objects.create(
        person=person,
        user=None,
        municipality_id=person.municipality_id,
        purpose=AccessPurpose.OWN_DATA_EXPORT,
        what=what,
        channel=AccessChannel.PORTAL,
    )


def access_log_search_record(
    *,
    actor: Actor,
    resident: str,
    staff: str,
    date_from: dt.date | None,
    date_to: dt.date | None,
    purpose: str,
    exported: bool,
    results: int,
) -> AccessLogSearch:
    """Record that a data protection officer searched (or exported) the access log; the
    municipalities are those the search could reach (`audit.view`)."""
    if actor.user is None:
        raise PermissionDenied
    return AccessLogSearch.objects.create(
        user=actor.user,
        municipality_ids=sorted(actor.municipality_ids(Permission.AUDIT_VIEW)),
        resident=resident[:100],
        staff=staff[:100],
        date_from=date_from,
        date_to=date_to,
        purpose=purpose,
        exported=exported,
        results=results,
    )


def access_log_record_on_behalf(*, person: Person, acted_by: Person, what: str) -> AccessLogEntry:
    """Record that the resident `acted_by` read `person`'s data while acting for them (as
    parent of a minor child or under a mandate): both see it."""
    return AccessLogEntry.objects.create(
        person=person,
        acted_by_person=acted_by,
        user=None,
        municipality_id=person.municipality_id,
        purpose=AccessPurpose.ON_BEHALF,
        what=what,
        channel=AccessChannel.PORTAL,
    )
