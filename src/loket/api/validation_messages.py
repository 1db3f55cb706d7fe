"""Translated messages for the parameter and body errors that pydantic reports.

Pydantic's own messages are English only; the common error types get a message in the
request language here (many reuse Django's translated wording). Other types keep
pydantic's message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# The first item of a location names where the value came from (query, path, body ...).
_BODY = "body"


def _at_least(ctx: Mapping[str, Any]) -> str:
    limit = int(ctx.get("min_length", 0))
    return ngettext(
        "Ensure this value has at least %(limit_value)d character.",
        "Ensure this value has at least %(limit_value)d characters.",
        limit,
    ) % {"limit_value": limit}


def _at_most(ctx: Mapping[str, Any]) -> str:
    limit = int(ctx.get("max_length", 0))
    return ngettext(
        "Ensure this value has at most %(limit_value)d character.",
        "Ensure this value has at most %(limit_value)d characters.",
        limit,
    ) % {"limit_value": limit}


def _items_at_least(ctx: Mapping[str, Any]) -> str:
    limit = int(ctx.get("min_length", 0))
    return ngettext(
        "Give at least %(limit_value)d item.", "Give at least %(limit_value)d items.", limit
    ) % {"limit_value": limit}


def _items_at_most(ctx: Mapping[str, Any]) -> str:
    limit = int(ctx.get("max_length", 0))
    return ngettext(
        "Give at most %(limit_value)d item.", "Give at most %(limit_value)d items.", limit
    ) % {"limit_value": limit}


def _choices(ctx: Mapping[str, Any]) -> str:
    return _("Choose one of: %(choices)s.") % {"choices": ctx.get("expected", "")}


def _minimum(ctx: Mapping[str, Any]) -> str:
    return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
        "limit_value": ctx.get("ge")
    }


def _maximum(ctx: Mapping[str, Any]) -> str:
    return _("Ensure this value is less than or equal to %(limit_value)s.") % {
        "limit_value": ctx.get("le")
    }


def _above(ctx: Mapping[str, Any]) -> str:
    return _("Ensure this value is greater than %(limit_value)s.") % {"limit_value": ctx.get("gt")}


def _below(ctx: Mapping[str, Any]) -> str:
    return _("Ensure this value is less than %(limit_value)s.") % {"limit_value": ctx.get("lt")}


def _fixed(message: Callable[[], str]) -> Callable[[Mapping[str, Any]], str]:
    return lambda ctx: message()


_MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": _fixed(lambda: _("This field is required.")),
    "string_type": _fixed(lambda: _("Enter a valid value.")),
    "string_too_short": _at_least,
    "string_too_long": _at_most,
    "string_pattern_mismatch": _fixed(lambda: _("Enter a valid value.")),
    "int_parsing": _fixed(lambda: _("Enter a whole number.")),
    "int_type": _fixed(lambda: _("Enter a whole number.")),
    "int_from_float": _fixed(lambda: _("Enter a whole number.")),
    "float_parsing": _fixed(lambda: _("Enter a number.")),
    "float_type": _fixed(lambda: _("Enter a number.")),
    "greater_than_equal": _minimum,
    "less_than_equal": _maximum,
    "greater_than": _above,
    "less_than": _below,
    "enum": _choices,
    "literal_error": _choices,
    "bool_parsing": _fixed(lambda: _("Enter true or false.")),
    "bool_type": _fixed(lambda: _("Enter true or false.")),
    "date_parsing": _fixed(lambda: _("Enter a valid date.")),
    "date_type": _fixed(lambda: _("Enter a valid date.")),
    "date_from_datetime_parsing": _fixed(lambda: _("Enter a valid date.")),
    "datetime_parsing": _fixed(lambda: _("Enter a valid date/time.")),
    "datetime_type": _fixed(lambda: _("Enter a valid date/time.")),
    "datetime_from_date_parsing": _fixed(lambda: _("Enter a valid date/time.")),
    "uuid_parsing": _fixed(lambda: _("Enter a valid UUID.")),
    "json_invalid": _fixed(lambda: _("The request body is not valid JSON.")),
    "too_short": _items_at_least,
    "too_long": _items_at_most,
}


def field_name(location: Sequence[Any]) -> str:
    """`("query", "page_size")` -> "page_size"; `("body", "payload", "address", "street")`
    -> "address.street" (the body parameter's own name is left out)."""
    parts = [str(part) for part in location[1:]]
    if location and location[0] == _BODY and len(parts) > 1:
        parts = parts[1:]
    return ".".join(parts) or "__all__"


def error_message(error: Mapping[str, Any]) -> str:
    """One pydantic error as a sentence in the active language."""
    error_type = str(error.get("type", ""))
    context: Mapping[str, Any] = error.get("ctx") or {}
    translate = _MESSAGES.get(error_type)
    if translate is not None:
        return translate(context)
    if error_type == "value_error" and "error" in context:
        return str(context["error"])
    return str(error.get("msg", _("Enter a valid value.")))


def field_errors_from_ninja(errors: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """Group the errors django-ninja collected by field name."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        location = error.get("loc") or ()
        fields.setdefault(field_name(location), []).append(error_message(error))
    return fields
