"""The nightly retention run: anonymise what is past its period (loket.audit.retention)."""

from __future__ import annotations

from procrastinate.contrib.django import app

from loket.audit.retention import retention_run


@app.periodic(cron="45 3 * * *", periodic_id="audit-retention")
@app.task(
    name="audit.retention_run",
    queue="audit",
    queueing_lock="audit-retention",
    lock="audit-retention",
)
def audit_retention_run(timestamp: int) -> int:
    """Anonymise every object past its municipality's retention period; returns how many.
    One run at a time (`lock`); a run that stops is taken up by the next (each batch is its
    own transaction)."""
    return retention_run().total
