"""The interface every document storage implements, and the registry.

Stored objects are written once and never replaced: `save` refuses a key that exists.
Every document row records the storage it was written to, so changing the setting later
keeps older files readable.
"""

from __future__ import annotations

import abc
import re
from typing import IO, ClassVar

from django.conf import settings

from loket.core.plugins import PluginNotFound, Registry


class StorageError(Exception):
    """The storage could not do what was asked (key exists, missing object, I/O failure)."""


_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")


def storage_key_check(key: str) -> str:
    """A key is a relative path of safe segments (no '..', no leading slash)."""
    if not _KEY.fullmatch(key) or ".." in key.split("/"):
        raise StorageError(f"invalid storage key {key!r}")
    return key


class DocumentStorage(abc.ABC):
    """Where document bytes live. Instances are cheap; make one per use."""

    code: ClassVar[str]

    @abc.abstractmethod
    def save(self, *, key: str, content: bytes) -> None:
        """Store `content` under `key`. Raises StorageError when the key already exists."""

    @abc.abstractmethod
    def open(self, *, key: str) -> IO[bytes]:
        """A binary file object for reading the object. Raises StorageError when missing."""

    @abc.abstractmethod
    def exists(self, *, key: str) -> bool:
        """Whether an object is stored under `key`."""

    @abc.abstractmethod
    def delete(self, *, key: str) -> None:
        """Remove an object; only used to undo a write whose database transaction failed."""

    def read(self, *, key: str) -> bytes:
        with self.open(key=key) as stream:
            return stream.read()


STORAGES: Registry[DocumentStorage] = Registry(
    "document storage",
    modules=("loket.documents.storage.local", "loket.documents.storage.s3"),
)


def storage_register(storage: type[DocumentStorage]) -> type[DocumentStorage]:
    """Class decorator: make a storage available under its code (a taken code is refused)."""
    return STORAGES.register(storage)


def storage_codes() -> list[str]:
    return STORAGES.codes()


def storage_get(code: str | None = None) -> DocumentStorage:
    """The storage with this code (default: the LOKET_DOCUMENT_STORAGE setting)."""
    try:
        return STORAGES.create(code or settings.LOKET_DOCUMENT_STORAGE)
    except PluginNotFound as error:
        raise StorageError(str(error)) from None
