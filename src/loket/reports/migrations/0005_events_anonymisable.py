"""Report events let the retention job's anonymisation through (loket.core.history)."""

from django.db import migrations

from loket.core.history import append_only_anonymisable


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_open_reports_due_index")]
    operations = [append_only_anonymisable(function="reports_reportevent_append_only")]
