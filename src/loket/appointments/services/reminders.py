"""The reminder the day before: a periodic job finds tomorrow's appointments and tells
each holder once (`reminded_at`, and the notification's idempotency key)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from loket.appointments.models import Appointment, AppointmentEvent
from loket.appointments.notifications import appointment_reminder_notify
from loket.appointments.services.booking import _link_issue
from loket.appointments.timeline import appointment_event_append
from loket.appointments.workflow import AppointmentStatus


def appointments_remind(*, now: dt.datetime | None = None) -> int:
    """Remind every booked appointment of tomorrow (local time) not reminded yet."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    end = start + dt.timedelta(days=1)
    due = list(
        Appointment.objects.filter(
            status=AppointmentStatus.BOOKED,
            reminded_at__isnull=True,
            starts_at__gte=start,
            starts_at__lt=end,
        ).values_list("pk", flat=True)[:5000]
    )
    sent = 0
    for appointment_id in due:
        with transaction.atomic():
            appointment = (
                Appointment.objects.select_for_update(of=("self",))
                .select_related("office", "product", "municipality", "person")
                .filter(pk=appointment_id, reminded_at__isnull=True, status="booked")
                .first()
            )
            if appointment is None:
                continue
            token = _link_issue(appointment) if appointment.person_id is None else ""
            appointment_reminder_notify(appointment=appointment, token=token)
            Appointment.objects.filter(pk=appointment.pk).update(reminded_at=now)
            appointment_event_append(appointment=appointment, kind=AppointmentEvent.Kind.REMINDED)
            sent += 1
    return sent
