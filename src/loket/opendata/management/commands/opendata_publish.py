from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from loket.opendata.services import open_data_publish


class Command(BaseCommand):
    help = "Recompute and publish every open-data file (what the nightly job does)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--region", help="only this region (its slug)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = open_data_publish(region_slug=options.get("region"))
        self.stdout.write(
            f"{result.files} files, {result.changed} changed, in {result.seconds:.1f} s"
        )
        for slug, seconds in result.per_dataset.items():
            self.stdout.write(f"  {slug}: {seconds:.1f} s")
