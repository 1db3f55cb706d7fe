"""Importing statement files from a folder: each file that imports (or was imported
before) moves to `done/`, a file that cannot be imported to `failed/` with a note why."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError

from loket.payments.reconciliation import StatementImportResult, statement_import_trusted

logger = logging.getLogger(__name__)

STATEMENT_SUFFIXES = {".xml", ".cod", ".coda", ".txt"}


@dataclass
class DropFolderResult:
    imported: list[tuple[str, StatementImportResult]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def _move(path: Path, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    target = folder.joinpath(path.name)
    counter = 1
    while target.exists():
        target = folder.joinpath(f"{path.stem}-{counter}{path.suffix}")
        counter += 1
    path.rename(target)


def drop_folder_import(folder: Path) -> DropFolderResult:
    result = DropFolderResult()
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder")
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.suffix.lower() not in STATEMENT_SUFFIXES:
            continue
        try:
            imported = statement_import_trusted(content=path.read_bytes(), file_name=path.name)
        except ValidationError as error:
            reason = " ".join(error.messages)
            logger.warning("statement %s not imported: %s", path.name, reason)
            result.failed.append((path.name, reason))
            _move(path, folder.joinpath("failed"))
            folder.joinpath("failed", f"{path.name}.error.txt").write_text(reason + "\n")
            continue
        result.imported.append((path.name, imported))
        _move(path, folder.joinpath("done"))
    return result
