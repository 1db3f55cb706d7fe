"""One error format for the whole API.

Every failure answers ``{"error": {"code": "...", "message": "...", "fields": {...}}}``:
``code`` is stable and meant for programs, ``message`` is translated to the request
language and meant for people, ``fields`` maps a parameter or body field to its messages
(empty when the error is not about one field).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from enum import StrEnum
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from loket.api.validation_messages import field_errors_from_ninja

logger = logging.getLogger("loket.api")


class ErrorCode(StrEnum):
    VALIDATION = "validation_error"
    BAD_REQUEST = "bad_request"
    NOT_AUTHENTICATED = "not_authenticated"
    PERMISSION_DENIED = "permission_denied"
    CSRF_FAILED = "csrf_failed"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    THROTTLED = "throttled"
    SERVER_ERROR = "server_error"


class ErrorDetail(Schema):
    code: str = Field(description="Stable, machine-readable error code.")
    message: str = Field(description="Human-readable message in the request language.")
    fields: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages per parameter or body field (empty when not about a field).",
    )


class ErrorResponse(Schema):
    error: ErrorDetail


class ApiError(HttpError):
    """Raise from an endpoint to answer with an explicit status, code and message.

    ``message`` should already be translated (``gettext``); the API activates the
    request language before the endpoint runs.
    """

    def __init__(
        self,
        *,
        status: int,
        code: str,
        message: str,
        fields: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(status, message)
        self.code = code
        self.fields = {name: list(messages) for name, messages in (fields or {}).items()}


_CODE_FOR_STATUS: dict[int, ErrorCode] = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.NOT_AUTHENTICATED,
    403: ErrorCode.PERMISSION_DENIED,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
    422: ErrorCode.VALIDATION,
    429: ErrorCode.THROTTLED,
}


def message_for(code: ErrorCode) -> str:
    """The standard message of an error code, in the active language."""
    messages = {
        ErrorCode.VALIDATION: _("The request contains invalid values."),
        ErrorCode.BAD_REQUEST: _("The request could not be understood."),
        ErrorCode.NOT_AUTHENTICATED: _("Sign in or send a valid API token."),
        ErrorCode.PERMISSION_DENIED: _("You do not have permission to do this."),
        ErrorCode.CSRF_FAILED: _("The security check of this form failed. Reload the page."),
        ErrorCode.NOT_FOUND: _("Not found."),
        ErrorCode.METHOD_NOT_ALLOWED: _("This method is not allowed here."),
        ErrorCode.CONFLICT: _("The request conflicts with the current state."),
        ErrorCode.THROTTLED: _("Too many requests. Try again later."),
        ErrorCode.SERVER_ERROR: _("Something went wrong on our side. Try again later."),
    }
    return messages[code]


def error_response(
    *,
    status: int,
    code: str,
    message: str | None = None,
    fields: Mapping[str, Sequence[str]] | None = None,
) -> HttpResponse:
    """The JSON response of an error in the one API error format."""
    if message is None:
        message = message_for(ErrorCode(code))
    body: dict[str, Any] = {
        "error": {
            "code": code,
            "message": str(message),
            "fields": {
                name: [str(m) for m in messages] for name, messages in (fields or {}).items()
            },
        }
    }
    return JsonResponse(
        body,
        status=status,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )


def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    return error_response(
        status=422, code=ErrorCode.VALIDATION, fields=field_errors_from_ninja(exc.errors)
    )


def _django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A rule of a service was broken: field errors go to `fields`, others to `message`."""
    if hasattr(exc, "error_dict"):
        return error_response(status=422, code=ErrorCode.VALIDATION, fields=exc.message_dict)
    return error_response(status=422, code=ErrorCode.VALIDATION, message=" ".join(exc.messages))


def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = error_response(status=401, code=ErrorCode.NOT_AUTHENTICATED)
    response["WWW-Authenticate"] = 'Bearer realm="Loket API"'
    return response


def _permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(status=403, code=ErrorCode.PERMISSION_DENIED)


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(status=404, code=ErrorCode.NOT_FOUND)


def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return error_response(status=429, code=ErrorCode.THROTTLED)


def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(
        status=exc.status_code, code=exc.code, message=exc.message, fields=exc.fields
    )


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = _CODE_FOR_STATUS.get(exc.status_code, ErrorCode.BAD_REQUEST)
    return error_response(status=exc.status_code, code=code, message=str(exc.message))


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error(
        "Unhandled error in %s %s",
        request.method,
        request.path,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return error_response(status=500, code=ErrorCode.SERVER_ERROR)


_HANDLERS: list[tuple[type[Exception], Callable[[HttpRequest, Any], HttpResponse]]] = [
    (Exception, _server_error),
    (HttpError, _http_error),
    (ApiError, _api_error),
    (AuthenticationError, _authentication_error),
    (AuthorizationError, _permission_denied),
    (PermissionDenied, _permission_denied),
    (Throttled, _throttled),
    (Http404, _not_found),
    (NinjaValidationError, _validation_error),
    (DjangoValidationError, _django_validation_error),
]


def errors_install(api: NinjaAPI) -> None:
    """Register the handlers that turn every exception into the one error format (the
    most specific class of an exception picks its handler)."""
    for exception_class, handler in _HANDLERS:
        api.add_exception_handler(exception_class, handler)


_ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}
_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def _error_statuses(operation: Mapping[str, Any]) -> list[int]:
    """The error statuses an operation can answer besides those it declares itself.

    Every operation can fail on our side (500), is rate limited (429) and refuses invalid
    input (422: its parameters and body, and characters no field may hold anywhere in the
    request); one with a body can be unreadable (400); one with an id in its path or a body
    (which names the municipality, case, person … it is about) can name an object that
    does not exist or is another municipality's (404)."""
    parameters = operation.get("parameters", [])
    statuses = [422, 429, 500]
    if "requestBody" in operation:
        statuses.append(400)
    if "requestBody" in operation or any(parameter.get("in") == "path" for parameter in parameters):
        statuses.append(404)
    return statuses


def _responses_by_text_code(responses: MutableMapping[Any, Any]) -> dict[str, Any]:
    """One entry per status code, keyed by its text: an endpoint's own `openapi_extra`
    (keyed "200") replaces what the framework made of it (keyed 200), rather than standing
    beside it as a second "200" in the JSON document."""
    merged: dict[str, Any] = {}
    for code, response in responses.items():
        if isinstance(code, str) or str(code) not in merged:
            merged[str(code)] = response
    return merged


def errors_document(schema: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """List in the OpenAPI document every error response each operation can give, all in
    the one error format."""
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _METHODS:
                continue
            responses = _responses_by_text_code(operation.setdefault("responses", {}))
            operation["responses"] = responses
            for status in _error_statuses(operation):
                if str(status) in responses:
                    continue
                responses[str(status)] = {
                    "description": HTTPStatus(status).phrase,
                    "content": {"application/json": {"schema": dict(_ERROR_REF)}},
                }
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    if "ErrorResponse" not in schemas:
        schemas["ErrorResponse"] = ErrorResponse.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        schemas.update(schemas["ErrorResponse"].pop("$defs", {}))
    return schema
