"""`loket municipality_add`: add a Belgian municipality to a region by its NIS code, with
its names and boundary taken from the bundled reference data."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from loket.tenancy.management.commands._lookups import region_by_slug
from loket.tenancy.models import Municipality
from loket.tenancy.services import municipality_create_from_nis


class Command(BaseCommand):
    help = "Add a municipality to a region by its NIS code (names and boundary are bundled)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--region", required=True, help="Slug of the region.")
        parser.add_argument("--nis", required=True, help="Five-digit NIS code, e.g. 34022.")
        parser.add_argument("--slug", default="", help="Short name in URLs (default: Dutch name).")
        parser.add_argument("--name-en", default="", help="Name in English (default: Dutch).")

    def handle(self, *args: Any, **options: Any) -> None:
        region = region_by_slug(options["region"])
        nis_code = options["nis"].strip()
        slug = options["slug"]
        if slug and slugify(slug) != slug:
            raise CommandError(
                _("The slug may hold only lower-case letters, digits and hyphens: %(slug)s")
                % {"slug": slug}
            )
        if slug and Municipality.objects.filter(slug=slug).exclude(nis_code=nis_code).exists():
            raise CommandError(
                _("Another municipality already has the slug %(slug)s.") % {"slug": slug}
            )
        try:
            municipality = municipality_create_from_nis(
                region=region, nis_code=nis_code, slug=slug or None, name_en=options["name_en"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Municipality %(name)s (%(code)s) saved in region %(region)s as /%(slug)s/.")
                % {
                    "name": municipality.name_nl,
                    "code": municipality.nis_code,
                    "region": region.slug,
                    "slug": municipality.slug,
                }
            )
        )
