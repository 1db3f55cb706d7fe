"""The decision letter of a case: what it says is built here, once, for the preview the
clerk reads before deciding and for the letter that is signed when they confirm.

The letter repeats the case's key answers (the fields the product's letter declares in
`loket.decisions.texts.PRODUCT_LETTER_FIELDS`, or else the form's fields marked
`"in_letter": true`) and names the staff member who decides, with their function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import formats, timezone, translation

from loket.cases.models import Case
from loket.cases.workflow import DECIDED_STATUSES, LIFECYCLE, ForDepartment, Party
from loket.catalog.formdefs.answers import answer_text
from loket.catalog.formdefs.schema import FieldSpec, FieldType, FormSpec
from loket.catalog.selectors import form_spec
from loket.config.links import absolute_url
from loket.core.lifecycle import transition_check
from loket.core.placeholders import placeholders_render
from loket.decisions.letters import LetterContent
from loket.decisions.selectors import decision_template_for
from loket.decisions.services import decision_letter_compose
from loket.decisions.texts import WORDING, LetterFields
from loket.tenancy.access import Actor

# Names the letter fills itself; an answer with such a key is not offered as a placeholder.
_RESERVED = frozenset(
    {"municipality", "reference", "date", "appeal_days", "resident_name", "motivation"}
)


def _months_later(start: dt.date, months: int) -> dt.date:
    """The last day of a validity of `months` months that starts on `start`."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = start.day
    while True:
        try:
            return dt.date(year, month, day) - dt.timedelta(days=1)
        except ValueError:  # 31 January + 1 month: the end of February
            day -= 1


def _date_text(value: dt.date, language: str) -> str:
    with translation.override(language):
        return formats.date_format(value, "j F Y")


def _answer_in_letter(spec: FieldSpec, value: Any, language: str) -> str:
    if spec.type is FieldType.DATE and isinstance(value, str):
        try:
            return _date_text(dt.date.fromisoformat(value), language)
        except ValueError:
            return value
    with translation.override(language):
        return answer_text(spec, value, language)


def _letter_specs(form: FormSpec, fields: LetterFields | None) -> list[FieldSpec]:
    if fields is not None:
        found = (form.field_get(key) for key in fields.answer_keys)
        return [spec for spec in found if spec is not None]
    return [spec for spec in form.fields if spec.in_letter]


def case_letter_facts(
    *, case: Case, language: str, fields: LetterFields | None
) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The (label, value) rows of what the decision is about, in the letter's language, and
    every answer as a placeholder value (`{{ licence_plate }}`) for the template."""
    form = form_spec(case.form_definition)
    answers: Mapping[str, Any] = case.answers or {}
    values = {
        spec.key: _answer_in_letter(spec, answers[spec.key], language)
        for spec in form.fields
        if spec.key in answers and spec.key not in _RESERVED and spec.type is not FieldType.FILE
    }
    rows = [
        (spec.label_in(language), values[spec.key])
        for spec in _letter_specs(form, fields)
        if spec.key in values
    ]
    if fields is not None and fields.validity_months and fields.validity_from in answers:
        try:
            start = dt.date.fromisoformat(str(answers[fields.validity_from]))
        except ValueError:
            start = None
        if start is not None:
            end = _months_later(start, fields.validity_months)
            wording = WORDING[language]
            period = placeholders_render(
                wording.validity_period,
                {"start": _date_text(start, language), "end": _date_text(end, language)},
            )
            rows.append((wording.validity, period))
            values.setdefault("valid_until", _date_text(end, language))
    return rows, values


def case_letter_arguments(*, actor: Actor, case: Case, outcome: str, reason: str) -> dict[str, Any]:
    """Everything `decision_letter_compose` (and so the signed letter) needs for `case`."""
    language = case.applicant_required.preferred_language or case.language
    template = decision_template_for(
        municipality=case.municipality,
        product_code=case.product.code,
        outcome=outcome,
        language=language,
    )
    facts, values = case_letter_facts(case=case, language=language, fields=template.fields)
    snapshot = case.register_snapshot or {}
    user = actor.user
    return {
        "municipality": case.municipality,
        "language": language,
        "context": {
            **values,
            "product_name": case.product.name_in(language),
            "motivation": reason.strip(),
        },
        "product_code": case.product.code,
        "outcome": outcome,
        "reference": case.number,
        "addressee_name": case.applicant_required.full_name,
        "addressee_address": [part.strip() for part in str(snapshot.get("address", "")).split(",")],
        "decided_on": timezone.localdate(),
        "verification_url": absolute_url(reverse("decisions:verify")),
        "facts": facts,
        "signatory_name": user.get_full_name() if user is not None else "",
        "signatory_function": (
            user.job_title_in(language, case.municipality.languages) if user is not None else ""
        ),
    }


def case_decision_preview(
    *, actor: Actor, case: Case, to_status: str, reason: str
) -> LetterContent | None:
    """The letter a decision would send, exactly as it would be signed, or None when the
    move is no decision. Writes nothing: no transition, no history, no document, no
    message. Raises what the transition itself would raise (not allowed now, reason
    missing, fee unpaid: ValidationError; not this actor's to make: PermissionDenied), so
    the clerk never previews a letter that cannot be sent. `case` comes from
    `case_get_visible`."""
    transition_check(
        LIFECYCLE,
        current=case.status,
        target=to_status,
        party=Party.STAFF,
        actor=ForDepartment(actor=actor, department_id=case.department_id),
        municipality_id=case.municipality_id,
        reason=reason,
        instance=case,
    )
    if to_status not in DECIDED_STATUSES:
        return None
    return decision_letter_compose(
        **case_letter_arguments(actor=actor, case=case, outcome=to_status, reason=reason)
    )
