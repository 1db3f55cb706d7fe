# Joins two migrations added side by side.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0006_contact_centre"),
        ("crm", "0006_sensitive_signals"),
    ]

    operations = []
