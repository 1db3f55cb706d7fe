"""`loket assistant_load`: add the product phrasings shipped with Loket (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from loket.assistant.documents import shipped_phrasings
from loket.assistant.teaching import shipped_phrasings_load


class Command(BaseCommand):
    help = "Add the product phrasings shipped with Loket to the assistant's knowledge."

    def handle(self, *args: Any, **options: Any) -> None:
        added = shipped_phrasings_load(phrasings=shipped_phrasings())
        self.stdout.write(f"{added} phrasings added.")
