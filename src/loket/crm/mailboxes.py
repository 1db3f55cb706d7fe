"""Setting the IMAP mailbox behind a municipality's contact address: by its administrator
in the back office (tenancy.manage in that municipality) or by the operator with
`loket mail_mailbox_set`. The password is write-only: it is never shown again, and an
empty password keeps the one stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from loket.crm.models import Mailbox
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipality_get_managed

PASSWORD_MISSING = _("Give the password of the mailbox.")
PORT_OUT_OF_RANGE = _("A port is a number from 1 to 65535.")


@dataclass(frozen=True)
class MailboxInput:
    address: str
    host: str
    port: int
    security: str
    username: str
    password: str  # empty: keep the stored one
    folder: str = "INBOX"
    processed_folder: str = "Loket/Processed"
    is_active: bool = True


def mailbox_municipality_get(*, actor: Actor, municipality_id: int) -> Municipality:
    """A municipality whose mailbox the actor sets (tenancy.manage there), else 404."""
    found = municipality_get_managed(actor=actor, municipality_id=municipality_id)
    if found is None:
        raise Http404
    return found


def mailbox_of(*, municipality: Municipality) -> Mailbox | None:
    return Mailbox.objects.filter(municipality=municipality).first()


@transaction.atomic
def mailbox_save(*, actor: Actor, municipality: Municipality, data: MailboxInput) -> Mailbox:
    if not actor.has(Permission.TENANCY_MANAGE, municipality.pk):
        raise PermissionDenied
    mailbox = Mailbox.objects.select_for_update().filter(
        municipality=municipality
    ).first() or Mailbox(municipality=municipality)
    errors: dict[str, list[object]] = {}
    if not data.password and not mailbox.password:
        errors["password"] = [PASSWORD_MISSING]
    if not 1 <= data.port <= 65535:
        errors["port"] = [PORT_OUT_OF_RANGE]
    mailbox.address = data.address.strip()
    mailbox.host = data.host.strip()
    mailbox.port = data.port
    mailbox.security = data.security
    mailbox.username = data.username.strip()
    if data.password:
        mailbox.password = data.password
    mailbox.folder = data.folder.strip() or "INBOX"
    mailbox.processed_folder = data.processed_folder.strip() or "Loket/Processed"
    mailbox.is_active = data.is_active
    try:
        mailbox.full_clean(exclude=["municipality", "password"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    mailbox.save()
    return mailbox
