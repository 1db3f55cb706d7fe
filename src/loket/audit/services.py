"""Writes of the access log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from loket.audit.models import AccessChannel, AccessLogEntry, AccessPurpose
from loket.tenancy.access import Actor

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
    api_client_name: str = "",
) -> AccessLogEntry:
    """Record that a staff member or integration read a resident's personal data."""
    return AccessLogEntry.objects.create(
        person=person,
        user=actor.user,
        api_client_name=api_client_name,
        municipality_id=person.municipality_id,
        purpose=AccessPurpose(purpose),
        what=what,
        channel=channel,
    )
