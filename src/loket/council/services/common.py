"""What the council services share: required fields, texts, the locked meeting."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import connection
from django.utils.translation import gettext as _

from loket.council.models import (
    AgendaItem,
    Meeting,
)
from loket.documents.languages import language_detect, search_config_for
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


_INDEX = """
UPDATE council_agendaitem
SET search_config = %s,
    search_vector = setweight(to_tsvector(%s::regconfig, title), 'A')
                 || setweight(to_tsvector(%s::regconfig, decision_title), 'A')
                 || setweight(to_tsvector(%s::regconfig, description), 'B')
                 || setweight(to_tsvector(%s::regconfig, decision_text), 'B')
WHERE id = %s
"""


def _item_index(item: AgendaItem) -> None:
    """Write the item's search vector in the configuration of the language it is written
    in (a bilingual municipality writes some decisions in Dutch, others in French)."""
    text = " ".join(
        (item.title, item.decision_title, item.description, item.decision_text, item.draft_decision)
    )
    config = search_config_for(language_detect(text))
    with connection.cursor() as cursor:
        cursor.execute(_INDEX, [config, config, config, config, config, item.pk])


def _url(field: str, value: str) -> str:
    value = value.strip()
    if value:
        try:
            URLValidator(schemes=["https", "http"])(value)
        except ValidationError:
            raise ValidationError({field: _("Enter a web address (https://…).")}) from None
    return value[:200]
