"""What the council services share: required fields, texts, the locked meeting."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from loket.council.models import (
    Meeting,
)
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission


def _required(**fields: str) -> dict[str, str]:
    cleaned = {name: value.strip() for name, value in fields.items()}
    missing = {name: _("This field is required.") for name, value in cleaned.items() if not value}
    if missing:
        raise ValidationError(missing)
    return cleaned


def _municipality_for(actor: Actor, municipality_id: int, permission: Permission) -> Municipality:
    if not actor.has(permission, municipality_id):
        raise PermissionDenied
    return Municipality.objects.get(pk=municipality_id)


def _text(value: str) -> str:
    """A text as typed, its line breaks as the published pages keep them."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _locked_meeting(meeting_id: int) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting_id)
