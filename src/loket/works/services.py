"""Writes of the works domain: staff with `works.manage` record, change and remove the
works and occupations of the public domain of their municipalities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipality_at_point
from loket.works.models import PlannedWork, WorkKind
from loket.works.selectors import work_get_visible


@dataclass(frozen=True)
class WorkInput:
    municipality_id: int
    kind: str
    title: str
    place: str
    latitude: float
    longitude: float
    starts_on: dt.date
    ends_on: dt.date
    description: str = ""
    case_number: str = ""


def _check(actor: Actor, data: WorkInput) -> None:
    """Refuses a municipality the actor does not manage (PermissionDenied), and bad input
    with one message per field (ValidationError)."""
    if not actor.has(Permission.WORKS_MANAGE, data.municipality_id):
        raise PermissionDenied
    errors: dict[str, str] = {}
    if data.kind not in WorkKind.values:
        errors["kind"] = _("Choose a kind.")
    if not data.title.strip():
        errors["title"] = _("This field is required.")
    if not data.place.strip():
        errors["place"] = _("This field is required.")
    if data.ends_on < data.starts_on:
        errors["ends_on"] = _("The end date comes before the start date.")
    found = municipality_at_point(latitude=data.latitude, longitude=data.longitude)
    if found is None or found.pk != data.municipality_id:
        errors["latitude"] = _("Put the pin inside the municipality.")
    if errors:
        raise ValidationError(errors)


def _fields(data: WorkInput) -> dict[str, object]:
    return {
        "municipality_id": data.municipality_id,
        "kind": data.kind,
        "title": data.title.strip(),
        "description": data.description.strip(),
        "place": data.place.strip(),
        "latitude": data.latitude,
        "longitude": data.longitude,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "case_number": data.case_number.strip(),
    }


def work_create(*, actor: Actor, data: WorkInput) -> PlannedWork:
    _check(actor, data)
    return PlannedWork.objects.create(**_fields(data))


@transaction.atomic
def work_update(*, actor: Actor, work_id: int, data: WorkInput) -> PlannedWork:
    """The municipality of the work and the one in `data` must both be the actor's: a work
    is never moved into, or out of, a municipality they do not manage."""
    work = work_get_visible(actor=actor, work_id=work_id)
    _check(actor, data)
    PlannedWork.objects.filter(pk=work.pk).update(**_fields(data))
    work.refresh_from_db()
    return work


def work_delete(*, actor: Actor, work_id: int) -> None:
    work_get_visible(actor=actor, work_id=work_id).delete()
