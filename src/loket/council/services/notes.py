"""A councillor's private notes on the agenda items of their bodies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.council.models import ItemNote
from loket.council.portal import councillor_item_get
from loket.council.services.common import _text
from loket.tenancy.access import Actor

NOTE_MAX_LENGTH = 10_000


@transaction.atomic
def item_note_save(*, actor: Actor, item_id: int, text: str) -> ItemNote | None:
    """Write the actor's own note on an item of one of their bodies (an empty text removes
    it). The item answers 404 to anyone who is not a member of its body today."""
    item = councillor_item_get(actor=actor, item_id=item_id)
    assert actor.user is not None  # the selector answers 404 to anyone without an account
    cleaned = _text(text)
    if len(cleaned) > NOTE_MAX_LENGTH:
        raise ValidationError({"text": _("A note holds at most 10,000 characters.")})
    if not cleaned:
        ItemNote.objects.filter(item=item, author=actor.user).delete()
        return None
    note, _created = ItemNote.objects.update_or_create(
        item=item,
        author=actor.user,
        defaults={"text": cleaned, "municipality_id": item.municipality_id},
    )
    return note
