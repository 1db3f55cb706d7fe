"""`loket lpdc_sync`: append LPDC snapshots for every product that changed since the last
one (after `catalog_load`, for instance). Running it again adds nothing."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from loket.catalog.lpdc.services import lpdc_snapshots_sync
from loket.catalog.models import LpdcFeed


class Command(BaseCommand):
    help = "Bring every municipality's LPDC feed up to date with its catalogue."

    def handle(self, *args: Any, **options: Any) -> None:
        added = sum(
            lpdc_snapshots_sync(municipality=feed.municipality)
            for feed in LpdcFeed.objects.select_related("municipality")
        )
        self.stdout.write(self.style.SUCCESS(_("%(count)d new LPDC snapshots.") % {"count": added}))
