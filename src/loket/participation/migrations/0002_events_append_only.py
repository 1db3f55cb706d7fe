from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]

    operations = [append_only(table="participation_ideaevent")]
