"""A document is never overwritten: a new version is a new row, and the database refuses
any change to what a stored version holds."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from loket.documents.models import Document, DocumentSearchEntry
from loket.documents.selectors import document_versions, documents_of_owner
from loket.documents.services import document_upload, document_version_add
from loket.documents.storage import StorageError, storage_get
from loket.documents.storage.local import LocalFolderStorage
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.documents.files import odt_bytes, pdf_bytes, stored_files
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


def _first(actor: Actor, municipality: Municipality) -> Document:
    return document_upload(
        actor=actor,
        municipality=municipality,
        owner_type="case",
        owner_id=7,
        title="Grondplan",
        file_name="plan.pdf",
        content=pdf_bytes("Eerste versie van het grondplan"),
        language="nl",
    )


def test_a_new_version_is_a_new_row_and_the_old_one_is_kept(
    clerk_actor: Actor, municipality: Municipality, document_folder: Path
) -> None:
    first = _first(clerk_actor, municipality)
    first_bytes = storage_get("local").read(key=first.storage_key)
    second_data = odt_bytes("Tweede versie van het grondplan")

    second = document_version_add(
        actor=clerk_actor, document=first, file_name="plan-v2.odt", content=second_data
    )

    first_again = Document.objects.get(pk=first.pk)
    assert second.pk != first.pk
    assert (second.version, second.previous_version_id, second.logical_id) == (
        2,
        first.pk,
        first.logical_id,
    )
    assert (second.title, second.language, second.owner_id) == ("Grondplan", "nl", 7)
    assert second.is_current is True
    assert first_again.is_current is False
    assert (first_again.sha256, first_again.storage_key, first_again.size_bytes) == (
        first.sha256,
        first.storage_key,
        first.size_bytes,
    )
    assert storage_get("local").read(key=first.storage_key) == first_bytes
    assert storage_get("local").read(key=second.storage_key) == second_data
    assert second.sha256 == hashlib.sha256(second_data).hexdigest()
    assert len(stored_files(document_folder)) == 2
    assert list(DocumentSearchEntry.objects.values_list("document_id", flat=True)) == [second.pk]
    assert [d.version for d in document_versions(actor=clerk_actor, document=second)] == [2, 1]
    assert [d.pk for d in documents_of_owner(actor=clerk_actor, owner_type="case", owner_id=7)] == [
        second.pk
    ]
    assert [
        d.version
        for d in documents_of_owner(
            actor=clerk_actor, owner_type="case", owner_id=7, all_versions=True
        )
    ] == [1, 2]


def test_a_version_of_an_outdated_version_is_refused(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    first = _first(clerk_actor, municipality)
    document_version_add(
        actor=clerk_actor, document=first, file_name="b.pdf", content=pdf_bytes("b")
    )

    with pytest.raises(ValidationError) as error:
        document_version_add(
            actor=clerk_actor, document=first, file_name="c.pdf", content=pdf_bytes("c")
        )

    assert error.value.code == "document_stale"
    assert Document.objects.count() == 2


def test_staff_of_another_municipality_cannot_add_a_version(
    clerk_actor: Actor, municipality: Municipality, other_municipality: Municipality
) -> None:
    first = _first(clerk_actor, municipality)
    outsider = actor_for_user(staff_member(other_municipality, Role.HANDLER))

    with pytest.raises(PermissionDenied):
        document_version_add(
            actor=outsider, document=first, file_name="b.pdf", content=pdf_bytes("b")
        )

    assert list(Document.objects.values_list("version", "is_current")) == [(1, True)]


def test_a_refused_version_changes_nothing(clerk_actor: Actor, municipality: Municipality) -> None:
    first = _first(clerk_actor, municipality)

    with pytest.raises(ValidationError):
        document_version_add(
            actor=clerk_actor, document=first, file_name="b.pdf", content=b"MZ not a pdf"
        )

    assert list(Document.objects.values_list("version", "is_current")) == [(1, True)]


@pytest.mark.parametrize(
    "change",
    [
        {"sha256": "0" * 64},
        {"storage_key": "elsewhere/file"},
        {"size_bytes": 1},
        {"owner_id": 8},
        {"version": 5},
        {"file_name": "other.pdf"},
    ],
)
def test_the_database_refuses_to_change_a_stored_version(
    clerk_actor: Actor, municipality: Municipality, change: dict[str, object]
) -> None:
    document = _first(clerk_actor, municipality)

    with pytest.raises(IntegrityError, match="never changed"), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(**change)

    assert Document.objects.get(pk=document.pk).sha256 == document.sha256


def test_the_database_keeps_one_current_version_and_unique_version_numbers(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    first = _first(clerk_actor, municipality)
    copy = {
        field.attname: getattr(first, field.attname)
        for field in Document._meta.concrete_fields
        if field.attname not in {"id", "storage_key"}
    }

    with pytest.raises(IntegrityError, match="document_one_current_version"), transaction.atomic():
        Document.objects.create(
            **{**copy, "storage_key": "a/1", "version": 2, "previous_version_id": first.pk}
        )
    with pytest.raises(IntegrityError, match="document_version_unique"), transaction.atomic():
        Document.objects.create(**{**copy, "storage_key": "a/2", "is_current": False})
    with pytest.raises(IntegrityError, match="document_version_chain"), transaction.atomic():
        Document.objects.create(**{**copy, "storage_key": "a/3", "is_current": False, "version": 2})


def test_an_older_version_cannot_become_current_again(
    clerk_actor: Actor, municipality: Municipality
) -> None:
    first = _first(clerk_actor, municipality)
    second = document_version_add(
        actor=clerk_actor, document=first, file_name="b.pdf", content=pdf_bytes("b")
    )
    Document.objects.filter(pk=second.pk).update(is_current=False)

    with pytest.raises(IntegrityError, match="cannot become current"), transaction.atomic():
        Document.objects.filter(pk=first.pk).update(is_current=True)


def test_the_local_storage_never_replaces_a_file(tmp_path: Path) -> None:
    storage = LocalFolderStorage(root=tmp_path)
    storage.save(key="34022/2026/01/abc", content=b"first")

    with pytest.raises(StorageError, match="already stored"):
        storage.save(key="34022/2026/01/abc", content=b"second")

    assert storage.read(key="34022/2026/01/abc") == b"first"
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["abc"]


@pytest.mark.parametrize("key", ["../escape", "/absolute", "a/../../b", "a//b", ""])
def test_the_local_storage_refuses_keys_outside_its_folder(tmp_path: Path, key: str) -> None:
    storage = LocalFolderStorage(root=tmp_path / "store")

    with pytest.raises(StorageError, match="invalid storage key"):
        storage.save(key=key, content=b"x")

    assert not (tmp_path / "escape").exists()
