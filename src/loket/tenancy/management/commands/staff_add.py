"""`loket staff_add`: create a staff account (or reuse it) and give it a role."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.accounts.models import User
from loket.accounts.services import staff_user_create
from loket.tenancy.management.commands._lookups import (
    department_by_code,
    municipality_by_nis_code,
    region_by_slug,
)
from loket.tenancy.models import Membership, StaffAccessEventKind
from loket.tenancy.permissions import Role
from loket.tenancy.services import membership_grant, staff_access_event_append

STAFF_ROLES = [role for role in Role.values if role != Role.INTEGRATION]


class Command(BaseCommand):
    help = (
        "Create a staff account and give it a role in a municipality (--municipality NIS) "
        "or in a whole region (--region SLUG). Without --password, asks for it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument(
            "--password",
            default="",
            help="Password (asked for when left out; arguments may show in the process list).",
        )
        parser.add_argument("--role", required=True, choices=STAFF_ROLES)
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--municipality", help="NIS code of the municipality.")
        scope.add_argument("--region", help="Slug of the region (a region-wide role).")
        parser.add_argument("--department", default="", help="Code of the department.")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")
        parser.add_argument("--language", default="nl", choices=["nl", "fr", "en"])

    def _password(self, given: str) -> str:
        if given:
            return given
        if not sys.stdin.isatty():
            raise CommandError(_("Give a password with --password."))
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password (again): ")):
            raise CommandError(_("The passwords do not match."))
        return first

    def handle(self, *args: Any, **options: Any) -> None:
        if options["municipality"]:
            municipality = municipality_by_nis_code(options["municipality"])
            region = municipality.region
        else:
            municipality = None
            region = region_by_slug(options["region"])
        department = None
        if options["department"]:
            department = department_by_code(
                options["department"], region=region, municipality=municipality
            )
        password = self._password(options["password"])
        candidate = User(
            username=options["username"],
            first_name=options["first_name"],
            last_name=options["last_name"],
            email=options["email"],
        )
        try:
            validate_password(password, user=candidate)
            with transaction.atomic():
                user = staff_user_create(
                    username=options["username"],
                    password=password,
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    email=options["email"],
                    preferred_language=options["language"],
                )
                already = Membership.objects.filter(
                    user=user,
                    role=options["role"],
                    region=region,
                    municipality=municipality,
                    department=department,
                ).exists()
                membership = membership_grant(
                    user=user,
                    role=Role(options["role"]),
                    region=region,
                    municipality=municipality,
                    department=department,
                )
                if municipality is not None and not already:
                    # The municipality's audit trail of roles (docs/identity.md): by the
                    # server, not by a staff member.
                    staff_access_event_append(
                        actor=None,
                        municipality=municipality,
                        subject=user,
                        kind=StaffAccessEventKind.ROLE_GRANTED,
                        role=membership.role,
                        department=department,
                    )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        scope = municipality.name_nl if municipality is not None else region.name_nl
        self.stdout.write(
            self.style.SUCCESS(
                _("%(username)s is now %(role)s in %(scope)s.")
                % {
                    "username": user.username,
                    "role": membership.get_role_display(),
                    "scope": scope + (f" ({department.name_nl})" if department else ""),
                }
            )
        )
