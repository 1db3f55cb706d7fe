"""Input hygiene at the door: characters no field may hold are refused before any view runs.

PostgreSQL cannot store a NUL byte in text, XML 1.0 cannot carry the other C0 control
characters (tab, newline and carriage return excepted) nor U+FFFE/U+FFFF, and a lone
surrogate cannot be encoded as UTF-8 at all. A request that carries one of them in its
path, a query parameter, a form field (or an uploaded file's name) or a JSON value or key
is refused with 400 (HTML pages), 422 (`/api/v1`, in the API's one error format) or 400
(`/open311/v2`, in the Open311 error format, XML or JSON as requested), and nothing of it
reaches a view, a form or the database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from loket.api.errors import ErrorCode, error_response
from loket.api.views import api_language
from loket.reports.open311.formats import Open311Error, render_error

API_PREFIX = "/api/"
OPEN311_PREFIX = "/open311/"

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def text_is_clean(value: str) -> bool:
    """Whether `value` holds only characters that can be stored and sent back as XML."""
    return _FORBIDDEN.search(value) is None


def _json_bad_fields(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if not text_is_clean(value):
            yield path or "body"
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if not text_is_clean(str(key)):
                yield path or "body"
            else:
                yield from _json_bad_fields(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _json_bad_fields(item, f"{path}.{index}" if path else str(index))


def _path_bad_fields(request: HttpRequest) -> list[str]:
    if text_is_clean(request.path_info):
        return []
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return ["path"]
    names = [name for name, value in match.kwargs.items() if not text_is_clean(str(value))]
    return names or ["path"]


def _body_fits_in_memory(request: HttpRequest) -> bool:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return limit is None or length <= limit


def _body_bad_fields(request: HttpRequest) -> list[str]:
    content_type = request.content_type or ""
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            document = json.loads(request.body or b"null")
        except ValueError:
            return []  # not JSON: the endpoint answers that in its own words
        return list(_json_bad_fields(document, ""))
    if content_type in _FORM_TYPES:
        if _body_fits_in_memory(request):
            # Read the raw body first: it stays available to views that verify a signature
            # over it (payment webhooks) after the form is parsed from it here. Large
            # multipart uploads are streamed instead (they are never signed bodies).
            _ = request.body
        bad = [
            key
            for key, values in request.POST.lists()
            if not text_is_clean(key) or not all(text_is_clean(value) for value in values)
        ]
        bad += [
            key
            for key, uploads in request.FILES.lists()
            if not all(text_is_clean(upload.name or "") for upload in uploads)
        ]
        return bad
    return []


def request_bad_fields(request: HttpRequest) -> list[str]:
    """The names of the parameters and fields of `request` that hold a forbidden character
    (``path`` for the path, ``body`` for a JSON document's keys), without duplicates."""
    bad = _path_bad_fields(request)
    bad += [
        key
        for key, values in request.GET.lists()
        if not text_is_clean(key) or not all(text_is_clean(value) for value in values)
    ]
    if request.method in {"POST", "PUT", "PATCH", "DELETE"}:
        bad += _body_bad_fields(request)
    return [_printable(name) for name in dict.fromkeys(bad)]


def _printable(name: str) -> str:
    return _FORBIDDEN.sub("\ufffd", name)


def _message() -> str:
    return _(
        "This value contains a character that is not allowed (a NUL byte, a control "
        "character or an invalid Unicode character)."
    )


def _refusal(request: HttpRequest, fields: list[str]) -> HttpResponse:
    path = request.path_info
    if path.startswith(API_PREFIX):
        with translation.override(api_language(request)):
            return error_response(
                status=422,
                code=ErrorCode.VALIDATION,
                fields={name: [_message()] for name in fields},
            )
    if path.startswith(OPEN311_PREFIX):
        fmt = "json" if path.rstrip("/").endswith(".json") else "xml"
        descriptions = [f"{name}: {_message()}" for name in fields]
        return render_error(Open311Error(400, *descriptions), fmt=fmt)
    return render(
        request,
        "web/input_refused.html",
        {"fields": fields, "message": _message()},
        status=400,
    )


def _unreadable(request: HttpRequest) -> HttpResponse:
    """A body that cannot be read at all (a broken multipart body, too many fields)."""
    path = request.path_info
    if path.startswith(API_PREFIX):
        with translation.override(api_language(request)):
            return error_response(status=400, code=ErrorCode.BAD_REQUEST)
    fmt = "json" if path.rstrip("/").endswith(".json") else "xml"
    return render_error(Open311Error(400, _("The request body could not be read.")), fmt=fmt)


class InputHygieneMiddleware:
    """Refuse requests with characters no field may hold (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            fields = request_bad_fields(request)
        except (MultiPartParserError, SuspiciousOperation):
            if not request.path_info.startswith((API_PREFIX, OPEN311_PREFIX)):
                raise  # Django answers its own 400 page
            return _unreadable(request)
        if fields:
            return _refusal(request, fields)
        return self.get_response(request)
