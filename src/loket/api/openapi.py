"""The OpenAPI document of the API as committed in docs/openapi.json."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.utils import translation

# src/loket -> the repository root (a source checkout).
OPENAPI_FILE = Path(settings.BASE_DIR).parent.parent / "docs" / "openapi.json"


def openapi_document() -> str:
    """The OpenAPI schema as text: sorted keys, two-space indent, trailing newline."""
    from loket.api.main import api

    with translation.override("en"):
        schema = api.get_openapi_schema()
    return json.dumps(schema, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
