"""The table of demo accounts and residents printed by `demo_load` and `demo_accounts`."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.management.base import OutputWrapper
from django.urls import reverse
from django.utils.translation import gettext as _

from loket.demo.selectors import (
    demo_accounts,
    demo_password,
    demo_residents_featured,
    demo_totp_secret,
)
from loket.people.validators import national_number_parse


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True))

    return [line(headers), "  ".join("-" * width for width in widths)] + [line(row) for row in rows]


def accounts_write(stdout: OutputWrapper) -> bool:
    """Print the demo accounts; False (and a hint) when the demo is not loaded."""
    accounts = demo_accounts()
    if not accounts:
        stdout.write(_("No demo accounts found. Load the demo first: loket demo_load"))
        return False
    stdout.write("")
    stdout.write(
        _("Demo staff accounts (sign in at %(url)s):") % {"url": reverse("web:staff-login")}
    )
    rows = [
        (account.username, account.full_name, account.role, account.scope, account.department)
        for account in accounts
    ]
    headers = (_("Username"), _("Name"), _("Role"), _("Scope"), _("Department"))
    for text in _table(headers, rows):
        stdout.write(text.rstrip())
    stdout.write("")
    stdout.write(
        _("Password for every demo account: %(password)s (demo only)")
        % {"password": demo_password()}
    )
    stdout.write(
        _(
            "Two-step verification for every demo account: authenticator key %(secret)s "
            "(time-based, six digits); in demo mode the verification page also shows the "
            "current code."
        )
        % {"secret": demo_totp_secret()}
    )
    residents = demo_residents_featured()
    if residents:
        stdout.write("")
        stdout.write(_("Well-known demo residents (sign in with the demo e-ID):"))
        resident_rows = [
            (
                resident.full_name,
                national_number_parse(resident.national_number).formatted,
                resident.address,
                resident.language,
            )
            for resident in residents
        ]
        resident_headers = (_("Name"), _("National number"), _("Address"), _("Language"))
        for text in _table(resident_headers, resident_rows):
            stdout.write(text.rstrip())
    return True
