"""Fault test: the SMTP server refuses connections while 1,000 notifications are queued;
when it comes back every one of them is delivered, and a worker killed with SIGKILL in the
middle of the run loses nothing.

Two real worker processes (`python -m loket procrastinate worker`) run against the test
database; the SMTP server is a real aiosmtpd server in this process.
"""

from __future__ import annotations

import asyncio
import collections
import signal
import sys

import pytest
from django.db import connection
from django.db.models import Count, Q
from tests.factories import PersonFactory
from tests.notify.conftest import SmtpSink, free_port
from tests.notify.workers import wait_until, worker_environment, worker_start, worker_stop

from loket.notify.models import DeliveryAttempt, Notification
from loket.notify.queue import DELIVER_TASK
from loket.notify.services import notification_send
from loket.people.models import Person

MESSAGES = 1000
CONCURRENCY = 4
BATCH = 50
DECISION = {
    "case_reference": "R-{n}",
    "case_title": "Aanvraag",
    "decision": "Goedgekeurd.",
    "case_url": "https://loket.test/r/{n}/",
}


def _count(sql: str, *params: object) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        value: int = cursor.fetchone()[0]
        return value


def _rows(sql: str, *params: object) -> list[tuple[int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]  # type: ignore[misc]


def _holding_workers() -> set[int]:
    return {
        worker_id
        for (worker_id,) in _rows(
            "SELECT DISTINCT worker_id FROM procrastinate_jobs"
            " WHERE status = 'doing' AND worker_id IS NOT NULL"
        )
    }


def _stale_workers() -> list[int]:
    return [
        worker_id
        for (worker_id,) in _rows(
            "SELECT id FROM procrastinate_workers"
            " WHERE last_heartbeat < now() - interval '2500 milliseconds'"
        )
    ]


def _delivered() -> int:
    return Notification.objects.filter(status="delivered").count()


def _failed_once() -> int:
    return (
        DeliveryAttempt.objects.filter(outcome="temporary_failure")
        .values("notification_id")
        .distinct()
        .count()
    )


class SlowSink(SmtpSink):
    """Takes a few milliseconds per message, so a worker always has messages in hand."""

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.005)
        return await super().handle_DATA(server, session, envelope)


