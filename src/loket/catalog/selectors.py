"""Reads of the catalogue. The catalogue itself is public; what a municipality offers is
the regional product with that municipality's settings applied (`ProductOffer`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from loket.catalog.formdefs.schema import FormSpec, form_definition_parse
from loket.catalog.models import FormDefinition, MunicipalityProduct, Product
from loket.catalog.search import products_matching
from loket.catalog.texts import text_in
from loket.catalog.vocabulary import LIFE_EVENTS, THEMES, Term
from loket.tenancy.access import Actor
from loket.tenancy.models import Department, Municipality
from loket.tenancy.permissions import Permission


@dataclass(frozen=True)
class ProductOffer:
    """A product as one municipality offers it (its own fee, time, department, texts)."""

    product: Product
    municipality: Municipality
    is_enabled: bool
    fee_cents: int
    processing_days: int
    counts_working_days: bool
    department: Department | None
    instructions_nl: str = ""
    instructions_fr: str = ""
    instructions_en: str = ""
    has_override: bool = False

    @property
    def code(self) -> str:
        return self.product.code

    def name_in(self, language: str | None = None) -> str:
        return self.product.name_in(language)

    def summary_in(self, language: str | None = None) -> str:
        return self.product.summary_in(language)

    def instructions_in(self, language: str | None = None) -> str:
        return text_in(self, "instructions", language)

    @property
    def name(self) -> str:
        return self.name_in(get_language())

    @property
    def summary(self) -> str:
        return self.summary_in(get_language())

    @property
    def instructions(self) -> str:
        return self.instructions_in(get_language())

    @property
    def is_online(self) -> bool:
        return self.product.is_online


def product_get(code: str) -> Product | None:
    """The regional product with this code, or None."""
    return Product.objects.filter(code=code).first()


def products_all() -> QuerySet[Product]:
    return Product.objects.all()


def product_by_name(name: str) -> Product | None:
    """The regional product with exactly this name in Dutch, French or English (case
    ignored), or None."""
    name = name.strip()
    if not name:
        return None
    return (
        Product.objects.filter(
            Q(name_nl__iexact=name) | Q(name_fr__iexact=name) | Q(name_en__iexact=name)
        )
        .order_by("code")
        .first()
    )


def _offer(
    product: Product, municipality: Municipality, setting: MunicipalityProduct | None
) -> ProductOffer:
    if setting is None:
        return ProductOffer(
            product=product,
            municipality=municipality,
            is_enabled=True,
            fee_cents=product.fee_cents,
            processing_days=product.processing_days,
            counts_working_days=False,
            department=None,
        )
    return ProductOffer(
        product=product,
        municipality=municipality,
        is_enabled=setting.is_enabled,
        fee_cents=product.fee_cents if setting.fee_cents is None else setting.fee_cents,
        processing_days=product.processing_days
        if setting.processing_days is None
        else setting.processing_days,
        counts_working_days=setting.counts_working_days,
        department=setting.department,
        instructions_nl=setting.instructions_nl,
        instructions_fr=setting.instructions_fr,
        instructions_en=setting.instructions_en,
        has_override=True,
    )


def _settings_of(municipality: Municipality) -> dict[int, MunicipalityProduct]:
    return {
        setting.product_id: setting
        for setting in MunicipalityProduct.objects.filter(municipality=municipality).select_related(
            "department"
        )
    }


def products_for_municipality(
    *,
    municipality: Municipality,
    include_disabled: bool = False,
    products: QuerySet[Product] | None = None,
) -> list[ProductOffer]:
    """What the municipality offers (two queries), in the order of `products` (by code)."""
    settings = _settings_of(municipality)
    offers = [
        _offer(product, municipality, settings.get(product.pk))
        for product in (products if products is not None else Product.objects.all())
    ]
    return [offer for offer in offers if include_disabled or offer.is_enabled]


def product_offer_get(
    *, municipality: Municipality, code: str, include_disabled: bool = False
) -> ProductOffer | None:
    """One product as the municipality offers it; None when unknown or switched off."""
    product = product_get(code)
    if product is None:
        return None
    setting = (
        MunicipalityProduct.objects.select_related("department")
        .filter(municipality=municipality, product=product)
        .first()
    )
    offer = _offer(product, municipality, setting)
    return offer if include_disabled or offer.is_enabled else None


def products_search(
    *, municipality: Municipality, query: str, language: str | None = None
) -> list[ProductOffer]:
    """The municipality's products matching a search, best first."""
    matching = products_matching(
        Product.objects.all(), query=query, language=language or get_language() or "nl"
    )
    return products_for_municipality(municipality=municipality, products=matching)


def offers_by_theme(offers: list[ProductOffer]) -> list[tuple[Term, list[ProductOffer]]]:
    """Offers grouped by theme (in the vocabulary's order), each group sorted by name."""
    groups = [
        (theme, sorted((o for o in offers if o.product.theme == theme.code), key=_by_name))
        for theme in THEMES
    ]
    return [(theme, items) for theme, items in groups if items]


def offers_by_life_event(offers: list[ProductOffer]) -> list[tuple[Term, list[ProductOffer]]]:
    """Offers grouped by life event; a product shows under each of its events."""
    groups = [
        (event, sorted((o for o in offers if event.code in o.product.life_events), key=_by_name))
        for event in LIFE_EVENTS
    ]
    return [(event, items) for event, items in groups if items]


def _by_name(offer: ProductOffer) -> str:
    return offer.name.casefold()


def related_offers(*, offer: ProductOffer) -> list[ProductOffer]:
    return products_for_municipality(
        municipality=offer.municipality, products=offer.product.related_products.all()
    )


def form_definition_current(*, product: Product) -> FormDefinition | None:
    return product.form_definitions.order_by("-version").first()


def form_definition_get(*, definition_id: int) -> FormDefinition:
    return FormDefinition.objects.select_related("product").get(pk=definition_id)


def form_definitions_of(*, product: Product) -> QuerySet[FormDefinition]:
    return product.form_definitions.select_related("created_by").order_by("-version")


def form_spec(definition: FormDefinition) -> FormSpec:
    """The parsed form of a stored definition (stored definitions were checked on save)."""
    return form_definition_parse(definition.definition)


def catalog_municipalities_managed_by(*, actor: Actor) -> QuerySet[Municipality]:
    """The municipalities whose product settings the actor may change."""
    return Municipality.objects.filter(
        pk__in=actor.municipality_ids(Permission.CATALOG_MANAGE)
    ).order_by("name_nl")


def catalog_is_editable_by(*, actor: Actor) -> bool:
    """Regional product texts and forms are changed by a region-wide catalog.manage grant."""
    return bool(actor.region_ids(Permission.CATALOG_MANAGE))


def departments_for_products(*, municipality: Municipality) -> QuerySet[Department]:
    """The departments a municipality can make responsible: its own and the region's bodies."""
    return (
        Department.objects.filter(municipality=municipality)
        | Department.objects.filter(region_id=municipality.region_id, municipality__isnull=True)
    ).order_by("name_nl")
