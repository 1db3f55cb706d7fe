from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from loket.insights.figures import figures_refresh


class Command(BaseCommand):
    help = "Recompute the dashboards' monthly figures (what the hourly job does)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"figures refreshed in {figures_refresh():.1f} s")
