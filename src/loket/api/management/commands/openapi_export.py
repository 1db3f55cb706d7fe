"""`loket openapi_export`: write the API's OpenAPI document to docs/openapi.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loket.api.openapi import OPENAPI_FILE, openapi_document


class Command(BaseCommand):
    help = "Write the OpenAPI document of /api/v1/ to docs/openapi.json (or --output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, default=OPENAPI_FILE)
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail when the file differs from the generated document.",
        )

    def handle(self, *args: Any, output: Path, check: bool, **options: Any) -> None:
        document = openapi_document()
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != document:
                raise CommandError(f"{output} is out of date: run `make openapi`.")
            self.stdout.write(f"{output} is up to date.")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(document, encoding="utf-8")
        self.stdout.write(f"Wrote {output}.")
