# A desk's calendar feed address now expires. Addresses made before get the default
# lifetime (180 days) from today.

import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def existing_feeds_expire(apps, schema_editor):
    Desk = apps.get_model("appointments", "Desk")
    Desk.objects.exclude(feed_token_hash="").update(
        feed_token_expires_at=timezone.now() + dt.timedelta(days=180)
    )


class Migration(migrations.Migration):

    dependencies = [
        ("appointments", "0003_history_append_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="desk",
            name="feed_token_expires_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(existing_feeds_expire, migrations.RunPython.noop),
    ]
