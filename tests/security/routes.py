"""The routes Loket actually serves: every URL pattern of the resolver (HTML pages, the
back office, Django's admin, Open311) and every path by method of the OpenAPI document."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from loket.api.urls import api

HTML_METHODS = ("GET", "POST")
API_PREFIX = "/api/v1"
_DJANGO_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
# Fields of a request body, query or form that carry an identifier: the matrix must say
# which victim value goes into each of them.
ID_FIELD = re.compile(
    r"(^|_)(id|ids|national_number|enterprise_number|nis_code|number)$"
    r"|^(municipality|person|target|parent|payment_request)$"
)


def _walk(patterns: list[Any], prefix: str) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield "/" + prefix + str(pattern.pattern)


def url_patterns() -> list[str]:
    """Every URL pattern, as one string per pattern ("/backoffice/inwoners/<int:person_id>/")."""
    return list(_walk(get_resolver().url_patterns, ""))


@functools.cache
def openapi_document() -> dict[str, Any]:
    document: dict[str, Any] = api.get_openapi_schema(path_prefix=API_PREFIX)
    return document


def _api_path_as_pattern(path: str) -> str:
    return re.sub(r"\{(\w+)\}", r"<\1>", path)


def configured_routes() -> dict[str, str]:
    """Route key ("METHOD /path") → the URL pattern that serves it. API routes are keyed by
    their OpenAPI path and methods; every other pattern by GET and POST."""
    document = openapi_document()
    routes: dict[str, str] = {}
    api_patterns: set[str] = set()
    for path, operations in document["paths"].items():
        pattern = _api_path_as_pattern(path)
        api_patterns.add(pattern)
        for method in operations:
            routes[f"{method.upper()} {path}"] = pattern
    for pattern in url_patterns():
        if pattern in api_patterns:
            continue
        for method in HTML_METHODS:
            routes[f"{method} {pattern}"] = pattern
    return routes


def _schema(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        resolved: dict[str, Any] = document["components"]["schemas"][schema["$ref"].split("/")[-1]]
        return resolved
    return schema


def api_id_fields(method: str, path: str) -> set[str]:
    """The id-like fields of an API operation: request body properties and query/path
    parameters whose names carry an identifier."""
    document = openapi_document()
    operation = document["paths"][path][method.lower()]
    names = {parameter["name"] for parameter in operation.get("parameters", [])}
    for content in operation.get("requestBody", {}).get("content", {}).values():
        names |= set(_schema(document, content["schema"]).get("properties", {}))
    return {name for name in names if ID_FIELD.search(name)}


def form_id_fields() -> dict[str, set[str]]:
    """Every Django form of Loket → its id-like fields (choices of objects, numbers,
    national and enterprise numbers)."""
    from django import forms

    import loket

    found: dict[str, set[str]] = {}
    for form_class in _subclasses(forms.BaseForm):
        if not form_class.__module__.startswith(loket.__name__ + "."):
            continue
        names = set()
        for name, form_field in form_class.base_fields.items():
            typed = isinstance(form_field, forms.ModelChoiceField) or (
                isinstance(form_field, forms.TypedChoiceField) and form_field.coerce is int
            )
            if typed or ID_FIELD.search(name):
                names.add(name)
        if names:
            found[f"{form_class.__module__}.{form_class.__qualname__}"] = names
    return found


def _subclasses(cls: type) -> Iterator[type]:
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)
