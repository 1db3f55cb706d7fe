"""Setting up an office's queues (product groups), by the municipality's administrator."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.catalog.models import Product
from loket.queue.models import Queue
from loket.queue.selectors import office_get_visible
from loket.tenancy.access import Actor
from loket.tenancy.permissions import Permission


@transaction.atomic
def queue_save(
    *,
    actor: Actor,
    office_id: int,
    letter: str,
    name_nl: str,
    name_fr: str,
    name_en: str = "",
    product_codes: Sequence[str] = (),
    position: int = 0,
    is_active: bool = True,
) -> Queue:
    """Create the office's queue with this letter, or change it (names, products, order,
    open or not). Another municipality's office answers 404."""
    office = office_get_visible(
        actor=actor, office_id=office_id, permission=Permission.QUEUE_MANAGE
    )
    if not actor.has(Permission.QUEUE_MANAGE, office.municipality_id):
        raise PermissionDenied
    letter = letter.strip().upper()
    errors: dict[str, list[str]] = {}
    if not (1 <= len(letter) <= 2 and letter.isalpha()):
        errors["letter"] = [_("Use one or two letters.")]
    if not name_nl.strip() or not name_fr.strip():
        errors["name_nl"] = [_("Give the name in Dutch and in French.")]
    products = list(Product.objects.filter(code__in=product_codes))
    if len(products) != len(set(product_codes)):
        errors["products"] = [_("Choose products of the catalogue.")]
    if errors:
        raise ValidationError(errors)
    queue, _created = Queue.objects.update_or_create(
        office=office,
        letter=letter,
        defaults={
            "municipality_id": office.municipality_id,
            "name_nl": name_nl.strip(),
            "name_fr": name_fr.strip(),
            "name_en": name_en.strip(),
            "position": position,
            "is_active": is_active,
        },
    )
    queue.products.set(products)
    return queue
