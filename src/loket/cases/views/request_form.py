"""What the portal and the counter share: reading a posted form, and the page context of a
request form (what the register pre-fills, the fields, the errors)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest

from loket.cases.attachments import Upload
from loket.catalog.formdefs.answers import AnswerContext, answers_from_post
from loket.catalog.formdefs.prefill import RegisterPrefill
from loket.catalog.formdefs.rendering import error_links, form_views
from loket.catalog.formdefs.schema import FieldType, FormSpec


def posted_answers(form: FormSpec, request: HttpRequest) -> tuple[dict[str, Any], list[Upload]]:
    """The raw answers and the uploaded files of a posted request form."""
    uploads = [
        Upload(field_key=spec.key, file_name=uploaded.name or spec.key, content=uploaded)
        for spec in form.fields
        if spec.type is FieldType.FILE
        for uploaded in request.FILES.getlist(spec.key)
        if uploaded.size
    ]
    return answers_from_post(form, request.POST), uploads


def errors_of(error: ValidationError) -> tuple[dict[str, list[str]], list[str]]:
    """Field errors and other errors of a service's ValidationError."""
    if not hasattr(error, "error_dict"):
        return {}, list(error.messages)
    fields = {key: list(messages) for key, messages in error.message_dict.items()}
    general = [NON_FIELD_ERRORS, "product", "applicant", "token", "idempotency_key", "channel"]
    other = [message for key in general for message in fields.pop(key, [])]
    return fields, other


def form_page_context(
    *,
    form: FormSpec,
    prefill: RegisterPrefill | None,
    context: AnswerContext,
    values: Mapping[str, Any],
    errors: Mapping[str, Sequence[str]],
    files: Mapping[str, Sequence[Mapping[str, Any]]],
    non_field_errors: Sequence[str] = (),
) -> dict[str, Any]:
    sections = form_views(
        form,
        values=values,
        errors=errors,
        language=context.language,
        household=context.household,
        files=files,
    )
    unplaced = [
        message
        for key, messages in errors.items()
        if form.field_get(key) is None
        for message in messages
    ]
    return {
        "sections": sections,
        "error_links": error_links(sections),
        "non_field_errors": [*non_field_errors, *unplaced],
        "prefill": prefill,
        "only_once": [item.value for item in form.only_once],
        "has_files": form.has_files,
    }
