"""Fixtures of the cases tests: documents in a temporary folder, catalogue products, and a
helper that submits a request."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from PIL import Image

from loket.catalog.models import Product
from loket.decisions.pki import demo_certificate_ensure
from loket.tenancy.models import Municipality
from tests.catalog.helpers import catalog_product


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The tests read the source (English) texts."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def document_folder(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = folder
    settings.LOKET_SIGNING_DIR = tmp_path / "signing"
    settings.LOKET_SIGNING_TRUST_ROOTS = []
    return folder


@pytest.fixture
def signing(municipality: Municipality) -> Municipality:
    """The test municipality with a demo signing certificate (decisions are signed)."""
    demo_certificate_ensure(municipality)
    return municipality


def png_bytes(colour: str = "red") -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(stream, format="PNG")
    return stream.getvalue()


@pytest.fixture
def parking_card(db: None) -> Product:
    return catalog_product("resident-parking-card")


@pytest.fixture
def residence_certificate(db: None) -> Product:
    return catalog_product("residence-certificate")


@pytest.fixture
def address_change(db: None) -> Product:
    return catalog_product("address-change")
