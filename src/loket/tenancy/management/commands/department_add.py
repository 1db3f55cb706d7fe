"""`loket department_add`: add a department to a municipality, or a regional body."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email, validate_slug
from django.utils.translation import gettext as _

from loket.tenancy.management.commands._lookups import municipality_by_nis_code, region_by_slug
from loket.tenancy.services import department_create


class Command(BaseCommand):
    help = (
        "Add a department to a municipality (--municipality NIS) or a body that works for "
        "the whole region (--region SLUG)."
    )

    def add_arguments(self, parser: Any) -> None:
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--municipality", help="NIS code of the municipality.")
        scope.add_argument("--region", help="Slug of the region (for a regional body).")
        parser.add_argument("--code", required=True, help="Short code, e.g. population.")
        parser.add_argument("--name-nl", required=True, help="Name in Dutch.")
        parser.add_argument("--name-fr", required=True, help="Name in French.")
        parser.add_argument("--name-en", default="", help="Name in English.")
        parser.add_argument("--email", default="", help="Email address of the team.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["municipality"]:
            municipality = municipality_by_nis_code(options["municipality"])
            region = municipality.region
        else:
            municipality = None
            region = region_by_slug(options["region"])
        try:
            validate_slug(options["code"])
            if options["email"]:
                validate_email(options["email"])
            department = department_create(
                region=region,
                municipality=municipality,
                code=options["code"],
                name_nl=options["name_nl"],
                name_fr=options["name_fr"],
                name_en=options["name_en"],
                email=options["email"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        scope = municipality.name_nl if municipality is not None else region.name_nl
        self.stdout.write(
            self.style.SUCCESS(
                _("Department %(code)s (%(name)s) saved for %(scope)s.")
                % {"code": department.code, "name": department.name_nl, "scope": scope}
            )
        )
