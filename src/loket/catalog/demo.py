"""Demo data of the catalogue: the products shipped with Loket and a few settings of the
demo municipalities (departments, fees, processing times, instructions, one product
switched off).

`catalog_demo_load()` runs after the demo tenants exist (`loket demo_load`, through
`loket.cases.demo`, whose requests need the catalogue); idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from loket.catalog.loading import catalog_load
from loket.catalog.lpdc.services import lpdc_snapshots_sync
from loket.catalog.models import ConceptProposal, LpdcFeed, MunicipalityProduct
from loket.catalog.selectors import product_get
from loket.tenancy.models import Department, Municipality


@dataclass(frozen=True)
class SettingSpec:
    nis_code: str
    product: str
    department: str = ""
    fee_cents: int | None = None
    processing_days: int | None = None
    counts_working_days: bool = False
    is_enabled: bool = True
    instructions_nl: str = ""
    instructions_fr: str = ""
    instructions_en: str = ""


KORTRIJK, MENEN, BRUSSEL = "34022", "34027", "21004"

SETTINGS = (
    SettingSpec(
        KORTRIJK,
        "resident-parking-card",
        department="mobility",
        fee_cents=1500,
        counts_working_days=True,
        instructions_nl="Eén bewonerskaart per gezin in de blauwe zone; een tweede kost € 50.",
        instructions_fr="Une carte de riverain par ménage en zone bleue ; la deuxième coûte 50 €.",
        instructions_en="One resident card per household in the blue zone; a second one costs €50.",
    ),
    SettingSpec(KORTRIJK, "address-change", department="population", counts_working_days=True),
    SettingSpec(KORTRIJK, "eid-card", department="population"),
    SettingSpec(KORTRIJK, "residence-certificate", department="population"),
    SettingSpec(KORTRIJK, "register-rectification", department="population"),
    SettingSpec(KORTRIJK, "event-permit", department="public-works", processing_days=30),
    SettingSpec(KORTRIJK, "public-domain-occupation", department="public-works"),
    SettingSpec(KORTRIJK, "bulky-waste-pickup", department="cleanliness", fee_cents=2000),
    SettingSpec(MENEN, "civil-status-extract", department="population"),
    SettingSpec(MENEN, "resident-parking-card", is_enabled=False),
    SettingSpec(MENEN, "eid-pin-puk", department="population"),
    SettingSpec(
        BRUSSEL,
        "civil-status-extract",
        department="population",
        instructions_nl="Afschriften van akten van vóór 1920 vraagt u aan bij het stadsarchief.",
        instructions_fr="Les copies d'actes antérieurs à 1920 se demandent aux archives "
        "de la Ville.",
        instructions_en="Copies of certificates from before 1920 come from the City Archives.",
    ),
)


@dataclass
class CatalogDemoResult:
    products: int = 0
    settings: int = 0


def _settings_load(municipalities: dict[str, Municipality]) -> int:
    count = 0
    for spec in SETTINGS:
        municipality = municipalities.get(spec.nis_code)
        product = product_get(spec.product)
        if municipality is None or product is None:
            continue
        department = (
            Department.objects.filter(municipality=municipality, code=spec.department).first()
            if spec.department
            else None
        )
        MunicipalityProduct.objects.update_or_create(
            municipality=municipality,
            product=product,
            defaults={
                "is_enabled": spec.is_enabled,
                "fee_cents": spec.fee_cents,
                "processing_days": spec.processing_days,
                "counts_working_days": spec.counts_working_days,
                "department": department,
                "instructions_nl": spec.instructions_nl,
                "instructions_fr": spec.instructions_fr,
                "instructions_en": spec.instructions_en,
            },
        )
        count += 1
    return count


# Demo values: Kortrijk's real LBLOD identifier is set by its administrator.
DEMO_UNIT = "http://data.lblod.info/id/bestuurseenheden/demo-kortrijk"
DEMO_CONCEPT = "https://ipdc.tni-vlaanderen.be/id/concept/9adcd3db-3acc-4707-867f-e82a8b6429f8"


def _lpdc_load(kortrijk: Municipality) -> None:
    """Kortrijk publishes its catalogue to LPDC and has one proposal from IPDC."""
    LpdcFeed.objects.get_or_create(
        municipality=kortrijk, defaults={"bestuurseenheid_iri": DEMO_UNIT}
    )
    lpdc_snapshots_sync(municipality=kortrijk)
    ConceptProposal.objects.get_or_create(
        municipality=kortrijk,
        concept_snapshot_iri=f"{DEMO_CONCEPT}#demo",
        defaults={
            "kind": ConceptProposal.Kind.NEW_PRODUCT,
            "concept_iri": DEMO_CONCEPT,
            "product_number": "10092",
            "name_nl": "Financiële tussenkomst voor een verblijf in een woonzorgcentrum",
            "name_en": "Financial contribution to a stay in a residential care centre",
            "description_nl": "Kunt u uw verblijf in een woonzorgcentrum niet betalen, dan kan "
            "het OCMW tussenkomen in de kosten.",
            "description_en": "If you cannot pay for your stay in a residential care centre, "
            "the OCMW can contribute to the costs.",
        },
    )


def catalog_demo_load() -> CatalogDemoResult:
    """The shipped catalogue and the demo municipalities' settings (idempotent)."""
    loaded = catalog_load()
    municipalities = {
        m.nis_code: m for m in Municipality.objects.filter(nis_code__in=[KORTRIJK, MENEN, BRUSSEL])
    }
    with transaction.atomic():
        settings = _settings_load(municipalities)
        if KORTRIJK in municipalities:
            _lpdc_load(municipalities[KORTRIJK])
    return CatalogDemoResult(
        products=loaded.created + loaded.updated + loaded.unchanged, settings=settings
    )
