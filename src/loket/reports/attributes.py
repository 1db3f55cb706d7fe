"""Answers to a category's extra questions (Open311 attributes): checked against the
service definition and stored on the report as {code: value or [values]}."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from loket.reports.models import AttributeDatatype, CategoryAttribute

AttributeValue = str | list[str]


class AttributeErrors(Exception):
    """One or more answers do not fit the service definition."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = list(messages)


def _number_valid(value: str) -> bool:
    try:
        float(value.replace(",", "."))
    except ValueError:
        return False
    return True


def _datetime_valid(value: str) -> bool:
    try:
        return parse_datetime(value) is not None or dt.date.fromisoformat(value) is not None
    except ValueError:
        return False


def _one_clean(attribute: CategoryAttribute, values: list[str]) -> tuple[AttributeValue, str]:
    """(cleaned value, error message or "")."""
    values = [value.strip() for value in values if value.strip()]
    label = attribute.description or attribute.code
    if not values:
        if attribute.required:
            return "", _("“%(question)s” needs an answer.") % {"question": label}
        return "", ""
    if attribute.datatype == AttributeDatatype.MULTI_VALUE_LIST:
        unknown = [value for value in values if value not in attribute.choice_keys()]
        if unknown:
            return "", _("“%(value)s” is not a choice of “%(question)s”.") % {
                "value": unknown[0],
                "question": label,
            }
        return list(dict.fromkeys(values)), ""
    if len(values) > 1:
        return "", _("“%(question)s” takes one answer.") % {"question": label}
    value = values[0]
    error = ""
    if attribute.datatype == AttributeDatatype.SINGLE_VALUE_LIST:
        if value not in attribute.choice_keys():
            error = _("“%(value)s” is not a choice of “%(question)s”.") % {
                "value": value,
                "question": label,
            }
    elif attribute.datatype == AttributeDatatype.NUMBER and not _number_valid(value):
        error = _("“%(question)s” needs a number.") % {"question": label}
    elif attribute.datatype == AttributeDatatype.DATETIME and not _datetime_valid(value):
        error = _("“%(question)s” needs a date (YYYY-MM-DD or YYYY-MM-DDThh:mm).") % {
            "question": label
        }
    elif attribute.datatype == AttributeDatatype.STRING and ("\n" in value or len(value) > 500):
        error = _("“%(question)s” takes one short line.") % {"question": label}
    elif len(value) > 4000:
        error = _("“%(question)s” is too long.") % {"question": label}
    return value, error


def attributes_clean(
    definitions: Iterable[CategoryAttribute], answers: Mapping[str, Sequence[str]]
) -> dict[str, AttributeValue]:
    """Check every answer; raise AttributeErrors listing every problem at once."""
    definitions = [attribute for attribute in definitions if attribute.variable]
    known = {attribute.code for attribute in definitions}
    errors = [
        _("“%(code)s” is not a question of this category.") % {"code": code}
        for code in answers
        if code not in known
    ]
    cleaned: dict[str, AttributeValue] = {}
    for attribute in definitions:
        value, error = _one_clean(attribute, list(answers.get(attribute.code, [])))
        if error:
            errors.append(error)
        elif value:
            cleaned[attribute.code] = value
    if errors:
        raise AttributeErrors(errors)
    return cleaned
