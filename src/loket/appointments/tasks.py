"""Background jobs of the appointments domain. Thin: each calls one function; all idempotent."""

from __future__ import annotations

from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

from loket.appointments.guest_messages import guest_message_deliver
from loket.appointments.services.reminders import appointments_remind
from loket.notify.retry import DeliveryPostponed, DeliveryRetryStrategy

QUEUE = "notifications"
GUEST_MESSAGE_TASK = "appointments.guest_message"


@app.task(name=GUEST_MESSAGE_TASK, queue=QUEUE, retry=DeliveryRetryStrategy())
def guest_message_task(guest_message_id: int) -> None:
    next_attempt_at = guest_message_deliver(guest_message_id=guest_message_id)
    if next_attempt_at is not None:
        raise DeliveryPostponed(next_attempt_at)


def guest_message_defer(*, guest_message_id: int) -> int:
    """Queue the delivery in the current transaction (Django's connection), so the job
    exists exactly when the message row does."""
    deferrer = procrastinate_tasks.configure_task(
        name=GUEST_MESSAGE_TASK,
        job_manager=manager.JobManager(DjangoConnector()),
        queue=QUEUE,
    )
    job_id: int = deferrer.defer(guest_message_id=guest_message_id)
    return job_id


@app.periodic(cron="*/15 * * * *")
@app.task(name="appointments.reminders", queueing_lock="appointments.reminders")
def appointments_remind_task(timestamp: int) -> int:
    """The reminder the day before, for every appointment of tomorrow not reminded yet."""
    return appointments_remind()
