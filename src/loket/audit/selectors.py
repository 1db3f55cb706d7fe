"""Reads of the access log."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from loket.audit.models import AccessLogEntry, AccessLogSearch
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission

if TYPE_CHECKING:  # the access log sits below the register: the type only
    from loket.people.models import Person

# A national register number as people type it (as the register's own search reads it).
_NATIONAL_NUMBER = re.compile(r"^[\d\s.\-]{11,15}$")


def access_log_of_person(*, person: Person) -> QuerySet[AccessLogEntry]:
    """What the resident sees on their page: who looked at their data."""
    return AccessLogEntry.objects.filter(person=person).select_related(
        "user", "municipality", "acted_by_person"
    )


def access_log_by_representative(*, person: Person) -> QuerySet[AccessLogEntry]:
    """What the resident read while acting for someone else (for their data export)."""
    return AccessLogEntry.objects.filter(acted_by_person=person).order_by("pk")


def access_log_visible_to(*, actor: Actor) -> QuerySet[AccessLogEntry]:
    """For privacy officers: the log of the municipalities they supervise."""
    return AccessLogEntry.objects.filter(
        municipality_id__in=actor.municipality_ids(Permission.AUDIT_VIEW)
    ).select_related("user", "person", "municipality", "acted_by_person")


def _name_normalise(text: str) -> str:
    """As the register compares names: lower-case, accent-free, single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.lower().replace("-", " ").split())


def access_log_filtered(
    *,
    actor: Actor,
    resident: str = "",
    staff: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    purpose: str = "",
) -> QuerySet[AccessLogEntry]:
    """The privacy officer's search, always within `access_log_visible_to`: the resident by
    national register number (exact) or by every word of the name; the staff member by
    name or user name (or the integration's name); a period of days, both ends included,
    in the local time zone; one purpose."""
    entries = access_log_visible_to(actor=actor)
    resident = resident.strip()
    if resident:
        if _NATIONAL_NUMBER.match(resident):
            entries = entries.filter(person__national_number=re.sub(r"\D", "", resident))
        else:
            for word in _name_normalise(resident).split():
                entries = entries.filter(person__search_name__contains=word)
    for word in staff.split():
        entries = entries.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__username__icontains=word)
            | Q(api_client_name__icontains=word)
        )
    if date_from is not None:
        entries = entries.filter(at__gte=_day_start(date_from))
    if date_to is not None:
        entries = entries.filter(at__lt=_day_start(date_to + dt.timedelta(days=1)))
    if purpose:
        entries = entries.filter(purpose=purpose)
    return entries


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def access_log_searches_visible_to(*, actor: Actor) -> QuerySet[AccessLogSearch]:
    """The searches of the access log that reached one of the municipalities the actor
    supervises: data protection officers see each other's searches."""
    return AccessLogSearch.objects.filter(
        municipality_ids__overlap=sorted(actor.municipality_ids(Permission.AUDIT_VIEW))
    ).select_related("user")
