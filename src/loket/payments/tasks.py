"""Background jobs of payments: daily reminders and the statement drop folder."""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from procrastinate.contrib.django import app

from loket.payments.drop_folder import drop_folder_import
from loket.payments.notifications import payment_reminders_send

logger = logging.getLogger(__name__)


@app.periodic(cron="0 8 * * *", periodic_id="payments-reminders")
@app.task(name="payments.send_reminders", queue="payments", queueing_lock="payments-reminders")
def payments_send_reminders(timestamp: int) -> int:
    """Remind payers of overdue requests (each request once per due date)."""
    return payment_reminders_send(today=timezone.localdate())


@app.periodic(cron="*/10 * * * *", periodic_id="payments-drop-folder")
@app.task(
    name="payments.import_drop_folder", queue="payments", queueing_lock="payments-drop-folder"
)
def payments_import_drop_folder(timestamp: int) -> int:
    """Import the statement files the bank (or an operator) put in the drop folder."""
    folder = getattr(settings, "LOKET_PAYMENTS_DROP_FOLDER", None)
    if not folder:
        return 0
    return len(drop_folder_import(Path(folder)).imported)
