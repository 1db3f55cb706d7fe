# Joins the secretary role and the staff access trail, added side by side.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0007_membership_role_secretary"),
        ("tenancy", "0007_staff_access_event"),
    ]

    operations = []
