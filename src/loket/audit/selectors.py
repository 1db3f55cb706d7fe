"""Reads of the access log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from loket.audit.models import AccessLogEntry
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:  # the access log sits below the register: the type only
    from loket.people.models import Person


def access_log_of_person(*, person: Person) -> QuerySet[AccessLogEntry]:
    """What the resident sees on their page: who looked at their data."""
    return AccessLogEntry.objects.filter(person=person).select_related("user", "municipality")


def access_log_visible_to(*, actor: Actor) -> QuerySet[AccessLogEntry]:
    """For privacy officers: the log of the municipalities they supervise."""
    return AccessLogEntry.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.AUDIT_VIEW)
    ).select_related("user", "person", "municipality")
