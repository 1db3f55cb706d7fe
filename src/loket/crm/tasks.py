"""Background jobs of the CRM domain: reading the municipalities' contact mailboxes, and the
nightly proactive-service run."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.crm.imap import mailboxes_poll
from loket.crm.proactive import suggestions_refresh


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
