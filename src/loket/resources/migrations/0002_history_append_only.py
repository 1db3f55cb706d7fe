from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_initial")]

    operations = [append_only(table="resources_bookingevent")]
