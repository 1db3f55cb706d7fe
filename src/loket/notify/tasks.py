"""Background jobs of the notify domain, and the worker-wide retry of stalled jobs.

Thin: each task calls one function; the delivery itself is idempotent (see delivery.py).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from procrastinate.contrib.django import app

from loket.notify.delivery import notification_deliver
from loket.notify.letters import letter_batches_build_due
from loket.notify.queue import DELIVER_TASK, QUEUE
from loket.notify.retry import DeliveryPostponed, DeliveryRetryStrategy
from loket.notify.services import notifications_requeue_orphans

logger = logging.getLogger(__name__)


def _every(seconds: int) -> str:
    """A cron expression (with Procrastinate's optional seconds column) for the interval."""
    return "* * * * *" if seconds >= 60 else f"* * * * * */{seconds}"


@app.task(name=DELIVER_TASK, queue=QUEUE, retry=DeliveryRetryStrategy(), pass_context=True)
def notification_deliver_task(context: Any, notification_id: int) -> None:
    next_attempt_at = notification_deliver(
        notification_id=notification_id,
        job_id=context.job.id,
        batch_size=settings.LOKET_NOTIFY_BATCH_SIZE,
    )
    if next_attempt_at is not None:
        raise DeliveryPostponed(next_attempt_at)


@app.periodic(cron=_every(settings.LOKET_WORKER_STALLED_CHECK_SECONDS))
@app.task(
    name="workers.retry_stalled_jobs", queueing_lock="workers.retry_stalled_jobs", pass_context=True
)
async def workers_retry_stalled_jobs(context: Any, timestamp: int) -> int:
    """Procrastinate's documented recipe: jobs left `doing` by a worker whose heartbeat
    stopped (killed, machine lost) are put back in the queue."""
    job_manager = context.app.job_manager
    stalled = await job_manager.get_stalled_jobs(
        seconds_since_heartbeat=settings.LOKET_WORKER_STALLED_AFTER_SECONDS
    )
    count = 0
    for job in stalled:
        await job_manager.retry_job(job)
        count += 1
    if count:
        logger.warning("retried %d stalled job(s)", count)
    return count


@app.periodic(cron="*/5 * * * *")
@app.task(name="notify.requeue_orphans", queue=QUEUE, queueing_lock="notify.requeue_orphans")
def notifications_requeue_orphans_task(timestamp: int) -> int:
    return notifications_requeue_orphans()


@app.periodic(cron="7 * * * *")
@app.task(name="notify.build_letter_batches", queue=QUEUE, queueing_lock="notify.letter_batches")
def letter_batches_build_task(timestamp: int) -> int:
    return len(letter_batches_build_due())
