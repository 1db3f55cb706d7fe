"""Checking the answers to a form against its definition.

The same check serves the portal, the counter and the API. Raw answers are what a browser
posts (strings) or what an API client sends (JSON values); the result holds clean,
JSON-safe values (dates as ISO text, decimals as exact text) and the errors per field.
Fields hidden by their `show_if` condition are dropped, whatever was sent for them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from loket.catalog.formdefs.schema import FieldSpec, FieldType, FormSpec, HouseholdRelation
from loket.catalog.texts import localized
from loket.core.dates import date_display

ADDRESS_PARTS = ("street", "number", "box", "postal_code", "municipality")
_TRUE = {"yes", "true", "on", "1"}
_FALSE = {"no", "false", "off", "0"}
_POSTAL_CODE = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class HouseholdMember:
    """A person of the applicant's household as the register knows them."""

    national_number: str
    name: str
    relation: HouseholdRelation


@dataclass(frozen=True)
class AnswerContext:
    today: dt.date
    household: tuple[HouseholdMember, ...] = ()
    language: str | None = None

    def household_for(self, relation: HouseholdRelation) -> tuple[HouseholdMember, ...]:
        if relation is HouseholdRelation.ANY:
            return self.household
        return tuple(member for member in self.household if member.relation is relation)


@dataclass
class AnswerResult:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


class _Invalid(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple):
        return not value
    if isinstance(value, Mapping):
        return all(_is_empty(part) for part in value.values())
    return False


def _text(spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]) -> str:
    if not isinstance(raw, str):
        raise _Invalid(_("Enter text."))
    value = raw.strip() if spec.multiline else " ".join(raw.split())
    rules = spec.rules
    maximum = int(rules.get("max_length", 2000 if spec.multiline else 200))
    if len(value) > maximum:
        raise _Invalid(_("At most %(count)d characters.") % {"count": maximum})
    minimum = int(rules.get("min_length", 0))
    if len(value) < minimum:
        raise _Invalid(_("At least %(count)d characters.") % {"count": minimum})
    pattern = rules.get("pattern")
    if pattern and not re.fullmatch(str(pattern), value):
        message = localized(rules.get("pattern_message"), context.language)
        raise _Invalid(message or _("This is not in the expected format."))
    return value


def _number(
    spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]
) -> int | str:
    if isinstance(raw, bool):
        raise _Invalid(_("Enter a number."))
    text = str(raw).strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _Invalid(_("Enter a number.")) from None
    if not number.is_finite():
        raise _Invalid(_("Enter a number."))
    decimals = int(spec.rules.get("decimals", 0))
    if number != number.quantize(Decimal(1).scaleb(-decimals)):
        if decimals == 0:
            raise _Invalid(_("Enter a whole number."))
        raise _Invalid(_("At most %(count)d decimals.") % {"count": decimals})
    if "min" in spec.rules and number < Decimal(str(spec.rules["min"])):
        raise _Invalid(_("At least %(min)s.") % {"min": spec.rules["min"]})
    if "max" in spec.rules and number > Decimal(str(spec.rules["max"])):
        raise _Invalid(_("At most %(max)s.") % {"max": spec.rules["max"]})
    return int(number) if decimals == 0 else str(number.quantize(Decimal(1).scaleb(-decimals)))


def _earliest_message(days: int, first: dt.date) -> str:
    if days > 0:
        return _("The date must be in the future: %(date)s or later.") % {
            "date": date_display(first)
        }
    if days == 0:
        return _("The date must be today or later.")
    return _("The date is too far in the past: choose %(date)s or later.") % {
        "date": date_display(first)
    }


def _latest_message(days: int, last: dt.date) -> str:
    if days < 0:
        return _("The date must be in the past: %(date)s or earlier.") % {
            "date": date_display(last)
        }
    if days == 0:
        return _("The date cannot be in the future: choose today or earlier.")
    return _("The date is too far in the future: choose %(date)s or earlier.") % {
        "date": date_display(last)
    }


def _date(spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]) -> str:
    try:
        value = dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise _Invalid(_("Enter a date as YYYY-MM-DD.")) from None
    offset = (value - context.today).days
    earliest = spec.rules.get("min_days_from_today")
    latest = spec.rules.get("max_days_from_today")
    if earliest is not None and offset < int(earliest):
        first = context.today + dt.timedelta(days=int(earliest))
        raise _Invalid(_earliest_message(int(earliest), first))
    if latest is not None and offset > int(latest):
        last = context.today + dt.timedelta(days=int(latest))
        raise _Invalid(_latest_message(int(latest), last))
    before = spec.rules.get("not_before")
    if before and isinstance(values.get(before), str) and value.isoformat() < values[before]:
        raise _Invalid(
            _("This date cannot be before the date given earlier (%(date)s).")
            % {"date": date_display(values[before])}
        )
    return value.isoformat()


def _choice(
    spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]
) -> str | list[str]:
    allowed = {option.value for option in spec.options}
    chosen = list(raw) if isinstance(raw, list | tuple) else [raw]
    if any(not isinstance(value, str) or value not in allowed for value in chosen):
        raise _Invalid(_("Choose one of the options."))
    if not spec.multiple:
        if len(chosen) != 1:
            raise _Invalid(_("Choose one option."))
        return str(chosen[0])
    unique = [option.value for option in spec.options if option.value in chosen]
    minimum = int(spec.rules.get("min_selected", 0))
    maximum = int(spec.rules.get("max_selected", len(spec.options)))
    if len(unique) < minimum:
        raise _Invalid(_("Choose at least %(count)d options.") % {"count": minimum})
    if len(unique) > maximum:
        raise _Invalid(_("Choose at most %(count)d options.") % {"count": maximum})
    return unique


