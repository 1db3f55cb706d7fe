"""Background jobs of the reports domain. Thin: each calls one function; all idempotent."""

from __future__ import annotations

from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

from loket.notify.retry import DeliveryPostponed, DeliveryRetryStrategy
from loket.reports.follower_emails import follower_email_deliver
from loket.reports.ratelimit import rate_limit_counters_purge
from loket.reports.services import report_photo_drafts_purge

QUEUE = "notifications"
FOLLOWER_EMAIL_TASK = "reports.follower_email"


@app.task(name=FOLLOWER_EMAIL_TASK, queue=QUEUE, retry=DeliveryRetryStrategy())
def follower_email_task(follower_email_id: int) -> None:
    next_attempt_at = follower_email_deliver(follower_email_id=follower_email_id)
    if next_attempt_at is not None:
        raise DeliveryPostponed(next_attempt_at)


def follower_email_defer(*, follower_email_id: int) -> int:
    """Queue the delivery in the current transaction (Django's connection), so the job
    exists exactly when the e-mail row does."""
    deferrer = procrastinate_tasks.configure_task(
        name=FOLLOWER_EMAIL_TASK,
        job_manager=manager.JobManager(DjangoConnector()),
        queue=QUEUE,
    )
    job_id: int = deferrer.defer(follower_email_id=follower_email_id)
    return job_id


@app.periodic(cron="*/10 * * * *")
@app.task(name="reports.housekeeping", queueing_lock="reports.housekeeping")
def reports_housekeeping_task(timestamp: int) -> int:
    """Old rate-limit windows and abandoned draft photos."""
    return rate_limit_counters_purge() + report_photo_drafts_purge()
