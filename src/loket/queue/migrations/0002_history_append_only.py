"""A ticket's history is append-only: the database refuses to change or delete a row."""

from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("queue", "0001_initial")]

    operations = [append_only(table="queue_ticketevent")]
