"""The isolation matrix: every route by method by foreign role, with the victim
municipality's identifiers in the path and in the body (see docs/security.md, "Tenancy: the
isolation matrix").

Each cell asserts that the answer
- is no server error;
- wrote nothing: no row inserted, updated or deleted in any table (jobs, notifications,
  messages and access-log rows included), no e-mail sent;
- shows none of the victim's secrets (national numbers, names, e-mail, case number …);
- is indistinguishable from the answer to a non-existent identifier of the same kind
  (same status, same body once identifiers, CSRF tokens and nonces are set aside);
- and, with a victim identifier in the path, is a refusal (400/401/403/404/405/422) or a
  redirect (to a sign-in page, or to the page that then refuses).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from tests.security.cells import PUBLIC_KINDS, all_cells, request_for, send, slot_kinds
from tests.security.matrix import MATRIX
from tests.security.world import World, client_for
from tests.security.writes import table_writes, writes_between

pytestmark = pytest.mark.django_db

# Cells known to fail, each with the reason; strict, so a fixed cell fails until its entry
# is removed. Empty: every cell holds.
KNOWN_LEAKS: dict[tuple[str, str, str], str] = {}


REFUSED = {400, 401, 403, 404, 405, 422}
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|csrftoken[^;"]*')
_NONCE = re.compile(r'nonce="[^"]*"|nonce-[A-Za-z0-9+/=_-]+')
_IDEMPOTENCY = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _param(key: str, role: str, slot: str) -> Any:
    cell = (key, role, slot)
    marks = []
    if cell in KNOWN_LEAKS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[cell]))
    return pytest.param(key, role, slot, marks=marks, id=f"{key} | {role} | {slot}")


def _text(response: Any) -> str:
    content = b"" if getattr(response, "streaming", False) else response.content
    return content.decode("utf-8", errors="replace") + response.headers.get("Location", "")


def _normalised(response: Any, values: list[str]) -> tuple[int, str]:
    text = _CSRF.sub("", _NONCE.sub("", _text(response)))
    text = _IDEMPOTENCY.sub("<uuid>", text)
    for value in sorted(values, key=len, reverse=True):
        text = text.replace(value, "<id>")
    return response.status_code, text


@pytest.mark.parametrize(("key", "role", "slot"), [_param(*cell) for cell in all_cells()])
def test_a_foreign_identifier_is_refused_like_a_missing_one(
    world: World, key: str, role: str, slot: str
) -> None:
    entry = MATRIX[key]
    client = client_for(world, role)
    foreign = request_for(world, key, slot, victim=True)
    mails_before = len(mail.outbox)
    before = table_writes()

    response = send(client, foreign)

    written = writes_between(before, table_writes())
    assert response.status_code < 500, _text(response)[:500]
    if entry.exempt:
        return
    if entry.public or not foreign.replaced or role in entry.ignored_by:
        written = {table: n for table, n in written.items() if table[0] not in entry.touches}
    assert written == {}, written
    assert len(mail.outbox) == mails_before
    shown = _text(response)
    echoed = set(foreign.replaced)
    assert [s for s in world.secrets if s in shown and s not in echoed] == []
    if not foreign.replaced or entry.public or role in entry.ignored_by:
        return
    if slot == "path":
        assert response.status_code in REFUSED or response.status_code == 302, response.status_code
    if slot_kinds(entry, slot) <= PUBLIC_KINDS:
        return

    missing = request_for(world, key, slot, victim=False)
    twin = send(client_for(world, role), missing)

    values = foreign.replaced + missing.replaced
    assert _normalised(response, values) == _normalised(twin, values)


# The bodies the attacker builds around one victim identifier are valid with the
# attacker's own objects: the same request with nothing foreign in it succeeds and writes.
# (Otherwise a body cell could pass only because its body was refused for another reason.)
CONTROLS = [
    ("POST /api/v1/cases", "menen_token", "cases_case"),
    ("POST /api/v1/payment-requests", "menen_token", "payments_paymentrequest"),
    ("POST /api/v1/payment-requests", "menen_clerk", "payments_paymentrequest"),
    ("POST /backoffice/betalingen/nieuw/", "menen_head", "payments_paymentrequest"),
    ("POST /backoffice/contacten/nieuw/", "menen_clerk", "crm_contactmoment"),
    ("POST /api/v1/contact-moments", "menen_token", "crm_contactmoment"),
    ("POST /backoffice/bestuur/zittingen/nieuw/", "menen_head", "council_meeting"),
    ("POST /backoffice/contactcenter/nieuw/", "menen_clerk", "crm_contactquestion"),
    ("POST /api/v1/contact-questions", "menen_token", "crm_contactquestion"),
]


@pytest.mark.parametrize(("key", "role", "table"), CONTROLS)
def test_the_attackers_own_request_succeeds(world: World, key: str, role: str, table: str) -> None:
    own = request_for(world, key, "none", victim=True)
    before = table_writes()

    response = send(client_for(world, role), own)

    assert response.status_code in {201, 302}, _text(response)[:500]
    assert writes_between(before, table_writes())[(table, "ins")] == 1
