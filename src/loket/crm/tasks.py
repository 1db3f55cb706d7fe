"""Background jobs of the CRM domain: reading the municipalities' contact mailboxes."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.crm.imap import mailboxes_poll


@app.periodic(cron="*/2 * * * *", periodic_id="crm-mailboxes")
@app.task(
    name="crm.poll_mailboxes", queue="crm", queueing_lock="crm-mailboxes", lock="crm-mailboxes"
)
def crm_poll_mailboxes(timestamp: int) -> int:
    """Take the new mail of every active mailbox into Loket; returns how many were new. One
    run at a time (`lock`): a slow run is never overtaken by the next one."""
    return sum(result.stored for result in mailboxes_poll().values())
