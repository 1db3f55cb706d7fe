"""A report's history is append-only: the database refuses to change or delete an event.

No feature deletes a report or a person behind an event (reports are closed, merged or
rejected, never removed); see loket.core.history for what the trigger refuses."""

from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_open_reports_index")]

    operations = [append_only(table="reports_reportevent")]
