"""Background jobs of participation. Thin: each calls one function; all idempotent."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.participation.services import survey_invitations_send


@app.periodic(cron="0 9 * * *", periodic_id="participation-happiness")
@app.task(name="participation.happiness_invitations", queueing_lock="participation.happiness")
def happiness_invitations_task(timestamp: int) -> int:
    """Invite the residents who opted in to this period's happiness survey (once each)."""
    return survey_invitations_send()
