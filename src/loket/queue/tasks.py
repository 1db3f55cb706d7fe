"""Background jobs of the queue. Thin: each calls one function; all idempotent."""

from __future__ import annotations

from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

from loket.notify.retry import DeliveryPostponed, DeliveryRetryStrategy
from loket.queue.alerts import ticket_alert_deliver

QUEUE = "notifications"
ALERT_TASK = "queue.ticket_alert"


@app.task(name=ALERT_TASK, queue=QUEUE, retry=DeliveryRetryStrategy())
def ticket_alert_task(ticket_alert_id: int) -> None:
    next_attempt_at = ticket_alert_deliver(ticket_alert_id=ticket_alert_id)
    if next_attempt_at is not None:
        raise DeliveryPostponed(next_attempt_at)


def ticket_alert_defer(*, ticket_alert_id: int) -> int:
    """Queue the delivery in the current transaction (Django's connection), so the job
    exists exactly when the alert row does."""
    deferrer = procrastinate_tasks.configure_task(
        name=ALERT_TASK,
        job_manager=manager.JobManager(DjangoConnector()),
        queue=QUEUE,
    )
    job_id: int = deferrer.defer(ticket_alert_id=ticket_alert_id)
    return job_id
