"""Publishing the open data: every dataset of every municipality and of each region is
recomputed and stored (loket.opendata.models.PublishedFile). A file whose bytes did not
change keeps its modification time, so harvesters see real changes only. Run nightly by
`loket.opendata.tasks` and on demand with `loket opendata_publish`."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from loket.opendata.datasets import DATASETS
from loket.opendata.files import WRITERS
from loket.opendata.models import PublishedFile
from loket.tenancy.models import Municipality, Region


@dataclass
class PublicationResult:
    files: int = 0
    changed: int = 0
    seconds: float = 0.0
    per_dataset: dict[str, float] = field(default_factory=dict)


def _store(*, region: Region, municipality: Municipality | None, result: PublicationResult) -> None:
    now = timezone.now()
    for dataset in DATASETS:
        started = time.perf_counter()
        table = dataset.build(region, municipality)
        for file_format in dataset.formats:
            content = WRITERS[file_format](table)
            digest = hashlib.sha256(content).hexdigest()
            existing = PublishedFile.objects.filter(
                region=region,
                municipality=municipality,
                dataset=dataset.slug,
                file_format=file_format,
            ).first()
            result.files += 1
            if existing is not None and existing.sha256 == digest:
                existing.generated_at = now
                existing.save(update_fields=["generated_at"])
                continue
            result.changed += 1
            PublishedFile.objects.update_or_create(
                region=region,
                municipality=municipality,
                dataset=dataset.slug,
                file_format=file_format,
                defaults={
                    "content": content,
                    "sha256": digest,
                    "byte_size": len(content),
                    "rows": len(table.rows),
                    "covers_from": table.covers_from,
                    "covers_until": table.covers_until,
                    "generated_at": now,
                    "modified_at": now,
                },
            )
        result.per_dataset[dataset.slug] = result.per_dataset.get(dataset.slug, 0.0) + (
            time.perf_counter() - started
        )


def open_data_publish(*, region_slug: str | None = None) -> PublicationResult:
    """Recompute every file; one transaction per municipality, so a failure keeps the
    files of the others (and the previous night's files of the failing one)."""
    result = PublicationResult()
    started = time.perf_counter()
    regions = Region.objects.all()
    if region_slug:
        regions = regions.filter(slug=region_slug)
    for region in regions.order_by("pk"):
        for municipality in Municipality.objects.filter(region=region).order_by("nis_code"):
            with transaction.atomic():
                _store(region=region, municipality=municipality, result=result)
        with transaction.atomic():
            _store(region=region, municipality=None, result=result)
    result.seconds = time.perf_counter() - started
    return result
