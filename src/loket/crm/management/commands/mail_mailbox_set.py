"""`loket mail_mailbox_set --municipality <slug> --address … --host … --user …`: set (or
change) the IMAP mailbox behind a municipality's contact address. The password is read
from the environment variable named by `--password-env` (default
LOKET_MAILBOX_PASSWORD), never from the command line, where other users could see it.
`--inactive` stops reading the mailbox; `--show` prints the settings without the
password.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from loket.crm.models import Mailbox
from loket.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Set the IMAP mailbox of a municipality's contact address."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="the municipality's slug")
        parser.add_argument("--address", help="the contact address, e.g. info@kortrijk.be")
        parser.add_argument("--host", help="the IMAP server")
        parser.add_argument("--port", type=int, help="default 993 (tls) or 143")
        parser.add_argument("--security", choices=Mailbox.Security.values)
        parser.add_argument("--user", help="the IMAP user name")
        parser.add_argument("--password-env", default="LOKET_MAILBOX_PASSWORD")
        parser.add_argument("--folder", help="the folder to read (default INBOX)")
        parser.add_argument("--processed-folder", help="default Loket/Processed")
        parser.add_argument("--inactive", action="store_true")
        parser.add_argument("--show", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"No municipality with slug {options['municipality']!r}.")
        mailbox = Mailbox.objects.filter(municipality=municipality).first()
        if options["show"]:
            if mailbox is None:
                raise CommandError("This municipality has no mailbox.")
            self.stdout.write(
                f"{mailbox.address}: {mailbox.security}://{mailbox.username}@{mailbox.host}:"
                f"{mailbox.port}/{mailbox.folder} -> {mailbox.processed_folder}"
                f" active={mailbox.is_active} last_polled={mailbox.last_polled_at}"
                f" last_error={mailbox.last_error or '-'}"
            )
            return
        mailbox = mailbox or Mailbox(municipality=municipality)
        for option, field in (
            ("address", "address"),
            ("host", "host"),
            ("security", "security"),
            ("user", "username"),
            ("folder", "folder"),
            ("processed_folder", "processed_folder"),
        ):
            if options[option] is not None:
                setattr(mailbox, field, options[option])
        if options["port"] is not None:
            mailbox.port = options["port"]
        elif mailbox.pk is None:
            mailbox.port = 993 if mailbox.security == Mailbox.Security.TLS else 143
        password = os.environ.get(options["password_env"])
        if password is not None:
            mailbox.password = password
        mailbox.is_active = not options["inactive"]
        try:
            mailbox.full_clean(exclude=["municipality"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        mailbox.save()
        self.stdout.write(f"The mailbox of {municipality.slug} is set.")
