"""Documents in a folder on the server (default: LOKET_DATA_DIR/documents).

A write goes to a temporary file first and is then linked to its final name, which fails
when that name exists: a stored file is never replaced, and a half-written file is never
visible under its key.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO

from django.conf import settings

from loket.documents.storage.base import (
    DocumentStorage,
    StorageError,
    storage_key_check,
    storage_register,
)


@storage_register
class LocalFolderStorage(DocumentStorage):
    code = "local"

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root or settings.LOKET_DOCUMENT_STORAGE_DIR)

    def _path(self, key: str) -> Path:
        return self.root / storage_key_check(key)

    def save(self, *, key: str, content: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, 0o640)
            os.link(temporary, path)
        except FileExistsError as error:
            raise StorageError(f"a document is already stored under {key!r}") from error
        except OSError as error:
            raise StorageError(f"cannot store {key!r}: {error}") from error
        finally:
            Path(temporary).unlink(missing_ok=True)

    def open(self, *, key: str) -> IO[bytes]:
        try:
            return self._path(key).open("rb")
        except OSError as error:
            raise StorageError(f"cannot read {key!r}: {error}") from error

    def exists(self, *, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, *, key: str) -> None:
        self._path(key).unlink(missing_ok=True)
