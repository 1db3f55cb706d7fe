"""The OpenAPI document of the API as committed in docs/openapi.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from loket.api.main import api

# src/loket -> the repository root (a source checkout).
OPENAPI_FILE = Path(settings.BASE_DIR).parent.parent / "docs" / "openapi.json"


def openapi_document() -> str:
    """The OpenAPI schema as text: sorted keys, two-space indent, trailing newline."""

    with translation.override("en"):
        schema = api.get_openapi_schema()
    return json.dumps(_keys_as_text(schema), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _keys_as_text(value: Any) -> Any:
    """JSON object keys are text; response maps come with integer status codes."""
    if isinstance(value, dict):
        return {str(key): _keys_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_keys_as_text(item) for item in value]
    return value
