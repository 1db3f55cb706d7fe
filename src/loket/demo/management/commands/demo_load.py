"""`loket demo_load`: load the demo regions, staff, residents and organisations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from loket.demo.domains import domains_demo_load
from loket.demo.management.commands._tables import accounts_write
from loket.demo.services import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo data (three regions, 33 municipalities, staff accounts, about 2,400 "
        "fictitious residents). Running it again changes nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-accounts",
            action="store_true",
            help="Do not print the table of demo accounts at the end.",
        )

    def handle(self, *args: Any, no_accounts: bool = False, **options: Any) -> None:
        try:
            result = demo_load()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo loaded in %(seconds).1f s: %(regions)d regions, %(municipalities)d "
                    "municipalities, %(departments)d departments, %(staff)d staff accounts, "
                    "%(residents)d residents (%(created)d new), %(organisations)d "
                    "organisations."
                )
                % {
                    "seconds": result.seconds,
                    "regions": result.regions,
                    "municipalities": result.municipalities,
                    "departments": result.departments,
                    "staff": result.staff,
                    "residents": result.residents_created + result.residents_existing,
                    "created": result.residents_created,
                    "organisations": result.organisations,
                }
            )
        )
        for line in domains_demo_load().lines:
            self.stdout.write(f"  {line}")
        if not no_accounts:
            accounts_write(self.stdout)
