# Joins the contact-centre role, added beside the secretary role and the staff access trail.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0007_contact_centre_role"),
        ("tenancy", "0009_staff_access_event_secretary_role"),
    ]

    operations = []
