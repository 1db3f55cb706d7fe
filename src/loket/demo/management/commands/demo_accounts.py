"""`loket demo_accounts`: list the demo staff accounts, their password and demo residents."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from loket.demo.management.commands._tables import accounts_write


class Command(BaseCommand):
    help = "List the demo staff accounts with their roles and the demo password."

    def handle(self, *args: Any, **options: Any) -> None:
        if not accounts_write(self.stdout):
            raise CommandError(_("The demo data is not loaded."))
