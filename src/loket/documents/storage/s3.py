"""Documents in an S3-compatible object store (AWS S3, MinIO, Ceph, Scaleway, OVH …).

Uses django-storages and boto3, installed with the optional `s3` extra
(`pip install loket[s3]`). Credentials come from the usual AWS variables
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the instance's role; the bucket, endpoint and
region from LOKET_DOCUMENT_S3_*. Writes are conditional (`If-None-Match: *`), so an object
is never replaced, even by two writers at once.
"""

from __future__ import annotations

from typing import IO, Any

from django.conf import settings

from loket.documents.storage.base import (
    DocumentStorage,
    StorageError,
    storage_key_check,
    storage_register,
)


@storage_register
class S3Storage(DocumentStorage):
    code = "s3"

    def __init__(self, **options: Any) -> None:
        try:
            from storages.backends.s3 import (  # type: ignore[import-untyped]
                S3Storage as BackendS3Storage,
            )
        except ImportError as error:  # pragma: no cover - depends on the installation
            raise StorageError(
                "the s3 document storage needs the optional extra: pip install 'loket[s3]'"
            ) from error
        configuration: dict[str, Any] = {
            "bucket_name": settings.LOKET_DOCUMENT_S3_BUCKET,
            "endpoint_url": settings.LOKET_DOCUMENT_S3_ENDPOINT_URL or None,
            "region_name": settings.LOKET_DOCUMENT_S3_REGION or None,
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        }
        configuration.update(options)
        self.backend = BackendS3Storage(**configuration)

    def save(self, *, key: str, content: bytes) -> None:
        from botocore.exceptions import (  # type: ignore[import-untyped]
            BotoCoreError,
            ClientError,
        )

        storage_key_check(key)
        try:
            self.backend.bucket.Object(key).put(
                Body=content, IfNoneMatch="*", ContentType="application/octet-stream"
            )
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "")
            if code in {"PreconditionFailed", "412", "ConditionalRequestConflict"}:
                raise StorageError(f"a document is already stored under {key!r}") from error
            raise StorageError(f"cannot store {key!r}: {error}") from error
        except BotoCoreError as error:
            raise StorageError(f"cannot store {key!r}: {error}") from error

    def open(self, *, key: str) -> IO[bytes]:
        from botocore.exceptions import BotoCoreError, ClientError

        storage_key_check(key)
        try:
            body = self.backend.bucket.Object(key).get()["Body"]
        except (ClientError, BotoCoreError) as error:
            raise StorageError(f"cannot read {key!r}: {error}") from error
        return body  # type: ignore[no-any-return]

    def exists(self, *, key: str) -> bool:
        return bool(self.backend.exists(storage_key_check(key)))

    def delete(self, *, key: str) -> None:
        self.backend.delete(storage_key_check(key))
