"""`loket ipdc_concepts_import --nis 34022 (FILE … | --url URL)`: read pages of the IPDC
concept LDES and propose new products and updated texts to the municipality's editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import requests
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from loket.catalog.lpdc.concepts import concepts_import, pages_from_files, pages_from_url
from loket.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Import IPDC concept snapshots (LDES pages) as proposals for a municipality."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--nis", required=True, help="NIS code of the municipality")
        parser.add_argument("files", nargs="*", type=Path, help="LDES pages (JSON)")
        parser.add_argument("--url", help="first page of the IPDC concept LDES")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(nis_code=options["nis"]).first()
        if municipality is None:
            raise CommandError(
                _("No municipality with NIS code %(nis)s.") % {"nis": options["nis"]}
            )
        if bool(options["files"]) == bool(options["url"]):
            raise CommandError(_("Give LDES page files or --url, not both."))
        try:
            pages = (
                pages_from_url(options["url"])
                if options["url"]
                else pages_from_files(options["files"])
            )
        except (OSError, ValueError, requests.RequestException) as error:
            raise CommandError(str(error)) from error
        created = concepts_import(municipality=municipality, pages=pages)
        self.stdout.write(
            self.style.SUCCESS(_("%(count)d new proposals from IPDC.") % {"count": len(created)})
        )
