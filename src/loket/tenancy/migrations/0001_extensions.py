from django.contrib.postgres.operations import (
    BtreeGistExtension,
    TrigramExtension,
    UnaccentExtension,
)
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL extensions Loket relies on: trigram search, accent folding, exclusion
    constraints on ranges (no double booking)."""

    initial = True
    dependencies: list[tuple[str, str]] = []
    operations = [TrigramExtension(), UnaccentExtension(), BtreeGistExtension()]
