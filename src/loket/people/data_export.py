"""The resident's own data, all of it, to download (right of access and to data
portability, GDPR articles 15 and 20).

The register sits below the domains, so it cannot read them: each domain declares a
`DataExportPart` in `<domain>/resident_data.py` and registers it in `DATA_EXPORT_PARTS`;
this app imports those modules when Django starts (`PeopleConfig.ready`). A part names the
models it exports (`models`) and the models referencing a person that it deliberately
leaves out, each with the reason (`excluded`). The test suite enumerates every model with
a foreign key to `people.Person` and fails for one that no part exports or excludes.

The structure (schema version `SCHEMA_VERSION`, documented in docs/privacy.md):

    {"schema_version": 1, "generated_at": "...", "person_id": 12,
     "parts": [{"code": "cases", "title": "...", "items": [
         {"type": "cases.Case", "id": 3, "created_at": "...", "fields": {...}}, ...]}, ...]}

Every item carries its model label (`type`), its primary key (`id`), its creation and
change dates when it has them, and its fields as JSON values (dates and times in ISO 8601,
a reference to another object as that object's id, a choice as its stored code with the
readable text next to it under `<field>_display`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise

from loket.core.plugins import Registry

if TYPE_CHECKING:
    from loket.people.models import Person
    from loket.tenancy.access import Actor

SCHEMA_VERSION = 1

# Dates an item carries next to its fields, when its model has them.
ITEM_DATES = ("created_at", "at", "updated_at")


class DataExportPart:
    """One domain's share of the export. `models` are the labels of the models it exports;
    `excluded` maps the labels of the models referencing a person it leaves out to the
    reason. `items` reads only what belongs to `person`, the signed-in resident."""

    code: ClassVar[str] = ""
    position: ClassVar[int] = 100
    title: ClassVar[str | Promise] = ""
    models: ClassVar[tuple[str, ...]] = ()
    excluded: ClassVar[dict[str, str]] = {}

    def items(self, *, actor: Actor, person: Person) -> list[dict[str, Any]]:
        raise NotImplementedError


DATA_EXPORT_PARTS: Registry[DataExportPart] = Registry("data export part")


def _parts() -> list[DataExportPart]:
    return sorted(
        (DATA_EXPORT_PARTS.create(code) for code in DATA_EXPORT_PARTS.codes()),
        key=lambda part: (part.position, part.code),
    )


def exported_models() -> set[str]:
    """The labels of every model some part exports."""
    return {label for part in _parts() for label in part.models}


def excluded_models() -> dict[str, str]:
    """EXCLUDED: every model referencing a person left out of the export, with the reason."""
    excluded: dict[str, str] = {}
    for part in _parts():
        excluded.update(part.excluded)
    return excluded


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID | Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_value(element) for element in value]
    if isinstance(value, dict):
        return {str(key): _json_value(element) for key, element in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def export_item(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """One object as an export item: its type, id, dates and `fields` (a foreign key as
    the id it points to)."""
    meta = obj._meta
    values: dict[str, Any] = {}
    for name in fields:
        field = meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            values[name] = getattr(obj, field.attname)
            continue
        value = getattr(obj, name)
        values[name] = _json_value(value)
        if getattr(field, "choices", None) and value not in (None, ""):
            values[f"{name}_display"] = str(getattr(obj, f"get_{name}_display")())
    item: dict[str, Any] = {"type": meta.label, "id": obj.pk}
    for date_name in ITEM_DATES:
        if date_name not in values and any(f.name == date_name for f in meta.concrete_fields):
            item[date_name] = _json_value(getattr(obj, date_name))
    item["fields"] = values
    return item


def resident_data_export(*, actor: Actor, person: Person) -> dict[str, Any]:
    """Everything every domain holds about `person`, who is the signed-in resident `actor`."""
    if not actor.is_resident or actor.person_id != person.pk:
        raise PermissionError("a resident exports only their own data")
    return {
        "schema_version": SCHEMA_VERSION,
        "generated_at": timezone.now().isoformat(),
        "person_id": person.pk,
        "parts": [
            {
                "code": part.code,
                "title": str(part.title),
                "items": part.items(actor=actor, person=person),
            }
            for part in _parts()
        ],
    }
