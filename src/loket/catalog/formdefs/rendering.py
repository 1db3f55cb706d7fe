"""Turning a form definition into what the form template shows: one view per field with
its label, help, current value, errors, options and the condition that shows it.

Every field is rendered; a field with a condition says when it applies, and a small script
hides it until then. Without JavaScript the form still works: answers to hidden fields are
ignored by the answer check.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from loket.catalog.formdefs.answers import ADDRESS_PARTS, HouseholdMember
from loket.catalog.formdefs.schema import FieldSpec, FieldType, FormSpec, HouseholdRelation
from loket.core.file_formats import accept_attribute, formats_hint

_ADDRESS_LABELS = {
    "street": lambda: _("Street"),
    "number": lambda: _("Number"),
    "box": lambda: _("Box"),
    "postal_code": lambda: _("Postal code"),
    "municipality": lambda: _("Municipality"),
}
RADIO_LIMIT = 6  # more options than this: a drop-down list


@dataclass(frozen=True)
class OptionView:
    value: str
    label: str
    checked: bool
    input_id: str


@dataclass
class FieldView:
    spec: FieldSpec
    key: str
    type: str
    input_id: str
    label: str
    help: str
    required: bool
    value: Any = ""
    errors: list[str] = field(default_factory=list)
    options: list[OptionView] = field(default_factory=list)
    parts: list[dict[str, str]] = field(default_factory=list)
    files: list[dict[str, Any]] = field(default_factory=list)
    condition_field: str = ""
    condition_values: str = ""
    condition_text: str = ""
    as_select: bool = False
    is_group: bool = False
    multiple: bool = False
    accept: str = ""
    file_hint: str = ""
    max_files: int = 1

    @property
    def described_by(self) -> str:
        ids = []
        if self.help:
            ids.append(f"{self.input_id}-help")
        if self.file_hint:
            ids.append(f"{self.input_id}-formats")
        if self.condition_text:
            ids.append(f"{self.input_id}-condition")
        if self.errors:
            ids.append(f"{self.input_id}-error")
        return " ".join(ids)


@dataclass
class SectionView:
    key: str
    title: str
    fields: list[FieldView]


def _html_value(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


def _condition(spec: FieldSpec, form: FormSpec, language: str | None) -> tuple[str, str, str]:
    if spec.show_if is None:
        return "", "", ""
    source = form.field_get(spec.show_if.field)
    if source is None:
        return "", "", ""
    values = [_html_value(value) for value in spec.show_if.values]
    readable = ", ".join(
        (_("Yes") if value is True else _("No"))
        if isinstance(value, bool)
        else source.option_label(value, language)
        for value in spec.show_if.values
    )
    text = _("Only when you answered “%(answer)s” to “%(question)s”.") % {
        "answer": readable,
        "question": source.label_in(language),
    }
    return source.key, json.dumps(values), text


def _selected(value: Any) -> set[str]:
    if isinstance(value, list | tuple):
        return {
            _html_value(item.get("national_number") if isinstance(item, Mapping) else item)
            for item in value
        }
    if isinstance(value, Mapping) and "national_number" in value:
        return {str(value["national_number"])}
    return {_html_value(value)} if value not in (None, "") else set()


def _options(
    spec: FieldSpec,
    value: Any,
    input_id: str,
    language: str | None,
    household: Sequence[HouseholdMember],
) -> list[OptionView]:
    chosen = _selected(value)
    if spec.type is FieldType.CHOICE:
        pairs = [(option.value, option.label_in(language)) for option in spec.options]
    elif spec.type is FieldType.YES_NO:
        pairs = [("yes", _("Yes")), ("no", _("No"))]
    elif spec.type is FieldType.HOUSEHOLD_PERSON:
        pairs = [
            (member.national_number, member.name)
            for member in household
            if spec.relation is HouseholdRelation.ANY or member.relation is spec.relation
        ]
    else:
        return []
    return [
        OptionView(
            value=value_, label=label, checked=value_ in chosen, input_id=f"{input_id}-{index}"
        )
        for index, (value_, label) in enumerate(pairs)
    ]


def field_view(
    spec: FieldSpec,
    form: FormSpec,
    *,
    values: Mapping[str, Any],
    errors: Mapping[str, Sequence[str]],
    language: str | None,
    household: Sequence[HouseholdMember],
    files: Mapping[str, Sequence[Mapping[str, Any]]],
) -> FieldView:
    input_id = f"f-{spec.key}"
    value = values.get(spec.key, "")
    condition_field, condition_values, condition_text = _condition(spec, form, language)
    view = FieldView(
        spec=spec,
        key=spec.key,
        type=spec.type.value,
        input_id=input_id,
        label=spec.label_in(language),
        help=spec.help_in(language),
        required=spec.required,
        value=_html_value(value) if not isinstance(value, list | dict) else value,
        errors=list(errors.get(spec.key, [])),
        condition_field=condition_field,
        condition_values=condition_values,
        condition_text=condition_text,
        multiple=spec.multiple,
    )
    view.options = _options(spec, value, input_id, language, household)
    view.as_select = (
        spec.type is FieldType.CHOICE and not spec.multiple and (len(spec.options) > RADIO_LIMIT)
    )
    view.is_group = spec.type in {
        FieldType.ADDRESS,
        FieldType.YES_NO,
        FieldType.HOUSEHOLD_PERSON,
    } or (spec.type is FieldType.CHOICE and not view.as_select)
    if spec.type is FieldType.ADDRESS:
        current = value if isinstance(value, Mapping) else {}
        view.parts = [
            {
                "name": part,
                "label": _ADDRESS_LABELS[part](),
                "value": str(current.get(part, "")),
                "input_id": f"{input_id}-{part}",
            }
            for part in ADDRESS_PARTS
        ]
    if spec.type is FieldType.FILE:
        view.files = [dict(item) for item in files.get(spec.key, [])]
        view.accept = accept_attribute(spec.accept)
        view.file_hint = formats_hint(spec.accept)
        view.max_files = int(spec.rules.get("max_files", 5))
    return view


def form_views(
    form: FormSpec,
    *,
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, Sequence[str]] | None = None,
    language: str | None = None,
    household: Sequence[HouseholdMember] = (),
    files: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> list[SectionView]:
    """The sections and fields of a form, ready for catalog/_form_fields.html."""
    return [
        SectionView(
            key=section.key,
            title=section.title_in(language),
            fields=[
                field_view(
                    spec,
                    form,
                    values=values or {},
                    errors=errors or {},
                    language=language,
                    household=household,
                    files=files or {},
                )
                for spec in section.fields
            ],
        )
        for section in form.sections
    ]


def error_links(sections: Sequence[SectionView]) -> list[dict[str, str]]:
    """Error summary entries: each links to the first input of its field."""
    links = []
    for section in sections:
        for view in section.fields:
            for error in view.errors:
                target = view.input_id
                if view.options and not view.as_select:
                    target = view.options[0].input_id
                elif view.parts:
                    target = view.parts[0]["input_id"]
                links.append({"href": f"#{target}", "label": view.label, "error": error})
    return links
