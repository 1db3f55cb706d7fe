"""The matrix world is built once per module, inside a transaction rolled back at the end;
every cell runs in a savepoint inside it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.security.world import World, world_build

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def world(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[World]:
    folder = tmp_path_factory.mktemp("matrix")
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=FAST_HASHERS,
            LOKET_DOCUMENT_STORAGE="local",
            LOKET_DOCUMENT_STORAGE_DIR=folder / "documents",
            LOKET_SIGNING_DIR=folder / "signing",
            MEDIA_ROOT=folder / "media",
        ),
        translation.override("en"),
        transaction.atomic(),
    ):
        yield world_build(folder)
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()
