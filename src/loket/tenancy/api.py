"""API endpoints of tenancy: municipalities (public) and departments."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.errors import ErrorResponse
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import public, requires
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import (
    departments_public,
    departments_visible_to,
    municipalities_public,
)

router = Router(tags=["tenancy"])


class Centroid(Schema):
    latitude: float
    longitude: float


class MunicipalitySummary(Schema):
    nis_code: str = Field(description="Five-digit NIS code (Statbel).")
    slug: str
    name_nl: str
    name_fr: str
    name_en: str
    region_slug: str
    official_languages: list[str] = Field(description="Language codes, e.g. ['nl'].")
    centroid: Centroid

    @staticmethod
    def resolve_region_slug(municipality: Municipality) -> str:
        return municipality.region.slug

    @staticmethod
    def resolve_official_languages(municipality: Municipality) -> list[str]:
        return municipality.languages

    @staticmethod
    def resolve_centroid(municipality: Municipality) -> dict[str, float]:
        return {
            "latitude": municipality.centroid_latitude,
            "longitude": municipality.centroid_longitude,
        }


class MunicipalityDetail(MunicipalitySummary):
    population: int | None
    bbox: list[float] = Field(
        description="[min longitude, min latitude, max longitude, max latitude] (WGS84)."
    )
    boundary: dict[str, Any] = Field(
        description="GeoJSON Polygon or MultiPolygon geometry in WGS84 (longitude, latitude)."
    )

    @staticmethod
    def resolve_bbox(municipality: Municipality) -> list[float]:
        return list(municipality.bbox)


class DepartmentSummary(Schema):
    id: int
    code: str
    name_nl: str
    name_fr: str
    name_en: str
    email: str
    municipality_nis_code: str | None = Field(description="Empty for a regional body.")
    region_slug: str

    @staticmethod
    def resolve_municipality_nis_code(department: Department) -> str | None:
        return department.municipality.nis_code if department.municipality else None

    @staticmethod
    def resolve_region_slug(department: Department) -> str:
        return department.region.slug


@router.get("/municipalities", response=list[MunicipalitySummary], auth=None)
@public
@paginate(PageNumberPagination)
def municipalities_list(request: HttpRequest, region: str | None = None) -> QuerySet[Municipality]:
    """The municipalities of the installation, optionally of one region (by slug)."""
    municipalities = municipalities_public()
    if region:
        municipalities = municipalities.filter(region__slug=region)
    return municipalities.order_by("name_nl", "nis_code")


@router.get(
    "/municipalities/{nis_code}",
    response={200: MunicipalityDetail, 404: ErrorResponse},
    auth=None,
)
@public
def municipality_detail(request: HttpRequest, nis_code: str) -> Municipality:
    """One municipality with its boundary."""
    return get_object_or_404(
        municipalities_public().select_related("boundary_shape"), nis_code=nis_code
    )


@router.get(
    "/municipalities/{nis_code}/departments",
    response={200: list[DepartmentSummary], 404: ErrorResponse},
    auth=None,
)
@public
@paginate(PageNumberPagination)
def municipality_departments(request: HttpRequest, nis_code: str) -> QuerySet[Department]:
    """The departments of one municipality (public contact information)."""
    municipality = get_object_or_404(municipalities_public(), nis_code=nis_code)
    return (
        departments_public(municipality=municipality)
        .select_related("municipality", "region")
        .order_by("name_nl", "id")
    )


@router.get("/departments", response=list[DepartmentSummary])
@requires(Permission.TENANCY_VIEW)
@paginate(PageNumberPagination)
def departments_list(request: HttpRequest) -> QuerySet[Department]:
    """The departments of the municipalities (and regional bodies) the caller works for."""
    return departments_visible_to(actor=actor_of(request)).order_by(
        "municipality__name_nl", "name_nl", "id"
    )
