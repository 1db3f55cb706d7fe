"""The matrix covers every configured route: a new URL pattern, API operation or id field
without a matrix entry fails here, and so does an entry for a route that is gone."""

from __future__ import annotations

import re

from django.apps import apps
from django.urls import get_resolver, resolve

from tests.security.cells import is_victim_key, url_for
from tests.security.matrix import MATRIX
from tests.security.routes import (
    api_id_fields,
    configured_routes,
    form_id_fields,
    openapi_document,
)
from tests.security.world import VICTIM_KEYS

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}|\(\?P<(\w+)>")


def _parameters(pattern: str) -> set[str]:
    return {next(name for name in names if name) for names in _PARAMETER.findall(pattern)}


def _route_of(url: str) -> str:
    route = resolve(url).route
    return "/" + route.replace("^", "")


def test_every_configured_route_has_a_matrix_entry() -> None:
    configured = configured_routes()

    assert sorted(set(configured) - set(MATRIX)) == [], "routes without a matrix entry"
    assert sorted(set(MATRIX) - set(configured)) == [], "matrix entries for no route"


def test_every_path_parameter_is_filled() -> None:
    unfilled = {
        key: sorted(_parameters(key.split(" ", 1)[1]) ^ set(entry.path))
        for key, entry in MATRIX.items()
        if _parameters(key.split(" ", 1)[1]) != set(entry.path)
    }

    assert unfilled == {}


def test_every_entry_builds_a_url_that_reaches_its_own_route() -> None:
    elsewhere = {}
    for key, entry in MATRIX.items():
        _method, pattern = key.split(" ", 1)
        values = {
            name: value.removeprefix("fixed:") if value.startswith("fixed:") else "7300001"
            for name, value in entry.path.items()
        }
        url = url_for(pattern, values)
        expected = re.sub(r"\{(\w+)\}", r"<\1>", pattern).replace("^", "")
        if _route_of(url) != expected:
            elsewhere[key] = _route_of(url)

    assert elsewhere == {}


def test_every_id_field_of_every_api_operation_is_filled() -> None:
    unfilled = {}
    for path, operations in openapi_document()["paths"].items():
        for method in operations:
            key = f"{method.upper()} {path}"
            entry = MATRIX[key]
            missing = api_id_fields(method, path) - set(entry.path) - set(entry.body)
            if missing:
                unfilled[key] = sorted(missing)

    assert unfilled == {}


def test_every_id_field_of_every_form_is_filled_somewhere() -> None:
    get_resolver().url_patterns  # noqa: B018 - imports every view, and so every form
    filled = {name for entry in MATRIX.values() for name in entry.body}
    unfilled = {
        form: sorted(fields - filled)
        for form, fields in form_id_fields().items()
        if fields - filled
    }

    assert unfilled == {
        # Report categories belong to the region, shared by its municipalities: there is no
        # municipality's object to try in these fields.
        "loket.reports.forms_backoffice.CategoryForm": ["parent", "regional_department"],
        "loket.reports.forms_backoffice.RouteForm": ["category"],
    }


def test_the_matrix_names_only_objects_of_the_world_and_real_tables() -> None:
    # Auto-created many-to-many tables are real tables a route may write too.
    tables = {model._meta.db_table for model in apps.get_models(include_auto_created=True)}
    keys = {
        value
        for entry in MATRIX.values()
        for value in [
            *entry.path.values(),
            *entry.body.values(),
            *(key for keys in entry.also.values() for key in keys),
        ]
        if is_victim_key(value)
    }

    assert sorted(keys - VICTIM_KEYS) == []
    assert sorted({t for e in MATRIX.values() for t in e.touches} - tables) == []
