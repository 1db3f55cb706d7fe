"""Documents are stored in a temporary folder per test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def document_folder(settings: Any, tmp_path: Path) -> Path:
    folder = tmp_path / "documents"
    settings.LOKET_DOCUMENT_STORAGE = "local"
    settings.LOKET_DOCUMENT_STORAGE_DIR = folder
    return folder
