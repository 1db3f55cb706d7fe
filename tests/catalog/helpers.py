"""Catalogue rows for tests: one product (and its shipped form) at a time, cheaply."""

from __future__ import annotations

import csv

from loket.catalog.loading import (
    DEFAULT_FORM,
    PRODUCTS_CSV,
    product_row_parse,
    shipped_form_definitions,
)
from loket.catalog.models import FormDefinition, Product
from loket.catalog.search import product_search_text


def catalog_product(code: str, **overrides: object) -> Product:
    """The product `code` of the shipped catalogue with its shipped form (version 1)."""
    existing = Product.objects.filter(code=code).first()
    if existing is not None:
        return existing
    with PRODUCTS_CSV.open(encoding="utf-8", newline="") as handle:
        row = next(row for row in csv.DictReader(handle) if row["code"] == code)
    parsed = product_row_parse(row, 0)
    product = Product(code=code, **{**parsed.values, **overrides})
    product.search_text = product_search_text(product)
    product.save()
    forms = shipped_form_definitions()
    FormDefinition.objects.create(
        product=product,
        version=1,
        definition=forms.get(code, forms[DEFAULT_FORM]),
        is_shipped=True,
    )
    return product
