"""`loket retention_run [--dry-run]`: anonymise what is past its retention period now (what
the nightly job does), or only print what it would anonymise."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from loket.audit.retention import retention_kinds, retention_run


class Command(BaseCommand):
    help = "Anonymise the objects past their retention period (--dry-run: only print them)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what would be anonymised; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = bool(options["dry_run"])
        plan = retention_run(dry_run=dry_run)
        labels = {kind.code: kind.label for kind in retention_kinds()}
        verb = "would anonymise" if dry_run else "anonymised"
        for (slug, code), count in sorted(plan.counts.items()):
            cutoff = plan.cutoffs[(slug, code)]
            self.stdout.write(
                f"{slug}: {verb} {count} {code} ({labels[code]}), older than {cutoff:%Y-%m-%d}"
            )
        self.stdout.write(f"{'Dry run: ' if dry_run else ''}{plan.total} objects {verb}.")
