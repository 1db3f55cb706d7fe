"""Background jobs of the CRM domain: reading the municipalities' contact mailboxes, and the
nightly proactive-service run."""

from __future__ import annotations

from procrastinate import manager
from procrastinate import tasks as procrastinate_tasks
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

from loket.crm.contact_centre.answer_emails import answer_email_deliver
from loket.crm.imap import mailboxes_poll
from loket.crm.proactive import suggestions_refresh
from loket.notify.retry import DeliveryPostponed, DeliveryRetryStrategy

ANSWER_EMAIL_QUEUE = "notifications"
ANSWER_EMAIL_TASK = "crm.answer_email"


@app.task(name=ANSWER_EMAIL_TASK, queue=ANSWER_EMAIL_QUEUE, retry=DeliveryRetryStrategy())
def answer_email_task(answer_email_id: int) -> None:
    next_attempt_at = answer_email_deliver(answer_email_id=answer_email_id)
    if next_attempt_at is not None:
        raise DeliveryPostponed(next_attempt_at)


def answer_email_defer(*, answer_email_id: int) -> int:
    """Queue the delivery in the current transaction (Django's connection), so the job
    exists exactly when the e-mail row does."""
    deferrer = procrastinate_tasks.configure_task(
        name=ANSWER_EMAIL_TASK,
        job_manager=manager.JobManager(DjangoConnector()),
        queue=ANSWER_EMAIL_QUEUE,
    )
    job_id: int = deferrer.defer(answer_email_id=answer_email_id)
    return job_id


@app.periodic(cron="*/2 * * * *", periodic_id="crm-mailboxes")
@app.task(
    name="crm.poll_mailboxes", queue="crm", queueing_lock="crm-mailboxes", lock="crm-mailboxes"
)
def crm_poll_mailboxes(timestamp: int) -> int:
    """Take the new mail of every active mailbox into Loket; returns how many were new. One
    run at a time (`lock`): a slow run is never overtaken by the next one."""
    return sum(result.stored for result in mailboxes_poll().values())


@app.periodic(cron="30 2 * * *", periodic_id="crm-suggestions")
@app.task(name="crm.suggestions_refresh", queue="crm", queueing_lock="crm-suggestions")
def crm_suggestions_refresh(timestamp: int) -> int:
    """Make today's suggestions and send the identity-card invitations (see
    loket.crm.proactive); returns how many suggestions were made."""
    return sum(suggestions_refresh().made.values())
