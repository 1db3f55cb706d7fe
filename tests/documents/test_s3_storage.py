"""The S3 storage against a real S3-compatible HTTP server running in the test (moto's
server, on 127.0.0.1: no network). Skipped when the optional packages are missing."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from loket.documents.models import Document
from loket.documents.selectors import document_content_open
from loket.documents.services import document_upload
from loket.documents.storage import StorageError, storage_get
from loket.tenancy.access import Actor
from loket.tenancy.models import Municipality
from tests.documents.files import pdf_bytes

moto_server = pytest.importorskip("moto.moto_server.threaded_moto_server")
boto3 = pytest.importorskip("boto3")
pytest.importorskip("storages.backends.s3")


@pytest.fixture
def s3_endpoint(monkeypatch: pytest.MonkeyPatch, settings: Any) -> Iterator[str]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    bucket = f"loket-documents-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1").create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    settings.LOKET_DOCUMENT_STORAGE = "s3"
    settings.LOKET_DOCUMENT_S3_BUCKET = bucket
    settings.LOKET_DOCUMENT_S3_ENDPOINT_URL = endpoint
    settings.LOKET_DOCUMENT_S3_REGION = "eu-west-1"
    yield endpoint
    server.stop()


def test_objects_are_written_once_and_read_back(s3_endpoint: str) -> None:
    storage = storage_get()
    storage.save(key="34022/2026/01/abc", content=b"first")

    with pytest.raises(StorageError, match="already stored"):
        storage.save(key="34022/2026/01/abc", content=b"second")

    assert storage.read(key="34022/2026/01/abc") == b"first"
    assert storage.exists(key="34022/2026/01/abc") is True
    assert storage.exists(key="34022/2026/01/other") is False
    with pytest.raises(StorageError, match="cannot read"):
        storage.read(key="34022/2026/01/other")


@pytest.mark.django_db
def test_an_upload_goes_to_the_bucket(
    s3_endpoint: str, clerk_actor: Actor, municipality: Municipality, settings: Any
) -> None:
    data = pdf_bytes("Opgeslagen in de objectopslag")

    document = document_upload(
        actor=clerk_actor,
        municipality=municipality,
        owner_type="case",
        owner_id=3,
        title="Plan",
        file_name="plan.pdf",
        content=data,
    )

    assert Document.objects.get().storage_backend == "s3"
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="eu-west-1")
    stored = client.get_object(Bucket=settings.LOKET_DOCUMENT_S3_BUCKET, Key=document.storage_key)[
        "Body"
    ].read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    with document_content_open(document=document) as stream:
        assert stream.read() == data
