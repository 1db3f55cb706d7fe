"""Background jobs of the CRM: the nightly proactive-service run."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.crm.proactive import suggestions_refresh


@app.periodic(cron="30 2 * * *", periodic_id="crm-suggestions")
@app.task(name="crm.suggestions_refresh", queue="crm", queueing_lock="crm-suggestions")
def crm_suggestions_refresh(timestamp: int) -> int:
    """Make today's suggestions and send the identity-card invitations (see
    loket.crm.proactive); returns how many suggestions were made."""
    return sum(suggestions_refresh().made.values())
