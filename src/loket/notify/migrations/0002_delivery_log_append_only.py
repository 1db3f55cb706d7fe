"""A notification's delivery log is append-only: the database refuses to change or delete
an entry. Notifications themselves are never deleted; see loket.core.history."""

from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("notify", "0001_initial")]

    operations = [append_only(table="notify_deliveryattempt")]
