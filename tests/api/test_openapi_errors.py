"""The OpenAPI document lists every error response each operation can give."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErrorResponse"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    document = json.loads(Client().get("/api/v1/openapi.json").content)
    return [
        (method.upper(), path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]


def test_every_operation_lists_its_error_responses_in_the_error_format() -> None:
    missing = []
    for method, path, operation in _operations():
        expected = {"422", "429", "500"}
        if "{" in path or "requestBody" in operation:
            expected.add("404")
        if "requestBody" in operation:
            expected.add("400")
        if operation.get("security"):
            expected |= {"401", "403"}
        for status in sorted(expected):
            response = operation["responses"].get(status)
            if response is None or response["content"]["application/json"]["schema"] != (
                ERROR_SCHEMA
            ):
                missing.append(f"{method} {path} {status}")
    assert missing == []


def test_the_document_download_lists_its_real_content_types() -> None:
    content = next(
        operation
        for method, path, operation in _operations()
        if path == "/api/v1/documents/{document_id}/content"
    )
    assert sorted(content["responses"]["200"]["content"]) == [
        "application/pdf",
        "image/jpeg",
        "image/png",
    ]
    assert content["responses"]["200"]["description"] == "The stored file, in its own format."


def test_the_served_document_has_each_status_code_once(client) -> None:  # type: ignore[no-untyped-def]
    import json

    duplicated: list[str] = []

    def keys_once(pairs: list[tuple[str, object]]) -> dict[str, object]:
        keys = [key for key, _ in pairs]
        duplicated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(pairs)

    response = client.get("/api/v1/openapi.json")
    json.loads(response.content, object_pairs_hook=keys_once)

    assert duplicated == []
