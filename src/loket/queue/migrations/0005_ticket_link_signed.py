"""A ticket's page is opened by a signed link (loket.queue.links) instead of a random token
stored as such. Tickets of today and later keep their old link until the end of their day:
only its SHA-256 is kept (`legacy_token_hash`). Tickets of earlier days keep nothing (their
links already answered "no longer valid"). The clear tokens are dropped, and so are the links
kept by alerts not sent yet (their delivery signs a new one).

Going back gives every ticket a new random token (the old links cannot be restored)."""

from typing import Any

from django.db import migrations, models
from django.utils import timezone


def tokens_hash(apps: Any, schema_editor: Any) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE queue_ticket"
            " SET legacy_token_hash = encode(sha256(convert_to(token::text, 'UTF8')), 'hex')"
            " WHERE day >= %s",
            [timezone.localdate()],
        )
        # Alerts not sent yet kept the link in their context: it is built when sent now.
        cursor.execute(
            "UPDATE queue_ticketalert SET context = context - 'ticket_url'"
            " WHERE context ? 'ticket_url'"
        )


def tokens_new(apps: Any, schema_editor: Any) -> None:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("UPDATE queue_ticket SET token = gen_random_uuid()")


class Migration(migrations.Migration):
    dependencies = [
        ("queue", "0004_ticket_appointment_ticket_one_ticket_per_appointment"),
    ]

    operations = [
        migrations.AddField(
            model_name="ticket",
            name="legacy_token_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64),
        ),
        migrations.RunPython(tokens_hash, migrations.RunPython.noop),
        # Reversed, the column comes back without its uniqueness (every row would get the
        # same default), is filled with new random tokens, then made unique again.
        migrations.AlterField(
            model_name="ticket",
            name="token",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(migrations.RunPython.noop, tokens_new),
        migrations.RemoveField(model_name="ticket", name="token"),
        migrations.AddIndex(
            model_name="ticket",
            index=models.Index(
                condition=models.Q(("legacy_token_hash", ""), _negated=True),
                fields=["legacy_token_hash"],
                name="ticket_legacy_token",
            ),
        ),
    ]
