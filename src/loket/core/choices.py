"""The label of a field's chosen value (`get_<field>_display()`), translating only that label.

Django's own `get_<field>_display()` builds a dictionary of every choice on each call, and
hashing a lazily translated label translates it: a list of 50 rows with two choice columns
translated about a thousand labels to show a hundred. `choice_display_install` gives every
model the same method that compares values only and translates the one label it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partialmethod
from typing import Any

from django.db.models import Field, Model
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _choice_display(instance: Model, *, field: Field[Any, Any]) -> Any:
    value = getattr(instance, field.attname)
    wanted = make_hashable(value)
    for choice, label in field.flatchoices:
        if make_hashable(choice) == wanted:
            return force_str(label, strings_only=True)
    return force_str(value, strings_only=True)


def choice_display_install(models: Iterable[type[Model]]) -> int:
    """Replace Django's `get_<field>_display` of these models (not one a model wrote
    itself); the number replaced."""
    replaced = 0
    for model in models:
        for field in model._meta.get_fields():
            if not isinstance(field, Field) or not field.choices:
                continue
            name = f"get_{field.name}_display"
            current = model.__dict__.get(name)
            if isinstance(current, partialmethod) and current.func is Model._get_FIELD_display:  # type: ignore[attr-defined]
                setattr(model, name, partialmethod(_choice_display, field=field))
                replaced += 1
    return replaced
