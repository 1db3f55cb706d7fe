"""`loket retention_set`: print every municipality's retention periods, or set one
(`--municipality kortrijk --kind cases_closed --days 4000`); a period below the kind's legal
minimum is refused."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from loket.audit.retention import retention_days, retention_kinds, retention_rule_set
from loket.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Print the retention periods per municipality, or set one."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", help="the municipality's slug")
        parser.add_argument("--kind", help="the kind of object, e.g. cases_closed")
        parser.add_argument("--days", type=int, help="the new period in days")

    def handle(self, *args: Any, **options: Any) -> None:
        slug, kind, days = options["municipality"], options["kind"], options["days"]
        if slug or kind or days is not None:
            if not (slug and kind and days is not None):
                raise CommandError("Give --municipality, --kind and --days together.")
            municipality = Municipality.objects.filter(slug=slug).first()
            if municipality is None:
                raise CommandError(f"No municipality {slug!r}.")
            try:
                retention_rule_set(municipality=municipality, kind_code=kind, days=days)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
        for municipality in Municipality.objects.order_by("slug"):
            for retention_kind in retention_kinds():
                period = retention_days(municipality_id=municipality.pk, kind=retention_kind)
                self.stdout.write(
                    f"{municipality.slug}\t{retention_kind.code}\t{period} days "
                    f"(default {retention_kind.default_days}, "
                    f"minimum {retention_kind.minimum_days})"
                )