def _yes_no(spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise _Invalid(_("Answer yes or no."))


def _address(
    spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]
) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise _Invalid(_("Enter an address."))
    value = {part: " ".join(str(raw.get(part) or "").split()) for part in ADDRESS_PARTS}
    if not value["street"] or not value["number"] or not value["postal_code"]:
        raise _Invalid(_("Enter the street, the house number and the postal code."))
    if not _POSTAL_CODE.match(value["postal_code"]):
        raise _Invalid(_("A Belgian postal code has four digits."))
    if len(value["street"]) > 200 or len(value["number"]) > 10 or len(value["box"]) > 10:
        raise _Invalid(_("The address is too long."))
    return value


def _household_person(
    spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]
) -> dict[str, str] | list[dict[str, str]]:
    items = list(raw) if isinstance(raw, list | tuple) else [raw]
    wanted = [
        str(item.get("national_number") if isinstance(item, Mapping) else item).strip()
        for item in items
    ]
    if not spec.multiple and len(wanted) != 1:
        raise _Invalid(_("Choose one person."))
    members = {member.national_number: member for member in context.household_for(spec.relation)}
    if any(number not in members for number in wanted):
        raise _Invalid(_("Choose a person of your household."))
    chosen = [
        {"national_number": number, "name": members[number].name}
        for number in dict.fromkeys(wanted)
    ]
    return chosen if spec.multiple else chosen[0]


def _file(
    spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]
) -> list[Any]:
    files = list(raw) if isinstance(raw, list | tuple) else [raw]
    maximum = int(spec.rules.get("max_files", 5))
    if len(files) > maximum:
        raise _Invalid(_("At most %(count)d files.") % {"count": maximum})
    return files


def _consent(spec: FieldSpec, raw: Any, context: AnswerContext, values: Mapping[str, Any]) -> bool:
    value = _yes_no(spec, raw, context, values)
    if spec.required and not value:
        raise _Invalid(_("You must agree to continue."))
    return value


_CLEANERS: dict[FieldType, Callable[[FieldSpec, Any, AnswerContext, Mapping[str, Any]], Any]] = {
    FieldType.TEXT: _text,
    FieldType.NUMBER: _number,
    FieldType.DATE: _date,
    FieldType.CHOICE: _choice,
    FieldType.YES_NO: _yes_no,
    FieldType.ADDRESS: _address,
    FieldType.HOUSEHOLD_PERSON: _household_person,
    FieldType.FILE: _file,
    FieldType.CONSENT: _consent,
}


def field_is_shown(spec: FieldSpec, values: Mapping[str, Any]) -> bool:
    return spec.show_if is None or spec.show_if.holds(values)


def answers_validate(
    form: FormSpec, raw: Mapping[str, Any], *, context: AnswerContext
) -> AnswerResult:
    """Clean values and errors per field. Only the fields that are shown count."""
    result = AnswerResult()
    for spec in form.fields:
        if not field_is_shown(spec, result.values):
            continue
        value = raw.get(spec.key)
        if spec.type is FieldType.CONSENT and value is None:
            value = False
        if _is_empty(value):
            if spec.required:
                result.errors[spec.key] = [_("This field is required.")]
            continue
        try:
            result.values[spec.key] = _CLEANERS[spec.type](spec, value, context, result.values)
        except _Invalid as invalid:
            result.errors[spec.key] = [invalid.message]
    return result


def answers_from_post(form: FormSpec, data: Any) -> dict[str, Any]:
    """Raw answers from a browser's POST data (a QueryDict); files are added by the caller."""
    raw: dict[str, Any] = {}
    for spec in form.fields:
        if spec.type is FieldType.ADDRESS:
            raw[spec.key] = {part: data.get(f"{spec.key}.{part}", "") for part in ADDRESS_PARTS}
        elif spec.type in {FieldType.CHOICE, FieldType.HOUSEHOLD_PERSON} and spec.multiple:
            raw[spec.key] = list(data.getlist(spec.key))
        elif spec.type is FieldType.FILE:
            continue
        elif spec.key in data:
            raw[spec.key] = data.get(spec.key)
    return raw


def answers_display(
    form: FormSpec, values: Mapping[str, Any], language: str | None = None
) -> list[tuple[str, str]]:
    """(label, readable answer) for every answered field, in form order."""
    rows: list[tuple[str, str]] = []
    for spec in form.fields:
        if spec.key not in values:
            continue
        rows.append((spec.label_in(language), answer_text(spec, values[spec.key], language)))
    return rows


def answer_text(spec: FieldSpec, value: Any, language: str | None = None) -> str:
    if spec.type in {FieldType.YES_NO, FieldType.CONSENT}:
        return _("Yes") if value else _("No")
    if spec.type is FieldType.CHOICE:
        values: Sequence[Any] = value if isinstance(value, list) else [value]
        return ", ".join(spec.option_label(item, language) for item in values)
    if spec.type is FieldType.ADDRESS and isinstance(value, Mapping):
        box = f" {_('box')} {value['box']}" if value.get("box") else ""
        place = " ".join(
            part for part in (value.get("postal_code"), value.get("municipality")) if part
        )
        return f"{value.get('street')} {value.get('number')}{box}, {place}"
    if spec.type is FieldType.DATE:
        return date_display(value, language)
    if spec.type is FieldType.HOUSEHOLD_PERSON:
        people = value if isinstance(value, list) else [value]
        return ", ".join(str(p.get("name", "")) for p in people if isinstance(p, Mapping))
    if spec.type is FieldType.FILE and isinstance(value, list):
        return ", ".join(
            str(item.get("name", item)) if isinstance(item, Mapping) else str(item)
            for item in value
        )
    return str(value)
