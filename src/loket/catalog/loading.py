"""Loading the regional catalogue and the shipped forms from src/loket/catalog/data/.

`catalog_load` is idempotent: a second run finds every product in place and changes
nothing; a changed CSV updates the products it describes. Shipped forms are added as a new
version only when they differ from the product's current form, so forms edited by staff are
never overwritten by a reload unless the shipped form itself changed.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from loket.catalog.formdefs.schema import form_definition_parse
from loket.catalog.lpdc.data import shipped_concept_links
from loket.catalog.lpdc.services import lpdc_snapshots_sync
from loket.catalog.models import FormDefinition, LpdcFeed, Product
from loket.catalog.search import product_search_text
from loket.catalog.vocabulary import LIFE_EVENT_CODES, THEME_CODES, RequestChannel

DATA_DIR = Path(__file__).resolve().parent / "data"
PRODUCTS_CSV = DATA_DIR / "products.csv"
FORMS_DIR = DATA_DIR / "forms"

_FEE = re.compile(r"^(\d{1,7})(?:\.(\d{1,2}))?$")
_PRODUCT_FIELDS = (
    "theme",
    "name_nl",
    "name_fr",
    "name_en",
    "summary_nl",
    "summary_fr",
    "summary_en",
    "channels",
    "appointment_required",
    "fee_cents",
    "processing_days",
    "life_events",
    "open_to_organisations",
)


def fee_cents_parse(text: str) -> int:
    """'12.50' -> 1250, exactly (never through a float). At most two decimals."""
    match = _FEE.match(text.strip())
    if match is None:
        raise ValidationError(
            _("%(value)r is not an amount in euro such as 12.50.") % {"value": text}
        )
    euros, cents = match.group(1), (match.group(2) or "0").ljust(2, "0")
    return int(euros) * 100 + int(cents)


def _list(text: str) -> list[str]:
    return [item.strip() for item in text.split(";") if item.strip() and item.strip() != "none"]


def _boolean(text: str) -> bool:
    value = text.strip().lower()
    if value not in {"true", "false"}:
        raise ValidationError(_("%(value)r is not true or false.") % {"value": text})
    return value == "true"


@dataclass(frozen=True)
class ProductRow:
    code: str
    values: dict[str, Any]
    related_codes: list[str]


def product_row_parse(row: dict[str, str], line: int) -> ProductRow:
    """One CSV row, checked, as model values. ValidationError names the line."""
    try:
        channels = _list(row["channels"])
        life_events = _list(row["life_events"])
        if row["theme"] not in THEME_CODES:
            raise ValidationError(_("unknown theme %(theme)r") % {"theme": row["theme"]})
        unknown = set(channels) - set(RequestChannel.values) | set(life_events) - LIFE_EVENT_CODES
        if unknown:
            raise ValidationError(_("unknown codes %(codes)s") % {"codes": sorted(unknown)})
        values: dict[str, Any] = {
            "theme": row["theme"],
            "channels": channels,
            "appointment_required": _boolean(row["appointment_required"]),
            "fee_cents": fee_cents_parse(row["fee_eur"]),
            "processing_days": int(row["sla_days"]),
            "life_events": life_events,
            # Optional column (a catalogue without it opens nothing to organisations).
            "open_to_organisations": _boolean(row.get("open_to_organisations") or "false"),
        }
        for language in ("nl", "fr", "en"):
            values[f"name_{language}"] = row[f"name_{language}"].strip()
            values[f"summary_{language}"] = row[f"summary_{language}"].strip()
        return ProductRow(row["code"].strip(), values, _list(row["related_codes"]))
    except (KeyError, ValueError, ValidationError) as error:
        raise ValidationError(
            _("products.csv line %(line)d: %(error)s") % {"line": line, "error": error}
        ) from error


@dataclass(frozen=True)
class CatalogLoadResult:
    created: int
    updated: int
    unchanged: int
    forms_added: int


def _product_upsert(row: ProductRow) -> str:
    product = Product.objects.filter(code=row.code).first()
    if product is None:
        product = Product(code=row.code, **row.values)
        product.search_text = product_search_text(product)
        product.save()
        return "created"
    changed = [name for name in _PRODUCT_FIELDS if getattr(product, name) != row.values[name]]
    if not changed:
        return "unchanged"
    for name in changed:
        setattr(product, name, row.values[name])
    product.search_text = product_search_text(product)
    product.save()
    return "updated"


DEFAULT_FORM = "_default"


def shipped_form_definitions() -> dict[str, dict[str, Any]]:
    """The form definitions shipped in data/forms, by product code (`_default` is the form
    of every product without its own)."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(FORMS_DIR.glob("*.json"))
    }


def _form_add_if_changed(product: Product, definition: dict[str, Any]) -> bool:
    """Add the shipped form as the next version, unless it is already the current one or
    staff wrote the current version (their edit stays)."""
    form_definition_parse(definition)
    current = product.form_definitions.order_by("-version").first()
    if current is not None and (not current.is_shipped or current.definition == definition):
        return False
    FormDefinition.objects.create(
        product=product,
        version=(current.version + 1) if current else 1,
        definition=definition,
        is_shipped=True,
    )
    return True


@transaction.atomic
def catalog_load(*, csv_path: Path = PRODUCTS_CSV) -> CatalogLoadResult:
    """Load (or update) the regional catalogue and the shipped forms."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = [
            product_row_parse(row, line) for line, row in enumerate(csv.DictReader(handle), start=2)
        ]
    codes = {row.code for row in rows}
    outcome = {"created": 0, "updated": 0, "unchanged": 0}
    for row in rows:
        outcome[_product_upsert(row)] += 1
    products = {product.code: product for product in Product.objects.filter(code__in=codes)}
    for row in rows:
        missing = set(row.related_codes) - codes
        if missing:
            raise ValidationError(
                _("%(code)s refers to unknown products: %(missing)s")
                % {"code": row.code, "missing": ", ".join(sorted(missing))}
            )
        wanted = {products[code].pk for code in row.related_codes}
        product = products[row.code]
        if set(product.related_products.values_list("pk", flat=True)) != wanted:
            product.related_products.set(wanted)
    shipped = shipped_form_definitions()
    default = shipped.pop(DEFAULT_FORM)
    forms_added = sum(
        _form_add_if_changed(product, shipped.get(code, default))
        for code, product in sorted(products.items())
    )
    for code, concept in shipped_concept_links().items():
        if code in products and not products[code].ipdc_concept_iri:
            Product.objects.filter(pk=products[code].pk).update(ipdc_concept_iri=concept)
    # Products that changed reach the municipalities' LPDC feeds as new snapshots.
    for feed in LpdcFeed.objects.select_related("municipality"):
        lpdc_snapshots_sync(municipality=feed.municipality)
    return CatalogLoadResult(forms_added=forms_added, **outcome)
