"""Writes of the access log."""

from __future__ import annotations

from django.db import transaction

from loket.audit.models import AccessChannel, AccessLogEntry, AccessPurpose
from loket.people.models import Person
from loket.tenancy.access import Actor


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
