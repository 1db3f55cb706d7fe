"""Document storages: a small interface, a registry and the plugins (local folder, S3)."""

from loket.documents.storage.base import (
    STORAGES,
    DocumentStorage,
    StorageError,
    storage_codes,
    storage_get,
    storage_register,
)

__all__ = [
    "STORAGES",
    "DocumentStorage",
    "StorageError",
    "storage_codes",
    "storage_get",
    "storage_register",
]
