# Joins two migrations added side by side.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_consent_recorded_by"),
        ("people", "0004_ebox_channel"),
    ]

    operations = []
