"""Fixtures of the reports tests: a region with real municipalities (Menen, Kortrijk and
Wevelgem, bundled boundaries), its category tree, departments and mappings."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client, override_settings
from django.utils import translation
from PIL import Image

from loket.reports.demo import _mappings_load, category_tree_load
from loket.reports.models import Category, Open311Client
from loket.reports.services import open311_client_create
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Department, Municipality, Region
from loket.tenancy.permissions import Role
from loket.tenancy.services import department_create, municipality_create_from_nis, region_create
from tests.factories import MembershipFactory, UserFactory

MENEN, KORTRIJK, WEVELGEM = "34027", "34022", "34041"
# Grote Markt, Menen; Grote Markt, Kortrijk; a field in Lille (France), outside the region.
MENEN_POINT = (50.79622, 3.12296)
KORTRIJK_POINT = (50.82803, 3.26487)
LILLE_POINT = (50.63725, 3.06335)


@dataclass
class ReportsRegion:
    region: Region
    menen: Municipality
    kortrijk: Municipality
    wevelgem: Municipality
    categories: dict[str, Category]

    def department(self, municipality: Municipality, code: str) -> Department:
        return Department.objects.get(municipality=municipality, code=code)


def _departments(region: Region, municipality: Municipality) -> None:
    for code, nl, fr, en in (
        ("public-works", "Openbare werken", "Travaux publics", "Public works"),
        ("cleanliness", "Netheid", "Propreté", "Cleanliness"),
    ):
        department_create(
            municipality=municipality, region=region, code=code, name_nl=nl, name_fr=fr, name_en=en
        )


@pytest.fixture
def zwvl(db: None, settings: Any, tmp_path: Any) -> ReportsRegion:
    settings.MEDIA_ROOT = tmp_path / "media"
    region = region_create(
        slug="zwvl",
        name_nl="Zuid-West-Vlaanderen",
        name_fr="Flandre SO",
        name_en="South-West Flanders",
    )
    municipalities = {
        nis: municipality_create_from_nis(region=region, nis_code=nis)
        for nis in (MENEN, KORTRIJK, WEVELGEM)
    }
    for municipality in municipalities.values():
        _departments(region, municipality)
    leaves = category_tree_load(region=region)
    _mappings_load(region, leaves)
    return ReportsRegion(
        region=region,
        menen=municipalities[MENEN],
        kortrijk=municipalities[KORTRIJK],
        wevelgem=municipalities[WEVELGEM],
        categories={category.code: category for category in Category.objects.filter(region=region)},
    )


def staff(municipality: Municipality | None, role: Role, *, region: Region | None = None) -> Any:
    user = UserFactory(preferred_language="en")
    MembershipFactory(
        user=user,
        municipality=municipality,
        region=region or (municipality.region if municipality else None),
        role=role,
    )
    return user


@pytest.fixture
def menen_handler(zwvl: ReportsRegion) -> Actor:
    return actor_for_user(staff(zwvl.menen, Role.HANDLER))


@pytest.fixture
def kortrijk_handler(zwvl: ReportsRegion) -> Actor:
    return actor_for_user(staff(zwvl.kortrijk, Role.HANDLER))


@pytest.fixture
def dispatcher(zwvl: ReportsRegion) -> Actor:
    return actor_for_user(staff(None, Role.DISPATCHER, region=zwvl.region))


@pytest.fixture
def open311_key(zwvl: ReportsRegion) -> tuple[Open311Client, str]:
    return open311_client_create(
        actor=None, region=zwvl.region, name="Test app", requests_per_minute=1000
    )


def jpeg_bytes(
    *,
    size: tuple[int, int] = (64, 48),
    gps: tuple[float, float] | None = None,
    orientation: int | None = None,
    colour: tuple[int, int, int] = (200, 30, 30),
) -> bytes:
    """A JPEG made here, optionally with a GPS position and an orientation in its EXIF."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    exif[0x0110] = "Model 1"  # Model
    if orientation is not None:
        exif[0x0112] = orientation
    if gps is not None:
        latitude, longitude = gps

        def dms(value: float) -> tuple[float, float, float]:
            value = abs(value)
            degrees = int(value)
            minutes = int((value - degrees) * 60)
            seconds = round((value - degrees - minutes / 60) * 3600, 4)
            return (float(degrees), float(minutes), seconds)

        exif.get_ifd(0x8825).update(
            {
                1: "N" if latitude >= 0 else "S",
                2: dms(latitude),
                3: "E" if longitude >= 0 else "W",
                4: dms(longitude),
            }
        )
    output = io.BytesIO()
    image.save(output, "JPEG", exif=exif.tobytes())
    return output.getvalue()


__all__ = ["override_settings"]


@pytest.fixture(autouse=True)
def _english() -> Any:
    """Messages are asserted in English; content (category names) then shows in English too."""
    with translation.override("en"):
        yield


@pytest.fixture
def client() -> Client:
    """A browser or app that asks for English."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")