@pytest.mark.slow  # 1,000 messages through two worker processes
@pytest.mark.django_db(transaction=True)
def test_smtp_outage_and_a_killed_worker_lose_and_duplicate_nothing(municipality, tmp_path):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_jobs")
        cursor.execute("DELETE FROM procrastinate_workers")
    people = Person.objects.bulk_create(
        PersonFactory.build_batch(MESSAGES, municipality=municipality, preferred_channels=["email"])
    )
    sink = SlowSink(port=free_port())  # not started: connections are refused
    for number, person in enumerate(people):
        notification_send(
            recipient=person,
            event="decision.made",
            context={key: value.format(n=number) for key, value in DECISION.items()},
            municipality=municipality,
            idempotency_key=f"decision-{number}",
        )
    expected_ids = set(Notification.objects.values_list("message_id", flat=True))
    assert len(expected_ids) == MESSAGES
    assert _count("SELECT count(*) FROM procrastinate_jobs WHERE task_name = %s", DELIVER_TASK) == (
        MESSAGES
    )

    environment = worker_environment(
        sink.port,
        tmp_path,
        LOKET_NOTIFY_RETRY_BASE_SECONDS="1",
        LOKET_NOTIFY_RETRY_MAX_SECONDS="20",
        LOKET_NOTIFY_FAILURES_BEFORE_FALLBACK="1000",
        LOKET_NOTIFY_MAX_ATTEMPTS="1000",
        LOKET_WORKER_STALLED_AFTER_SECONDS="3",
        LOKET_WORKER_STALLED_CHECK_SECONDS="5",
        LOKET_NOTIFY_BATCH_SIZE=str(BATCH),
    )
    arguments = ("--concurrency", str(CONCURRENCY))
    first = worker_start(environment, tmp_path / "worker-1.log", *arguments)
    second = worker_start(environment, tmp_path / "worker-2.log", *arguments)
    try:
        # 1. The SMTP server is down: every notification fails, none is lost or given up.
        wait_until(
            lambda: _failed_once() == MESSAGES, timeout=180, what="every message to fail once"
        )
        assert sink.raw_messages == []
        assert Notification.objects.filter(status__in=["failed", "suppressed"]).count() == 0

        # 2. It comes back; halfway through, one worker is killed without warning.
        sink.start()
        wait_until(lambda: _delivered() >= MESSAGES // 3, timeout=180, what="a third delivered")
        # Kill at a moment when both workers hold a job, so the killed one has one in hand
        # (between two jobs a worker holds none, and the kill would prove nothing).
        wait_until(
            lambda: len(_holding_workers()) == 2, timeout=60, what="both workers to hold a job"
        )
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        in_hand = _rows("SELECT id, worker_id FROM procrastinate_jobs WHERE status = 'doing'")
        assert _delivered() < MESSAGES, "the kill came too late to prove anything"
        # The killed worker is the one whose heartbeat stops.
        wait_until(
            lambda: len(_stale_workers()) == 1, timeout=30, what="the killed worker to go stale"
        )
        [killed_worker] = _stale_workers()
        killed_jobs = [job_id for job_id, worker_id in in_hand if worker_id == killed_worker]
        assert killed_jobs, "the killed worker had no job in hand"

        # 3. The other worker finishes the work and retries the killed worker's jobs.
        wait_until(lambda: _delivered() == MESSAGES, timeout=300, what="every message delivered")
        wait_until(
            lambda: (
                _count(
                    "SELECT count(*) FROM procrastinate_jobs WHERE task_name = %s"
                    " AND status IN ('todo', 'doing')",
                    DELIVER_TASK,
                )
                == 0
            ),
            timeout=60,
            what="the delivery queue to be empty",
        )
    finally:
        worker_stop(first)
        worker_stop(second)
        sink.stop()

    # Loket's record: every notification delivered, and logged as delivered exactly once.
    per_notification = Notification.objects.annotate(
        delivered_logs=Count("attempts", filter=Q(attempts__outcome="delivered")),
        interruptions=Count("attempts", filter=Q(attempts__outcome="interrupted")),
    )
    assert per_notification.filter(status="delivered").count() == MESSAGES
    assert per_notification.exclude(delivered_logs=1).count() == 0
    interrupted = set(
        per_notification.filter(interruptions__gt=0).values_list("message_id", flat=True)
    )
    # The killed worker's claims (at most a batch per job in hand) were taken over.
    assert len(interrupted) <= CONCURRENCY * BATCH

    # The SMTP server: every message arrived (nothing lost). A message arrived twice only
    # if the killed worker was handing exactly that message over when it died (one per job
    # in hand at most); such a copy has the same Message-ID. All others arrived once.
    received = collections.Counter(sink.message_ids())
    assert set(received) == expected_ids
    duplicated = {message_id for message_id, copies in received.items() if copies > 1}
    assert duplicated <= interrupted
    assert len(duplicated) <= CONCURRENCY
    assert all(received[message_id] == 2 for message_id in duplicated)
    assert sum(received.values()) == MESSAGES + len(duplicated)
    sys.stderr.write(
        f"\nfault test: {len(killed_jobs)} job(s) in the killed worker's hands, "
        f"{len(interrupted)} claim(s) taken over, {len(duplicated)} duplicate(s) at the server\n"
    )

    # The jobs the killed worker had in hand were found stalled, retried and finished.
    assert "stalled job(s)" in (tmp_path / "worker-2.log").read_text()
    placeholders = ", ".join(["%s"] * len(killed_jobs))
    assert _count(
        f"SELECT count(*) FROM procrastinate_jobs WHERE id IN ({placeholders})"
        " AND status = 'succeeded'",
        *killed_jobs,
    ) == len(killed_jobs)
