"""Writes of the catalogue: a municipality's product settings, regional product texts and
form definitions. Every write is keyword-only, typed, atomic and permission-checked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.catalog.formdefs.schema import form_definition_parse
from loket.catalog.lpdc.services import lpdc_product_changed, lpdc_snapshots_sync
from loket.catalog.models import FormDefinition, MunicipalityProduct, Product
from loket.catalog.search import product_search_text
from loket.catalog.selectors import catalog_is_editable_by, departments_for_products
from loket.catalog.vocabulary import LIFE_EVENT_CODES, THEME_CODES, RequestChannel
from loket.tenancy.access import Actor
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission

MAX_FEE_CENTS = 100_000_00
MAX_PROCESSING_DAYS = 365


def _texts_clean(**texts: str) -> dict[str, str]:
    return {name: value.strip() for name, value in texts.items()}


def _fee_and_days_check(fee_cents: int | None, processing_days: int | None) -> None:
    errors: dict[str, str] = {}
    if fee_cents is not None and (
        not isinstance(fee_cents, int) or isinstance(fee_cents, bool) or fee_cents < 0
    ):
        errors["fee_cents"] = _("A fee is a whole number of cents, 0 or more.")
    elif fee_cents is not None and fee_cents > MAX_FEE_CENTS:
        errors["fee_cents"] = _("A fee is at most € 100,000.")
    if processing_days is not None and not 0 <= processing_days <= MAX_PROCESSING_DAYS:
        errors["processing_days"] = _("Between 0 and %(max)d days.") % {"max": MAX_PROCESSING_DAYS}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def municipality_product_update(
    *,
    actor: Actor,
    municipality: Municipality,
    product: Product,
    is_enabled: bool,
    fee_cents: int | None = None,
    processing_days: int | None = None,
    counts_working_days: bool = False,
    department: Department | None = None,
    instructions_nl: str = "",
    instructions_fr: str = "",
    instructions_en: str = "",
) -> MunicipalityProduct:
    """Set what the municipality changes about a product (None keeps the catalogue's)."""
    if not actor.has(Permission.CATALOG_MANAGE, municipality.pk):
        raise PermissionDenied
    _fee_and_days_check(fee_cents, processing_days)
    if (
        department is not None
        and not departments_for_products(municipality=municipality)
        .filter(pk=department.pk)
        .exists()
    ):
        raise ValidationError(
            {"department": _("Choose a department of this municipality or of its region.")}
        )
    setting, _created = MunicipalityProduct.objects.select_for_update().get_or_create(
        municipality=municipality, product=product
    )
    setting.is_enabled = is_enabled
    setting.fee_cents = fee_cents
    setting.processing_days = processing_days
    setting.counts_working_days = counts_working_days
    setting.department = department
    for name, value in _texts_clean(
        instructions_nl=instructions_nl,
        instructions_fr=instructions_fr,
        instructions_en=instructions_en,
    ).items():
        setattr(setting, name, value)
    setting.updated_by = actor.user
    setting.save()
    lpdc_snapshots_sync(municipality=municipality, products=[product])
    return setting


def _require_regional(actor: Actor) -> None:
    if not catalog_is_editable_by(actor=actor):
        raise PermissionDenied


@transaction.atomic
def product_update(
    *,
    actor: Actor,
    product: Product,
    theme: str,
    name_nl: str,
    name_fr: str,
    name_en: str,
    summary_nl: str,
    summary_fr: str,
    summary_en: str,
    channels: Sequence[str],
    appointment_required: bool,
    fee_cents: int,
    processing_days: int,
    life_events: Sequence[str],
) -> Product:
    """Change a product of the regional catalogue (its texts, channels, defaults)."""
    _require_regional(actor)
    _fee_and_days_check(fee_cents, processing_days)
    texts = _texts_clean(
        name_nl=name_nl,
        name_fr=name_fr,
        name_en=name_en,
        summary_nl=summary_nl,
        summary_fr=summary_fr,
        summary_en=summary_en,
    )
    errors: dict[str, str] = {
        name: _("Give a text in every language.") for name, value in texts.items() if not value
    }
    if theme not in THEME_CODES:
        errors["theme"] = _("Choose a theme.")
    if set(channels) - set(RequestChannel.values):
        errors["channels"] = _("Unknown channel.")
    if set(life_events) - LIFE_EVENT_CODES:
        errors["life_events"] = _("Unknown life event.")
    if errors:
        raise ValidationError(errors)
    product = Product.objects.select_for_update().get(pk=product.pk)
    for name, value in texts.items():
        setattr(product, name, value)
    product.theme = theme
    product.channels = [c for c in RequestChannel.values if c in channels]
    product.appointment_required = appointment_required
    product.fee_cents = fee_cents
    product.processing_days = processing_days
    product.life_events = list(dict.fromkeys(life_events))
    product.search_text = product_search_text(product)
    product.save()
    lpdc_product_changed(product=product)
    return product


@transaction.atomic
def form_definition_publish(*, actor: Actor, product: Product, definition: Any) -> FormDefinition:
    """Make `definition` the product's form: a new version (requests keep theirs)."""
    _require_regional(actor)
    form_definition_parse(definition)
    Product.objects.select_for_update().get(pk=product.pk)
    current = product.form_definitions.order_by("-version").first()
    if current is not None and current.definition == definition:
        raise ValidationError(_("This is the current form already; nothing changed."))
    return FormDefinition.objects.create(
        product=product,
        version=(current.version + 1) if current else 1,
        definition=definition,
        is_shipped=False,
        created_by=actor.user,
    )
