"""A model choice list grouped under headings (<optgroup>), for long lists that have a
natural grouping (departments by municipality, categories by group)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import groupby
from typing import Any

from django import forms
from django.db.models import Model
from django.forms.models import ModelChoiceIterator


class _GroupedIterator(ModelChoiceIterator):  # type: ignore[type-arg]
    field: GroupedModelChoiceField

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for group, members in groupby(self.queryset, key=self.field.group_label):
            yield (group, [self.choice(member) for member in members])


class GroupedModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A `ModelChoiceField` whose options are grouped by `group_label(obj)`. The queryset
    must be ordered by the group first (consecutive objects of one group form it).
    Validation is the parent's: a value is valid when the queryset holds it."""

    iterator = _GroupedIterator

    def __init__(self, *args: Any, group_label: Callable[[Any], str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.group_label: Callable[[Model], str] = group_label
