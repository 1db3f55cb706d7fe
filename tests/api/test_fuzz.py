"""Property-based fuzzing of /api/v1 (from docs/openapi.json) and /open311/v2 (from the
published GeoReport v2.1 Swagger description), in-process against the WSGI application.

Every answer must be documented: no 500, a status code the description lists, a content
type it lists and a body that matches its schema. The number of examples per operation is
bounded so the module stays fast; raise it with LOKET_FUZZ_EXAMPLES=500 for a deep run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from loket.accounts.services import api_client_create
from loket.config.wsgi import application
from loket.reports.services import open311_client_create
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.api.conftest import bearer
from tests.factories import PersonFactory
from tests.reports import conftest as reports_fixtures
from tests.reports.conftest import KORTRIJK, MENEN, ReportsRegion

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("LOKET_FUZZ_EXAMPLES", "8"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

api_schema = schemathesis.openapi.from_dict(
    json.loads((ROOT / "docs" / "openapi.json").read_text())
)
api_schema.app = application


_OPEN311_ERRORS = {
    "description": "Errors (Loket answers every failure in the specification's error format).",
    "schema": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
}


def _open311_document() -> dict[str, Any]:
    """The published Swagger 2.0 description of GeoReport v2.1, as served at /open311/v2.

    Adjusted to what Loket declares in docs/open311.md: the JSON format (XML answers are
    checked element by element in tests/reports; an unknown format is answered in XML),
    errors 400/403/404/429 in the error
    format, empty values as null, and the jurisdiction and service codes of the region
    the test creates (random ones would only ever be 404)."""
    document: dict[str, Any] = yaml.safe_load(
        (ROOT / "tests" / "reports" / "data" / "georeport_v2-1.swagger.yaml").read_text()
    )
    document.update(host="testserver", basePath="/open311/v2", schemes=["http"])
    parameters = document["parameters"]
    parameters["response_format"]["enum"] = ["json"]
    parameters["jurisdiction_id"]["enum"] = ["zwvl", MENEN, KORTRIJK]
    for path_item in document["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "service_code":
                    parameter["enum"] = ["illegal-dumping", "graffiti"]
            for status in ("400", "403", "404", "429"):
                operation["responses"].setdefault(status, _OPEN311_ERRORS)
    for definition in document["definitions"].values():
        for field in definition.get("properties", {}).values():
            field["x-nullable"] = True
    return document


zwvl = reports_fixtures.zwvl  # the region of the Open311 tests, as a fixture here too
open311_schema = schemathesis.openapi.from_dict(_open311_document())
open311_schema.app = application


@pytest.fixture(autouse=True)
def _one_connection() -> Iterator[None]:
    """Keep the test's database connection across requests (as Django's test client does):
    the application runs inside the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def region_with_data(municipality: Municipality) -> str:
    """A municipality with residents, and a token of its administrator (who may use most
    endpoints, so fewer examples stop at 403)."""
    PersonFactory.create_batch(3, municipality=municipality)
    _client, token = api_client_create(
        name="Fuzzer",
        region=municipality.region,
        municipality=municipality,
        role=Role.MUNICIPAL_ADMIN,
    )
    return token


@pytest.fixture
def open311_api_key(zwvl: ReportsRegion) -> str:
    """The region of tests/reports (categories, municipalities) and an app's api_key."""
    _client, key = open311_client_create(
        actor=None, region=zwvl.region, name="Fuzzer", requests_per_minute=100_000
    )
    return key


@pytest.mark.django_db
@api_schema.parametrize()
@FUZZ_SETTINGS
def test_api_v1_answers_only_what_it_documents(case: Any, region_with_data: str) -> None:
    case.call_and_validate(headers=bearer(region_with_data), checks=CHECKS)


@pytest.mark.django_db
@open311_schema.parametrize()
@FUZZ_SETTINGS
def test_open311_answers_only_what_it_documents(case: Any, open311_api_key: str) -> None:
    case.call_and_validate(params={"api_key": open311_api_key}, checks=CHECKS)
