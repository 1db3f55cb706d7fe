"""The format of a form definition, and the check that a definition is well made.

A definition is JSON (stored per product and version in `FormDefinition`):

    {"only_once": ["identity", "address", "household"],
     "sections": [{"key": "move", "title": {"nl": …, "fr": …, "en": …},
                   "fields": [{"key": "moving_date", "type": "date",
                               "label": {…}, "help": {…}, "required": true,
                               "rules": {"min_days_from_today": -30},
                               "show_if": {"field": "…", "equals": …}}]}]}

`only_once` names what the form shows from the register instead of asking it; a field may
never ask it (see RESERVED_KEYS). docs/catalogue.md describes every type and rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from loket.catalog.texts import LANGUAGES, localized
from loket.core.file_formats import FORMATS_BY_CODE


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    YES_NO = "yes_no"
    ADDRESS = "address"
    HOUSEHOLD_PERSON = "household_person"
    FILE = "file"
    CONSENT = "consent"


class OnlyOnce(StrEnum):
    """What the register knows and a form shows pre-filled, with its source."""

    IDENTITY = "identity"  # name, national register number, birth date
    ADDRESS = "address"  # the current main address
    HOUSEHOLD = "household"  # partner and children


class HouseholdRelation(StrEnum):
    CHILD = "child"
    PARTNER = "partner"
    ANY = "any"


# What the register answers: a field with one of these keys would ask it again.
RESERVED_KEYS = frozenset(
    {
        "name",
        "first_name",
        "first_names",
        "last_name",
        "national_number",
        "birth_date",
        "sex",
        "nationality",
        "address",
        "current_address",
        "household",
    }
)

FILE_KINDS = frozenset(FORMATS_BY_CODE)
MAX_TEXT_LENGTH = 5000
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

_RULES: dict[FieldType, frozenset[str]] = {
    FieldType.TEXT: frozenset({"min_length", "max_length", "pattern", "pattern_message"}),
    FieldType.NUMBER: frozenset({"min", "max", "decimals"}),
    FieldType.DATE: frozenset({"min_days_from_today", "max_days_from_today", "not_before"}),
    FieldType.CHOICE: frozenset({"min_selected", "max_selected"}),
    FieldType.YES_NO: frozenset(),
    FieldType.ADDRESS: frozenset(),
    FieldType.HOUSEHOLD_PERSON: frozenset(),
    FieldType.FILE: frozenset({"max_files"}),
    FieldType.CONSENT: frozenset(),
}
_FIELD_ATTRIBUTES = frozenset(
    {
        "key",
        "type",
        "label",
        "help",
        "required",
        "rules",
        "show_if",
        "options",
        "multiple",
        "multiline",
        "relation",
        "accept",
        "in_letter",
    }
)


@dataclass(frozen=True)
class Option:
    value: str
    label: Mapping[str, str]

    def label_in(self, language: str | None = None) -> str:
        return localized(self.label, language)


@dataclass(frozen=True)
class Condition:
    """Show a field only when an earlier field `equals` a value (or is one `of` several)."""

    field: str
    values: tuple[Any, ...]

    def holds(self, answers: Mapping[str, Any]) -> bool:
        answer = answers.get(self.field)
        if isinstance(answer, list):
            return any(value in answer for value in self.values)
        return answer in self.values


@dataclass(frozen=True)
class FieldSpec:
    key: str
    type: FieldType
    label: Mapping[str, str]
    help: Mapping[str, str] = field(default_factory=dict)
    required: bool = False
    rules: Mapping[str, Any] = field(default_factory=dict)
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    multiple: bool = False
    multiline: bool = False
    relation: HouseholdRelation = HouseholdRelation.ANY
    accept: tuple[str, ...] = ()
    in_letter: bool = False  # a key answer, repeated in the decision letter

    def label_in(self, language: str | None = None) -> str:
        return localized(self.label, language)

    def help_in(self, language: str | None = None) -> str:
        return localized(self.help, language)

    def option_label(self, value: Any, language: str | None = None) -> str:
        for option in self.options:
            if option.value == value:
                return option.label_in(language)
        return str(value)


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: Mapping[str, str]
    fields: tuple[FieldSpec, ...]

    def title_in(self, language: str | None = None) -> str:
        return localized(self.title, language)


@dataclass(frozen=True)
class FormSpec:
    only_once: tuple[OnlyOnce, ...]
    sections: tuple[SectionSpec, ...]

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        return tuple(spec for section in self.sections for spec in section.fields)

    def field_get(self, key: str) -> FieldSpec | None:
        return next((spec for spec in self.fields if spec.key == key), None)

    @property
    def has_files(self) -> bool:
        return any(spec.type is FieldType.FILE for spec in self.fields)


class _Errors:
    """Collects problems with their place in the definition ("sections[0].fields[2]")."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.messages.append(f"{where}: {message}")


