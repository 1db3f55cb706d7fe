"""`loket mail_receive --municipality <slug>`: one raw e-mail on standard input (what a
mail server's pipe delivery gives, e.g. Postfix `pipe` or an alias `|loket mail_receive …`)
becomes a contact moment of that municipality.

Exit code 0 once the raw mail is stored (whatever it turned out to be: a message, an
automatic reply, a bounce, or unreadable and flagged for a clerk); 75 (EX_TEMPFAIL, the
mail server keeps it and tries again) when it could not be stored; 64 for a bad call.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from loket.crm.mail import mail_process, mail_store
from loket.crm.models import MailSource
from loket.tenancy.models import Municipality

EX_USAGE = 64
EX_TEMPFAIL = 75


class Command(BaseCommand):
    help = "Store one raw e-mail read from standard input for a municipality."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="the municipality's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            self.stderr.write(f"No municipality with slug {options['municipality']!r}.")
            raise SystemExit(EX_USAGE)
        raw = sys.stdin.buffer.read()
        if not raw:
            raise CommandError("Nothing was read from standard input.", returncode=EX_USAGE)
        try:
            mail, created = mail_store(municipality=municipality, raw=raw, source=MailSource.PIPE)
        except Exception as error:
            self.stderr.write(f"The mail could not be stored: {type(error).__name__}: {error}")
            raise SystemExit(EX_TEMPFAIL) from error
        mail = mail_process(mail_id=mail.pk)
        state = "stored" if created else "already stored"
        self.stdout.write(f"{state}: mail {mail.pk}, {mail.status}")
