"""The appointment history is append-only: the database refuses UPDATE and DELETE."""

from __future__ import annotations

from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("appointments", "0002_appointments")]

    operations = [append_only(table="appointments_appointmentevent")]
