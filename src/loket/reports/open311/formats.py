"""The two Open311 formats: XML (required by the specification) and JSON.

Both are produced from the same Python structure. JSON follows the "Spark convention" of
the specification: a list in JSON is a container element with one child per item in XML
(`services` → `service`, `service_requests` → `request`, `errors` → `error` …).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping, Sequence
from typing import Any

from django.http import HttpResponse

XML_CONTENT_TYPE = "text/xml; charset=utf-8"
JSON_CONTENT_TYPE = "application/json; charset=utf-8"
FORMATS = ("xml", "json")

ITEM_ELEMENT = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}

# Characters XML 1.0 cannot carry (control characters other than tab, newline, return).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Open311Error(Exception):
    """An error answered in the Open311 error format, with its HTTP status."""

    def __init__(
        self,
        status: int,
        *descriptions: str,
        code: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__("; ".join(descriptions))
        self.status = status
        self.code = code or status
        self.descriptions = list(descriptions)
        self.headers = headers or {}

    def as_data(self) -> list[dict[str, Any]]:
        return [{"code": self.code, "description": text} for text in self.descriptions]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _XML_INVALID.sub("", str(value))


def _append(parent: ElementTree.Element, tag: str, value: Any) -> None:
    element = ElementTree.SubElement(parent, tag)
    _fill(element, tag, value)


def _fill(element: ElementTree.Element, tag: str, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, Sequence) and not isinstance(value, str | bytes):
        child_tag = ITEM_ELEMENT.get(tag, "item")
        for item in value:
            _append(element, child_tag, item)
    else:
        element.text = _text(value)


def xml_document(root: str, value: Any) -> bytes:
    element = ElementTree.Element(root)
    _fill(element, root, value)
    body = ElementTree.tostring(element, encoding="unicode", short_empty_elements=True)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'.encode()


def render(value: Any, *, root: str, fmt: str, status: int = 200) -> HttpResponse:
    """`value` as JSON (the value itself) or XML (under the `root` element)."""
    if fmt == "json":
        return HttpResponse(
            json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(),
            status=status,
            content_type=JSON_CONTENT_TYPE,
        )
    return HttpResponse(xml_document(root, value), status=status, content_type=XML_CONTENT_TYPE)


def render_error(error: Open311Error, *, fmt: str) -> HttpResponse:
    response = render(error.as_data(), root="errors", fmt=fmt, status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response
