"""Demo data for public-space reports: the category tree, a mapping for every municipality,
regional bodies, an Open311 app and about 200 reports spread over the municipalities.

`reports_demo_load()` is idempotent: run it again and nothing is added twice."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapely
from django.db import transaction
from django.utils import timezone
from shapely.geometry import shape

from loket.reports.models import Category, Open311Client, Report, ReportSource, Visibility
from loket.reports.open311.intake import Open311Origin
from loket.reports.services import (
    ReportIntake,
    category_attribute_save,
    category_mapping_set,
    category_upsert,
    report_create,
    report_update,
)
from loket.reports.services.clients import KEY_PREFIX, _key_hash
from loket.reports.workflow import ReportStatus
from loket.tenancy.access import Actor, ActorKind
from loket.tenancy.models import Department, Municipality, Region
from loket.tenancy.permissions import Permission
from loket.tenancy.services import department_create

CATEGORIES_FILE = Path(__file__).parent / "data" / "categories.json"
DEMO_TEXTS_FILE = Path(__file__).parent / "data" / "demo-texts.json"
DEMO_DEVICE = "loket-demo"
DEMO_REPORTS = 200
DEMO_OPEN311_SECRET = "open311-demo"

# Regional bodies by role, for Brussels and for the Flemish regions.
REGIONAL_BODIES = {
    "brussels": {
        "roads": (
            "brussels-mobility",
            "Brussel Mobiliteit",
            "Bruxelles Mobilité",
            "Brussels Mobility",
        ),
        "transport": ("stib", "MIVB", "STIB", "STIB (Brussels public transport)"),
    },
    "flanders": {
        "roads": (
            "awv",
            "Agentschap Wegen en Verkeer",
            "Agence Routes et Circulation",
            "Roads and Traffic Agency",
        ),
        "transport": ("de-lijn", "De Lijn", "De Lijn", "De Lijn (Flemish public transport)"),
    },
}


def demo_texts() -> dict[str, list[tuple[str, str]]]:
    """Demo report texts per leaf category code: [(Dutch, French), ...]."""
    data = json.loads(DEMO_TEXTS_FILE.read_text(encoding="utf-8"))["texts"]
    return {code: [(nl, fr) for nl, fr in pairs] for code, pairs in data.items()}


def demo_text(category_code: str, *, french: bool, rng: random.Random) -> str:
    """A text a resident could write about a problem of this category, in its language."""
    texts = demo_texts().get(category_code) or demo_texts()["other"]
    return rng.choice(texts)[1 if french else 0]


MESSAGES = {
    ReportStatus.ACKNOWLEDGED: (
        "We hebben uw melding bekeken en plannen de nodige werken.",
        "Nous avons examiné votre signalement et planifions l'intervention.",
    ),
    ReportStatus.IN_PROGRESS: ("Een ploeg is ermee bezig.", "Une équipe est sur place."),
    ReportStatus.PLANNED: (
        "De werken zijn gepland voor volgende week.",
        "Les travaux sont prévus la semaine prochaine.",
    ),
    ReportStatus.RESOLVED: (
        "Opgelost. Bedankt voor uw melding!",
        "C'est réglé. Merci pour votre signalement !",
    ),
    ReportStatus.REJECTED: (
        "Dit is privéterrein; we hebben de eigenaar verwittigd.",
        "Il s'agit d'un terrain privé ; nous avons prévenu le propriétaire.",
    ),
}
STATUS_WEIGHTS = {
    ReportStatus.NEW: 30,
    ReportStatus.ACKNOWLEDGED: 15,
    ReportStatus.IN_PROGRESS: 15,
    ReportStatus.PLANNED: 10,
    ReportStatus.RESOLVED: 25,
    ReportStatus.REJECTED: 5,
}


@dataclass(frozen=True)
class ReportsDemoResult:
    categories: int
    mappings: int
    reports: int
    open311_keys: dict[str, str]  # region slug -> demo api_key


def category_tree() -> list[dict[str, Any]]:
    with CATEGORIES_FILE.open(encoding="utf-8") as handle:
        groups: list[dict[str, Any]] = json.load(handle)["groups"]
    return groups


def _texts(node: dict[str, Any], field: str) -> dict[str, str]:
    values = node.get(field, {})
    return {f"{field}_{code}": values.get(code, "") for code in ("nl", "fr", "en")}


def category_tree_load(*, region: Region) -> list[Category]:
    """The default tree in `region` (created or brought up to date); returns the leaves."""
    leaves: list[Category] = []
    for group_position, group in enumerate(category_tree(), start=1):
        parent = category_upsert(
            region=region,
            code=group["code"],
            values={
                "name_nl": group["nl"],
                "name_fr": group["fr"],
                "name_en": group["en"],
                "position": group_position,
            },
        )
        for position, node in enumerate(group["children"], start=1):
            leaf = category_upsert(
                region=region,
                code=node["code"],
                parent=parent,
                values={
                    "name_nl": node["nl"],
                    "name_fr": node["fr"],
                    "name_en": node["en"],
                    "position": position,
                    "default_target_days": node["days"],
                    "default_visibility": node.get("visibility", Visibility.PUBLIC),
                    **_texts(node, "description"),
                    **_texts(node, "keywords"),
                },
            )
            for attribute in node.get("attributes", []):
                category_attribute_save(
                    actor=None,
                    category=leaf,
                    code=attribute["code"],
                    values={
                        "datatype": attribute["datatype"],
                        "required": attribute["required"],
                        "position": attribute["order"],
                        "description_nl": attribute["nl"],
                        "description_fr": attribute["fr"],
                        "description_en": attribute["en"],
                        "values": [
                            {
                                "key": value["key"],
                                "name_nl": value["nl"],
                                "name_fr": value["fr"],
                                "name_en": value["en"],
                            }
                            for value in attribute.get("values", [])
                        ],
                    },
                )
            leaves.append(leaf)
    return leaves


def _regional_bodies(region: Region) -> dict[str, Department]:
    municipalities = Municipality.objects.filter(region=region)
    kind = "brussels" if municipalities.filter(nis_code__startswith="21").exists() else "flanders"
    bodies = {}
    for role, (code, name_nl, name_fr, name_en) in REGIONAL_BODIES[kind].items():
        bodies[role] = department_create(
            municipality=None,
            region=region,
            code=code,
            name_nl=name_nl,
            name_fr=name_fr,
            name_en=name_en,
        )
    return bodies


def _mappings_load(region: Region, leaves: list[Category]) -> int:
    bodies = _regional_bodies(region)
    nodes = {node["code"]: node for group in category_tree() for node in group["children"]}
    count = 0
    for municipality in Municipality.objects.filter(region=region):
        departments = {department.code: department for department in municipality.departments.all()}
        for leaf in leaves:
            node = nodes[leaf.code]
            department = (
                bodies.get(node["regional"])
                if node.get("regional")
                else departments.get(node["department"]) or departments.get("public-works")
            )
            category_mapping_set(
                actor=None,
                category=leaf,
                municipality=municipality,
                department=department,
                target_days=node["days"],
                visibility=node.get("visibility", Visibility.PUBLIC),
            )
            count += 1
    return count


def _open311_demo_client(region: Region) -> str:
    """An Open311 app with a known key, so the demo can be tried with any Open311 client."""
    prefix = f"demo{region.pk}"
    Open311Client.objects.update_or_create(
        key_prefix=prefix,
        defaults={
            "region": region,
            "name": "Demo app",
            "key_hash": _key_hash(DEMO_OPEN311_SECRET),
            "requests_per_minute": 600,
            "is_active": True,
        },
    )
    return f"{KEY_PREFIX}{prefix}_{DEMO_OPEN311_SECRET}"


def _point_in(municipality: Municipality, rng: random.Random) -> tuple[float, float]:
    geometry = shape(municipality.boundary)
    min_x, min_y, max_x, max_y = geometry.bounds
    # Away from the border, so that routing never doubts the municipality.
    inner = geometry.buffer(-0.001) if not geometry.buffer(-0.001).is_empty else geometry
    while True:
        x, y = round(rng.uniform(min_x, max_x), 6), round(rng.uniform(min_y, max_y), 6)
        if shapely.contains_xy(inner, x, y):
            return y, x


def _reports_load(regions: list[Region], total: int, rng: random.Random) -> int:
    municipalities = list(
        Municipality.objects.filter(region__in=regions)
        .select_related("region")
        .order_by("nis_code")
    )
    if not municipalities or Report.objects.filter(device_id=DEMO_DEVICE).exists():
        return 0
    actor = Actor(
        kind=ActorKind.STAFF,
        municipality_grants={
            Permission.REPORTS_VIEW: frozenset(m.pk for m in municipalities),
            Permission.REPORTS_HANDLE: frozenset(m.pk for m in municipalities),
        },
    )
    leaves = {
        region.pk: list(
            Category.objects.filter(region=region, children__isnull=True).select_related("parent")
        )
        for region in regions
    }
    now = timezone.now()
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    created = 0
    for index in range(total):
        municipality = municipalities[index % len(municipalities)]
        category = rng.choice(leaves[municipality.region_id])
        latitude, longitude = _point_in(municipality, rng)
        french = municipality.languages[:1] == ["fr"]
        description = demo_text(category.code, french=french, rng=rng)
        intake = ReportIntake(
            region=municipality.region,
            category=category,
            source=ReportSource.PORTAL,
            description=description,
            latitude=latitude,
            longitude=longitude,
            origin=Open311Origin(device_id=DEMO_DEVICE),
        )
        report = report_create(
            actor=actor, intake=intake, now=now - dt.timedelta(days=rng.uniform(0, 120))
        )
        status = rng.choices(statuses, weights)[0]
        if status != ReportStatus.NEW:
            message = MESSAGES[status][1 if french else 0]
            report_update(actor=actor, report_id=report.pk, to_status=status, message=message)
        created += 1
    return created


@transaction.atomic
def reports_demo_load(*, reports_total: int = DEMO_REPORTS, seed: int = 311) -> ReportsDemoResult:
    """Categories, mappings, regional bodies, a demo Open311 app per region and ~200 reports."""
    regions = list(Region.objects.order_by("slug"))
    categories = mappings = 0
    keys = {}
    for region in regions:
        leaves = category_tree_load(region=region)
        categories += Category.objects.filter(region=region).count()
        mappings += _mappings_load(region, leaves)
        keys[region.slug] = _open311_demo_client(region)
    reports = _reports_load(regions, reports_total, random.Random(seed))
    return ReportsDemoResult(
        categories=categories, mappings=mappings, reports=reports, open311_keys=keys
    )
