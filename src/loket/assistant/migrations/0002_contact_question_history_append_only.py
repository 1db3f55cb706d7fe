"""The history of a handed-over question is append-only: the database refuses to change or
delete an event. Questions are answered, never deleted; see loket.core.history."""

from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("assistant", "0001_initial")]

    operations = [append_only(table="assistant_contactquestionevent")]
