"""The committed OpenAPI document matches the code, and every endpoint declares its access."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.test import Client

from loket.api.openapi import OPENAPI_FILE, openapi_document
from loket.api.permissions import PERMISSIONS_EXTENSION
from loket.tenancy.permissions import Permission

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_export_writes_to_the_committed_file():
    assert OPENAPI_FILE == COMMITTED


def test_the_committed_openapi_document_is_up_to_date():
    committed = COMMITTED.read_text(encoding="utf-8") if COMMITTED.exists() else ""

    assert committed == openapi_document(), (
        "docs/openapi.json differs from the API: run `make openapi` and commit the result."
    )


def test_every_endpoint_is_public_or_declares_its_permissions():
    schema = json.loads(openapi_document())
    undeclared = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security") and PERMISSIONS_EXTENSION not in operation
    ]

    assert undeclared == [], "Add @requires(...) (or auth=None for public endpoints)."


def test_declared_permissions_are_known_codes():
    schema = json.loads(openapi_document())
    declared = {
        code
        for operations in schema["paths"].values()
        for operation in operations.values()
        for code in operation.get(PERMISSIONS_EXTENSION, [])
    }

    assert declared <= {str(code) for code in Permission}
    assert {"people.search", "people.view", "tenancy.view"} <= declared


def test_the_document_describes_the_api():
    schema = json.loads(openapi_document())

    assert schema["info"]["title"] == "Loket API"
    assert schema["info"]["version"] == "1"
    assert schema["components"]["securitySchemes"]["TokenAuth"] == {
        "bearerFormat": "lkt_<prefix>_<secret>",
        "scheme": "bearer",
        "type": "http",
    }
    assert schema["paths"]["/api/v1/residents/{person_id}"]["get"][PERMISSIONS_EXTENSION] == [
        "people.view"
    ]


@pytest.mark.django_db
def test_the_openapi_document_is_served(db):
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert response.json() == json.loads(openapi_document())


@pytest.mark.django_db
def test_the_docs_page_is_served_without_a_cdn(db):
    response = Client().get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
