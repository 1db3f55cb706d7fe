"""From the matrix to requests: the cells (route by method by foreign role by where the
victim's identifier goes) and the request each cell sends."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.cases.conftest import png_bytes
from tests.security.entries import Entry
from tests.security.matrix import MATRIX
from tests.security.world import MISSING_ID, OWN_KEYS, World

ROLES = ("menen_clerk", "menen_head", "menen_token", "neighbour", "anonymous")
# Identifiers of municipalities and departments are public (GET /api/v1/municipalities and
# /api/v1/municipalities/{nis_code}/departments list them): their existence is no secret,
# so a foreign one may answer differently from an unknown one.
PUBLIC_KINDS = frozenset({"nis_code", "slug", "municipality", "department"})
# The neighbour lives in the victim municipality: for a municipality identifier she is not
# a foreign role.
MEMBERS_OF_VICTIM_MUNICIPALITY = frozenset({"neighbour"})
_DJANGO_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")
_API_PARAMETER = re.compile(r"\{(\w+)\}")
_REGEX_FORMAT = re.compile(r"\(\?:\\\.\(\?P<fmt>json\|xml\)\)\?")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def is_victim_key(value: str) -> bool:
    return not value.startswith(("fixed:", "own:")) and value != "absent"


def slots(entry: Entry) -> list[str]:
    """Where the victim's identifiers go in this route's cells:
    - "path": the victim's objects in the path, and in every body id field at once;
    - "body:<field>": the victim's object in one body id field, the rest of the body and
      the path filled with the attacker's own objects (when the world has them);
    - "none" when the route takes no identifier at all."""
    if entry.exempt:
        return ["none"]
    path_keys = {value for value in entry.path.values() if is_victim_key(value)}
    fields = [f"body:{name}" for name, value in entry.body.items() if is_victim_key(value)]
    fields += [f"body:{name}@{key}" for name, keys in entry.also.items() for key in keys]
    if path_keys:
        return ["path", *fields] if path_keys <= OWN_KEYS else ["path"]
    return fields or ["none"]


def slot_kinds(entry: Entry, slot: str) -> set[str]:
    """The world keys of the victim identifiers a slot sends."""
    if slot == "path":
        return {
            value for value in [*entry.path.values(), *entry.body.values()] if is_victim_key(value)
        }
    if slot.startswith("body:"):
        return {body_target(entry, slot)[1]}
    return set()


def body_target(entry: Entry, slot: str) -> tuple[str, str]:
    """The field a "body:<field>" or "body:<field>@<key>" slot fills, and with what."""
    name, _sep, key = slot.removeprefix("body:").partition("@")
    return name, key or entry.body[name]


def all_cells() -> list[tuple[str, str, str]]:
    return [
        (key, role, slot)
        for key, entry in MATRIX.items()
        for slot in slots(entry)
        for role in ROLES
        if not (
            role in MEMBERS_OF_VICTIM_MUNICIPALITY
            and slot_kinds(entry, slot)
            and slot_kinds(entry, slot) <= PUBLIC_KINDS
        )
    ]


def _value(world: World, key: str, victim: bool) -> str:
    if key == "absent":
        return str(MISSING_ID)
    if key.startswith("fixed:"):
        return key.removeprefix("fixed:")
    if key.startswith("own:"):
        return world.own[key.removeprefix("own:")]
    return world.victim[key] if victim else world.missing[key]


def url_for(pattern: str, values: dict[str, str]) -> str:
    if "^" in pattern or "(?" in pattern:
        url = _REGEX_FORMAT.sub(lambda _m: "." + values.get("fmt", "json"), pattern)
        url = url.replace("requests?/", "requests/")
        url = _REGEX_GROUP.sub(lambda match: values[match.group(1)], url)
        url = url.replace("^", "").replace("$", "").replace(".*", "no-such-page")
        url = re.sub(r"\(\?:[^)]*\)\?", "", url)
        return url
    url = _DJANGO_PARAMETER.sub(lambda match: values[match.group(1)], pattern)
    return _API_PARAMETER.sub(lambda match: values[match.group(1)], url)


@dataclass
class Request:
    method: str
    url: str
    data: dict[str, Any]
    multipart: bool
    api: bool
    headers: dict[str, str]
    replaced: list[str]  # the identifier values this request carries (victim or missing)


def request_for(world: World, key: str, slot: str, *, victim: bool) -> Request:
    entry = MATRIX[key]
    method, pattern = key.split(" ", 1)
    replaced: list[str] = []

    def fill(value_key: str, into: bool) -> str:
        value = _value(world, value_key, victim if into else True)
        if into and is_victim_key(value_key):
            replaced.append(value)
        return value

    path_values = {
        name: world.own[value_key]
        if slot.startswith("body:") and is_victim_key(value_key)
        else fill(value_key, True)
        for name, value_key in entry.path.items()
    }
    data: dict[str, Any] = {}
    for name, value in entry.base.items():
        if isinstance(value, str) and (value.startswith(("own:", "fixed:")) or value == "absent"):
            data[name] = _value(world, value, True)
        else:
            data[name] = value
    targets = (
        [(name, value) for name, value in entry.body.items() if is_victim_key(value)]
        if slot == "path"
        else [body_target(entry, slot)]
        if slot.startswith("body:")
        else []
    )
    for name, value_key in targets:
        if name in entry.exclusive:
            for other in entry.exclusive:
                data.pop(other, None)
        data[name] = fill(value_key, True)
    if entry.multipart and data.get("file") == "png":
        data["file"] = SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png")
    headers = {
        name: str(uuid.uuid4()) if value == "unique" else value
        for name, value in entry.headers.items()
    }
    return Request(
        method=method,
        url=url_for(pattern, path_values),
        data=data,
        multipart=entry.multipart,
        api=pattern.startswith("/api/v1/"),
        headers=headers,
        replaced=replaced,
    )


def send(client: Client, request: Request) -> Any:
    if request.method == "GET":
        return client.get(request.url, request.data, headers=request.headers)
    if request.api and not request.multipart:
        return client.generic(
            request.method,
            request.url,
            json.dumps(request.data),
            content_type="application/json",
            headers=request.headers,
        )
    return client.post(request.url, request.data, headers=request.headers)
