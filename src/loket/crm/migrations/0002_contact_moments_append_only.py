"""Contact moments are a record of what happened: the database refuses to change or
delete one (see loket.core.history)."""

from django.db import migrations

from loket.core.history import append_only


class Migration(migrations.Migration):
    dependencies = [("crm", "0001_contact_moments")]
    operations = [append_only(table="crm_contactmoment")]
