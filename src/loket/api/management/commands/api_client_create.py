"""`loket api_client_create`: create an API client and print its token (only this once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loket.accounts.services import api_client_create
from loket.tenancy.models import Municipality, Region
from loket.tenancy.permissions import Role


class Command(BaseCommand):
    help = (
        "Create an API client for a region (or one municipality of it) and print its "
        "bearer token on standard output. The token is stored only as a hash."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--name", required=True, help="Who calls, e.g. 'Case system'.")
        parser.add_argument("--region", required=True, help="Slug of the region.")
        parser.add_argument(
            "--municipality", help="NIS code of one municipality (default: region-wide)."
        )
        parser.add_argument(
            "--role",
            default=Role.INTEGRATION.value,
            choices=[role.value for role in Role],
            help="Role whose permissions the client gets (default: integration).",
        )

    def handle(
        self,
        *args: Any,
        name: str,
        region: str,
        municipality: str | None,
        role: str,
        **options: Any,
    ) -> None:
        region_object = Region.objects.filter(slug=region).first()
        if region_object is None:
            raise CommandError(f"No region has the slug {region!r}.")
        municipality_object = None
        if municipality:
            municipality_object = Municipality.objects.filter(
                nis_code=municipality, region=region_object
            ).first()
            if municipality_object is None:
                raise CommandError(
                    f"No municipality with NIS code {municipality!r} in region {region!r}."
                )
        client, token = api_client_create(
            name=name, region=region_object, municipality=municipality_object, role=Role(role)
        )
        scope = municipality_object.nis_code if municipality_object else f"region {region}"
        self.stderr.write(
            f"Created API client {client.name!r} (id {client.pk}, {scope}, role {role}). "
            "Store the token below now: it cannot be shown again."
        )
        self.stdout.write(token)
