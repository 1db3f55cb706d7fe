"""The public open-data pages: per region and per municipality, the datasets with their
downloads and the DCAT-AP catalogue (JSON-LD and Turtle). Files and catalogues may be
harvested by anyone (CORS open, cached for an hour, ETag from the content's digest)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition, require_GET

from loket.opendata import dcat
from loket.opendata.datasets import DATASETS, Dataset
from loket.opendata.files import MEDIA_TYPES
from loket.opendata.models import PublishedFile
from loket.opendata.selectors import (
    municipality_public_get,
    published_file_get,
    region_public_get,
)
from loket.tenancy.access import public
from loket.tenancy.models import Municipality, Region
from loket.tenancy.selectors import municipalities_in_region, regions_public

LICENCE_NAMES = {"CC0-1.0": "CC0 1.0", "CC-BY-4.0": "CC BY 4.0"}


@dataclass(frozen=True)
class DatasetRow:
    dataset: Dataset
    files: list[tuple[PublishedFile, str]]


def _rows(region: Region, municipality: Municipality | None) -> list[DatasetRow]:
    files = dcat.published_files(region=region, municipality=municipality)
    return [
        DatasetRow(
            dataset,
            [
                (f, dcat.file_path(region, municipality, f.dataset, f.file_format))
                for f in files
                if f.dataset == dataset.slug
            ],
        )
        for dataset in DATASETS
    ]


def _page(request: HttpRequest, region: Region, municipality: Municipality | None) -> HttpResponse:
    return render(
        request,
        "opendata/public/datasets.html",
        {
            "region": region,
            "municipality": municipality,
            "owner": municipality or region,
            "rows": _rows(region, municipality),
            "catalogue_jsonld": dcat.catalogue_path(region, municipality, "jsonld"),
            "catalogue_ttl": dcat.catalogue_path(region, municipality, "ttl"),
            "licence_name": LICENCE_NAMES[settings.LOKET_OPEN_DATA_LICENCE],
            "licence_url": dcat.LICENCES[settings.LOKET_OPEN_DATA_LICENCE],
            "municipalities": (
                municipalities_in_region(region=region) if municipality is None else None
            ),
        },
    )


def _harvestable(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=3600)
    return response


@public
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    regions = [(region, municipalities_in_region(region=region)) for region in regions_public()]
    return render(request, "opendata/public/index.html", {"regions": regions})


@public
@require_GET
def region_page(request: HttpRequest, region: str) -> HttpResponse:
    return _page(request, region_public_get(slug=region), None)


@public
@require_GET
def municipality_page(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_public_get(slug=slug)
    return _page(request, municipality.region, municipality)


def _catalogue(region: Region, municipality: Municipality | None, suffix: str) -> HttpResponse:
    if suffix not in ("jsonld", "ttl"):
        raise Http404
    content, content_type = dcat.serialise(
        dcat.catalogue_graph(region=region, municipality=municipality), suffix
    )
    return _harvestable(HttpResponse(content, content_type=content_type))


@public
@require_GET
def region_catalogue(request: HttpRequest, region: str, suffix: str) -> HttpResponse:
    return _catalogue(region_public_get(slug=region), None, suffix)


@public
@require_GET
def catalogue(request: HttpRequest, slug: str, suffix: str) -> HttpResponse:
    municipality = municipality_public_get(slug=slug)
    return _catalogue(municipality.region, municipality, suffix)


def _download(published: PublishedFile, filename: str) -> HttpResponse:
    charset = "; charset=utf-8" if published.file_format == "csv" else ""
    response = HttpResponse(
        bytes(published.content),
        content_type=MEDIA_TYPES[published.file_format] + charset,
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = f'"{published.sha256}"'
    response["Last-Modified"] = published.modified_at.strftime("%a, %d %b %Y %H:%M:%S GMT")
    return _harvestable(response)


def _file_etag(request: HttpRequest, **kwargs: str) -> str | None:
    del request
    slug = kwargs.get("slug")
    query = PublishedFile.objects.filter(
        dataset=kwargs["dataset"], file_format=kwargs["file_format"]
    )
    if slug is not None:
        query = query.filter(municipality__slug=slug)
    else:
        query = query.filter(region__slug=kwargs["region"], municipality__isnull=True)
    digest = query.values_list("sha256", flat=True).first()
    return f'"{digest}"' if digest else None


@public
@require_GET
@condition(etag_func=_file_etag)
def region_file(request: HttpRequest, region: str, dataset: str, file_format: str) -> HttpResponse:
    found = region_public_get(slug=region)
    published = published_file_get(
        region=found, municipality=None, dataset=dataset, file_format=file_format
    )
    return _download(published, f"{found.slug}-{dataset}.{file_format}")


@public
@require_GET
@condition(etag_func=_file_etag)
def municipality_file(
    request: HttpRequest, slug: str, dataset: str, file_format: str
) -> HttpResponse:
    municipality = municipality_public_get(slug=slug)
    published = published_file_get(
        region=municipality.region,
        municipality=municipality,
        dataset=dataset,
        file_format=file_format,
    )
    return _download(published, f"{municipality.slug}-{dataset}.{file_format}")
