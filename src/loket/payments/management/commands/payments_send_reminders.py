"""`loket payments_send_reminders`: remind payers of overdue payment requests (each
request once per due date; running it twice a day sends nothing twice)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from loket.payments.notifications import payment_reminders_send


class Command(BaseCommand):
    help = "Send reminders for overdue payment requests (once per request and due date)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = payment_reminders_send(today=timezone.localdate())
        self.stdout.write(f"{sent} reminder(s) sent")
