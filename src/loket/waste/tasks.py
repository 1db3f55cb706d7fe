"""Background jobs of the waste domain: the evening-before reminders."""

from __future__ import annotations

from django.utils import timezone
from procrastinate.contrib.django import app

from loket.waste.reminders import waste_reminders_run


@app.periodic(cron="10 * * * *", periodic_id="waste-reminders")
@app.task(name="waste.reminders", queue="notifications", queueing_lock="waste-reminders")
def waste_reminders(timestamp: int) -> int:
    """Every hour; from `LOKET_WASTE_REMINDER_HOUR` (local time) on, remind the residents of
    tomorrow's collections. Later runs the same evening send nothing new (idempotent per
    resident and collection day)."""
    return waste_reminders_run(now=timezone.localtime())
