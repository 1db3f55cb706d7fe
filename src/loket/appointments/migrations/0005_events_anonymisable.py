"""Appointment events let the retention job's anonymisation through (loket.core.history)."""

from django.db import migrations

from loket.core.history import append_only_anonymisable


class Migration(migrations.Migration):
    dependencies = [("appointments", "0004_desk_feed_expiry")]
    operations = [append_only_anonymisable(function="appointments_appointmentevent_append_only")]
