"""Deferring delivery jobs through Django's database connection, so a job exists exactly
when the transaction that wrote its notification commits (a rollback removes both)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db import transaction
from procrastinate import exceptions as procrastinate_exceptions
from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django.django_connector import DjangoConnector

DELIVER_TASK = "notify.deliver"
QUEUE = "notifications"


@lru_cache(maxsize=1)
def _job_manager() -> manager.JobManager:
    # Always Django's connection, also inside a worker (where the app's own connector is
    # the worker's connection pool, outside the caller's transaction).
    return manager.JobManager(DjangoConnector())


def delivery_lock(notification_id: int) -> str:
    return f"notification:{notification_id}"


def delivery_defer(*, notification_id: int, schedule_at: dt.datetime | None = None) -> int | None:
    """Queue a delivery job in the current transaction; None when one is already queued."""
    lock = delivery_lock(notification_id)
    deferrer = procrastinate_tasks.configure_task(
        name=DELIVER_TASK,
        job_manager=_job_manager(),
        queue=QUEUE,
        lock=lock,
        queueing_lock=lock,
        schedule_at=schedule_at,
    )
    try:
        with transaction.atomic():  # a savepoint: a refused insert leaves the caller's intact
            job_id: int = deferrer.defer(notification_id=notification_id)
    except procrastinate_exceptions.AlreadyEnqueued:
        return None
    return job_id


def job_cancel(*, job_id: int) -> bool:
    """Remove a waiting job in the current transaction (False when a worker has it)."""
    cancelled: bool = _job_manager().cancel_job_by_id(job_id, delete_job=True)
    return cancelled