def _texts(value: Any, where: str, errors: _Errors, *, required: bool = True) -> dict[str, str]:
    if value is None and not required:
        return {}
    if not isinstance(value, Mapping) or not all(
        isinstance(value.get(code), str) and value.get(code, "").strip() for code in LANGUAGES
    ):
        errors.add(where, _("give a text in Dutch, French and English (nl, fr, en)."))
        return {}
    extra = set(value) - set(LANGUAGES)
    if extra:
        errors.add(where, _("unknown languages: %(codes)s.") % {"codes": ", ".join(sorted(extra))})
    return {code: str(value[code]).strip() for code in LANGUAGES}


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _rules_check(spec_type: FieldType, rules: Any, where: str, errors: _Errors) -> dict[str, Any]:
    if rules is None:
        return {}
    if not isinstance(rules, Mapping):
        errors.add(where, _("rules must be an object."))
        return {}
    unknown = set(rules) - _RULES[spec_type]
    if unknown:
        errors.add(
            where,
            _("rules not known for a %(type)s field: %(rules)s.")
            % {"type": spec_type.value, "rules": ", ".join(sorted(unknown))},
        )
    for name, value in rules.items():
        if name == "pattern":
            try:
                re.compile(str(value))
            except re.error:
                errors.add(where, _("the pattern is not a valid regular expression."))
        elif name == "pattern_message":
            _texts(value, f"{where}.pattern_message", errors)
        elif name == "not_before":
            if not isinstance(value, str):
                errors.add(where, _("not_before names an earlier date field."))
        elif not _number(value):
            errors.add(where, _("the rule %(rule)s needs a number.") % {"rule": name})
    return dict(rules)


def _options(raw: Any, where: str, errors: _Errors) -> tuple[Option, ...]:
    if not isinstance(raw, Sequence) or isinstance(raw, str) or not raw:
        errors.add(where, _("a choice field needs a list of options."))
        return ()
    options: list[Option] = []
    for index, item in enumerate(raw):
        item_where = f"{where}[{index}]"
        if not isinstance(item, Mapping) or not isinstance(item.get("value"), str):
            errors.add(item_where, _("an option needs a text value and a label."))
            continue
        options.append(Option(item["value"], _texts(item.get("label"), item_where, errors)))
    values = [option.value for option in options]
    if len(values) != len(set(values)):
        errors.add(where, _("option values must be unique."))
    return tuple(options)


def _condition(raw: Any, where: str, earlier: Mapping[str, FieldSpec], errors: _Errors) -> Any:
    if raw is None:
        return None
    if not isinstance(raw, Mapping) or not isinstance(raw.get("field"), str):
        errors.add(where, _('show_if needs {"field": …, "equals": …} or {"field": …, "in": […]}.'))
        return None
    if raw["field"] not in earlier:
        errors.add(where, _("show_if must refer to a field that comes earlier in the form."))
        return None
    if "equals" in raw:
        values: tuple[Any, ...] = (raw["equals"],)
    elif isinstance(raw.get("in"), list):
        values = tuple(raw["in"])
    else:
        errors.add(where, _('show_if needs "equals" or "in".'))
        return None
    return Condition(raw["field"], values)


