"""Background jobs of participation. Thin: each calls one function; all idempotent."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.participation.services import satisfaction_invite, survey_invitations_send


@app.periodic(cron="0 9 * * *", periodic_id="participation-happiness")
@app.task(name="participation.happiness_invitations", queueing_lock="participation.happiness")
def happiness_invitations_task(timestamp: int) -> int:
    """Invite the residents who opted in to this period's happiness survey (once each)."""
    return survey_invitations_send()


@app.task(name="participation.satisfaction_invite")
def satisfaction_invite_task(**arguments: object) -> bool:
    """Ask how satisfied the resident was with a service just delivered (at most once a
    week per resident; the database refuses the rest)."""
    return satisfaction_invite(**arguments) is not None  # type: ignore[arg-type]
