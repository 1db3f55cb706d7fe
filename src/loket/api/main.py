"""The one `NinjaAPI` of Loket, served at /api/v1/ (see docs/api.md)."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from loket.api.auth import SessionAuth, TokenAuth
from loket.api.errors import errors_document, errors_install
from loket.api.routers import routers_mount
from loket.api.throttling import api_throttles

DESCRIPTION = """\
The JSON API of Loket, the digital town hall shared by the municipalities of a region.

Integrations authenticate with `Authorization: Bearer lkt_...`; the web front end uses
its session (with a CSRF token for unsafe methods). Every error answers
`{"error": {"code", "message", "fields"}}`, with the message in the request language
(`?lang=nl|fr|en` or the Accept-Language header; Dutch by default).
"""


class LoketAPI(NinjaAPI):
    """The API whose OpenAPI document lists every error response of every operation."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        errors_document(schema)
        return schema


api = LoketAPI(
    title="Loket API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    auth=[TokenAuth(), SessionAuth()],
    throttle=api_throttles(),
)
errors_install(api)
routers_mount(api)
