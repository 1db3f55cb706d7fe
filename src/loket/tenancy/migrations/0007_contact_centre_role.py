# The contact-centre agent role (region-wide: the questions of every municipality).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0006_opening_hours_note_per_language"),
    ]

    operations = [
        migrations.AlterField(
            model_name="membership",
            name="role",
            field=models.CharField(
                choices=[
                    ("clerk", "Counter clerk"),
                    ("handler", "Case handler"),
                    ("department_head", "Head of department"),
                    ("dispatcher", "Regional dispatcher"),
                    ("privacy_officer", "Data protection officer"),
                    ("municipal_admin", "Municipal administrator"),
                    ("regional_admin", "Regional administrator"),
                    ("contact_centre", "Contact-centre agent"),
                    ("integration", "Integration (API client)"),
                ],
                max_length=40,
                verbose_name="role",
            ),
        ),
    ]
