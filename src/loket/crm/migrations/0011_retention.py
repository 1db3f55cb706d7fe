"""Retention of the crm's other kinds (crm.retention): a past home visit and a decided or
expired suggestion can lose their resident, a sensitive suggestion remembers whether the
social services still count it, and the history of contact-centre questions lets the
retention job's anonymisation through (loket.core.history)."""

import django.db.models.deletion
from django.db import migrations, models

from loket.core.history import append_only_anonymisable


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0010_contact_moments_anonymisable"),
        ("people", "0006_alter_consent_purpose"),
    ]

    operations = [
        migrations.AddField(
            model_name="suggestion",
            name="social_signals_consented",
            field=models.BooleanField(default=False),
        ),
        migrations.AlterField(
            model_name="homevisit",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.person",
            ),
        ),
        migrations.AlterField(
            model_name="suggestion",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="people.person",
            ),
        ),
        append_only_anonymisable(function="crm_contactquestionevent_append_only"),
    ]
