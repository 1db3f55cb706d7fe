"""Migration 0005: tickets taken before links were signed. Today's keep their old link
(only its SHA-256 is stored) until the end of the day; earlier tickets keep nothing; no
clear token remains, not even in an alert not sent yet."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from tests.factories import MunicipalityFactory
from tests.queue.helpers import office_make, queue_make

BEFORE = [("queue", "0004_ticket_appointment_ticket_one_ticket_per_appointment")]
AFTER = [("queue", "0005_ticket_link_signed")]


def _migrate(targets: list[tuple[str, str]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.fixture
def before_signed_links(transactional_db: None) -> Iterator[None]:
    _migrate(BEFORE)
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes("queue"))


def _insert_ticket(office_id: int, queue_id: int, municipality_id: int, day: dt.date) -> str:
    """A ticket as taken before links were signed, with an alert not sent yet."""
    token = str(uuid.uuid4())
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO queue_ticket (municipality_id, office_id, queue_id, day, sequence,"
            " code, token, status, channel, priority, language, phone, email, taken_at)"
            " VALUES (%s, %s, %s, %s, %s, 'A-001', %s, 'waiting', 'phone', false, 'nl', '',"
            " '', now()) RETURNING id",
            [municipality_id, office_id, queue_id, day, 1, token],
        )
        (ticket_id,) = cursor.fetchone()
        context = {"ticket": "A-001", "ticket_url": f"https://loket.test/wachtrij/ticket/{token}/"}
        cursor.execute(
            "INSERT INTO queue_ticketalert (ticket_id, channel, address, language, notify_event,"
            " context, status, attempts, detail, message_id, created_at)"
            " VALUES (%s, 'sms', '+32470123456', 'nl', 'queue.turn_soon', %s, 'queued', 0, '',"
            " %s, now())",
            [ticket_id, json.dumps(context), f"<{token}@loket.test>"],
        )
    return token


def test_todays_old_links_keep_working_and_no_clear_token_remains(before_signed_links) -> None:
    municipality = MunicipalityFactory()
    office = office_make(municipality)
    queue = queue_make(office)
    today = timezone.localdate()
    todays = _insert_ticket(office.pk, queue.pk, municipality.pk, today)
    yesterdays = _insert_ticket(office.pk, queue.pk, municipality.pk, today - dt.timedelta(days=1))

    _migrate(AFTER)

    with connection.cursor() as cursor:
        cursor.execute("SELECT code, day, legacy_token_hash FROM queue_ticket ORDER BY day")
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns"
            " WHERE table_name = 'queue_ticket' AND column_name = 'token'"
        )
        assert cursor.fetchone() == (0,)
    assert rows == [
        ("A-001", today - dt.timedelta(days=1), ""),
        ("A-001", today, hashlib.sha256(todays.encode()).hexdigest()),
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT context::text FROM queue_ticketalert")
        contexts = [row[0] for row in cursor.fetchall()]
    assert len(contexts) == 2
    assert not any(todays in text or yesterdays in text for text in contexts)
    client = Client()
    assert client.get(f"/wachtrij/ticket/{todays}/").status_code == 200
    assert client.get(f"/wachtrij/ticket/{todays.upper()}/").status_code == 200
    assert client.get(f"/wachtrij/ticket/{yesterdays}/").status_code == 404
    assert client.get(f"/wachtrij/ticket/{uuid.uuid4()}/").status_code == 404
