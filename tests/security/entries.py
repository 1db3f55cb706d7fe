"""The shape of a matrix entry and the small helpers the tables are written with (the
meaning of the values: tests/security/matrix.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CERTIFICATE_ANSWERS = {
    "with_history": "no",
    "language": "nl",
    "copies": "1",
    "purpose": "For my employer",
    "declaration": "on",
}


@dataclass(frozen=True)
class Entry:
    path: dict[str, str] = field(default_factory=dict)
    body: dict[str, str] = field(default_factory=dict)
    base: dict[str, Any] = field(default_factory=dict)
    # The victim object is public by design (a public report, a municipality's catalogue):
    # only "no write outside `touches`" and "no secret shown" are asserted.
    public: bool = False
    # Tables the route may write when the request is valid (documentation; for public
    # routes also the only tables a request may write).
    touches: tuple[str, ...] = ()
    # More victim objects to try in a body field, one cell each (a resident of another
    # region, say).
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Body fields of which only one may be sent at a time.
    exclusive: tuple[str, ...] = ()
    # Roles for which the route ignores the body identifiers and works on their own data (a
    # resident always submits a request for herself): their cells assert only that nothing
    # is written outside `touches` and that no secret is shown.
    ignored_by: tuple[str, ...] = ()
    multipart: bool = False
    headers: dict[str, str] = field(default_factory=dict)
    # Why the route is outside the isolation rule (nothing but "no 500" is asserted).
    exempt: str = ""


def both(pattern: str, entry: Entry | None = None) -> list[tuple[str, Entry]]:
    return [(f"GET {pattern}", entry or Entry()), (f"POST {pattern}", entry or Entry())]


def get_post(pattern: str, get: Entry, post: Entry) -> list[tuple[str, Entry]]:
    return [(f"GET {pattern}", get), (f"POST {pattern}", post)]


def one(key: str, entry: Entry | None = None) -> list[tuple[str, Entry]]:
    return [(key, entry or Entry())]


def P(**path: str) -> Entry:
    return Entry(path=path)


PUBLIC = Entry(public=True)
FMT = {"fmt": "fixed:json"}
ADMIN_OBJECT = P(object_id="staff_user")
ADMIN_EXEMPT = Entry(exempt="Django's admin: superusers only, no tenant data")
