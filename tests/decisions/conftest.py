"""Signing certificates and documents live in temporary folders per test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loket.decisions.pki import demo_certificate_ensure
from loket.tenancy.models import Municipality


@pytest.fixture(autouse=True)
def signing_folder(settings: Any, tmp_path: Path) -> Path:
    settings.LOKET_SIGNING_DIR = tmp_path / "signing"
    settings.LOKET_SIGNING_TRUST_ROOTS = []
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = tmp_path / "documents"
    return tmp_path / "signing"


@pytest.fixture
def signing_municipality(municipality: Municipality) -> Municipality:
    """The test municipality, with a demo signing certificate."""
    demo_certificate_ensure(municipality)
    return municipality
