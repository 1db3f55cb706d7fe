# Joins the social-worker role, added beside the contact-centre and secretary roles.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0007_social_worker_role"),
        ("tenancy", "0011_roles_contact_centre_and_secretary"),
    ]

    operations = []
