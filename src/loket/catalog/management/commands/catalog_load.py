"""`loket catalog_load`: load or update the regional catalogue and the shipped forms."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from loket.catalog.loading import catalog_load


class Command(BaseCommand):
    help = "Load the product catalogue and its forms. Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = catalog_load()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Catalogue loaded: %(created)d new, %(updated)d updated, %(unchanged)d "
                    "unchanged products; %(forms)d new form versions."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "forms": result.forms_added,
                }
            )
        )
