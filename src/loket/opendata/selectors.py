"""Public reads of the open data: anyone may read every published file; nothing else of
Loket is reachable from here."""

from __future__ import annotations

from django.http import Http404

from loket.opendata.models import FileFormat, PublishedFile
from loket.tenancy.models import Municipality, Region


def region_public_get(*, slug: str) -> Region:
    region = Region.objects.filter(slug=slug).first()
    if region is None:
        raise Http404
    return region


def municipality_public_get(*, slug: str) -> Municipality:
    municipality = Municipality.objects.select_related("region").filter(slug=slug).first()
    if municipality is None:
        raise Http404
    return municipality


def published_file_get(
    *, region: Region, municipality: Municipality | None, dataset: str, file_format: str
) -> PublishedFile:
    if file_format not in FileFormat.values:
        raise Http404
    found = PublishedFile.objects.filter(
        region=region, municipality=municipality, dataset=dataset, file_format=file_format
    ).first()
    if found is None:
        raise Http404
    return found
