"""`loket payments_import_folder PATH`: import every bank statement file in a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loket.payments.drop_folder import drop_folder_import


class Command(BaseCommand):
    help = (
        "Import the CAMT.053 and CODA files in PATH; imported files move to PATH/done, "
        "files that cannot be imported to PATH/failed. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        try:
            result = drop_folder_import(path)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from None
        for name, imported in result.imported:
            self.stdout.write(
                f"{name}: {imported.matched} matched, {imported.queued} to reconcile, "
                f"{imported.duplicates} already imported"
            )
        for name, reason in result.failed:
            self.stderr.write(f"{name}: not imported: {reason}")
        if result.failed:
            raise CommandError(f"{len(result.failed)} file(s) could not be imported")