def _field_parse(
    raw: Any, where: str, earlier: dict[str, FieldSpec], errors: _Errors
) -> FieldSpec | None:
    if not isinstance(raw, Mapping):
        errors.add(where, _("a field must be an object."))
        return None
    unknown = set(raw) - _FIELD_ATTRIBUTES
    if unknown:
        errors.add(
            where, _("unknown attributes: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    key = raw.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        errors.add(where, _("a key is a lower-case word (letters, digits, _)."))
        return None
    where = f"{where} ({key})"
    if key in RESERVED_KEYS:
        errors.add(
            where,
            _("the register already knows this; show it with only_once instead of asking it."),
        )
    if key in earlier:
        errors.add(where, _("the key is used twice."))
    try:
        spec_type = FieldType(str(raw.get("type")))
    except ValueError:
        errors.add(where, _("unknown field type %(type)r.") % {"type": raw.get("type")})
        return None
    accept = tuple(raw.get("accept") or sorted(FILE_KINDS)) if spec_type is FieldType.FILE else ()
    if set(accept) - FILE_KINDS:
        errors.add(where, _("files can be: %(kinds)s.") % {"kinds": ", ".join(sorted(FILE_KINDS))})
    try:
        relation = HouseholdRelation(raw.get("relation", "any"))
    except ValueError:
        errors.add(where, _("relation is child, partner or any."))
        relation = HouseholdRelation.ANY
    spec = FieldSpec(
        key=key,
        type=spec_type,
        label=_texts(raw.get("label"), f"{where}.label", errors),
        help=_texts(raw.get("help"), f"{where}.help", errors, required=False),
        required=bool(raw.get("required", False)),
        rules=_rules_check(spec_type, raw.get("rules"), f"{where}.rules", errors),
        show_if=_condition(raw.get("show_if"), f"{where}.show_if", earlier, errors),
        options=_options(raw.get("options"), f"{where}.options", errors)
        if spec_type is FieldType.CHOICE
        else (),
        multiple=bool(raw.get("multiple", False)),
        multiline=bool(raw.get("multiline", False)),
        relation=relation,
        accept=accept,
        in_letter=bool(raw.get("in_letter", False)),
    )
    reference = spec.rules.get("not_before")
    if isinstance(reference, str) and (
        reference not in earlier or earlier[reference].type is not FieldType.DATE
    ):
        errors.add(where, _("not_before must name a date field that comes earlier."))
    earlier[key] = spec
    return spec


def form_definition_parse(definition: Any) -> FormSpec:
    """The checked form of a definition; ValidationError lists every problem with its place."""
    errors = _Errors()
    if not isinstance(definition, Mapping):
        raise ValidationError(_("A form definition is a JSON object."), code="form_invalid")
    unknown = set(definition) - {"only_once", "sections"}
    if unknown:
        errors.add(
            "form", _("unknown attributes: %(names)s.") % {"names": ", ".join(sorted(unknown))}
        )
    only_once: list[OnlyOnce] = []
    for item in definition.get("only_once", []):
        try:
            only_once.append(OnlyOnce(item))
        except ValueError:
            errors.add("only_once", _("unknown register data %(item)r.") % {"item": item})
    sections: list[SectionSpec] = []
    earlier: dict[str, FieldSpec] = {}
    raw_sections = definition.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        errors.add("sections", _("a form needs at least one section."))
        raw_sections = []
    section_keys: set[str] = set()
    for index, raw in enumerate(raw_sections):
        where = f"sections[{index}]"
        if not isinstance(raw, Mapping) or not isinstance(raw.get("key"), str):
            errors.add(where, _("a section needs a key, a title and fields."))
            continue
        if raw["key"] in section_keys:
            errors.add(where, _("the key is used twice."))
        section_keys.add(raw["key"])
        fields = [
            _field_parse(item, f"{where}.fields[{position}]", earlier, errors)
            for position, item in enumerate(raw.get("fields") or [])
        ]
        if not fields:
            errors.add(where, _("a section needs at least one field."))
        sections.append(
            SectionSpec(
                key=raw["key"],
                title=_texts(raw.get("title"), f"{where}.title", errors),
                fields=tuple(spec for spec in fields if spec is not None),
            )
        )
    if errors.messages:
        raise ValidationError(errors.messages, code="form_invalid")
    return FormSpec(only_once=tuple(only_once), sections=tuple(sections))
