"""API endpoints of the catalogue: what a municipality offers (public), one product and its
form (public), and a municipality's own settings of a product (catalog.manage)."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Field, P, QueryEx, Router, Schema
from ninja.pagination import paginate

from loket.api.auth import actor_of
from loket.api.pagination import PageNumberPagination
from loket.api.permissions import public, requires
from loket.catalog.models import INSTRUCTIONS_MAX_LENGTH, Product
from loket.catalog.selectors import (
    ProductOffer,
    catalog_municipalities_managed_by,
    departments_for_products,
    form_definition_current,
    product_get,
    product_offer_get,
    products_for_municipality,
    products_search,
)
from loket.catalog.services import municipality_product_update
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Permission
from loket.tenancy.selectors import municipalities_public

router = Router(tags=["catalogue"])


class Texts(Schema):
    nl: str
    fr: str
    en: str


class ProductOut(Schema):
    code: str
    theme: str
    name: Texts
    summary: Texts
    channels: list[str] = Field(description="online, counter, phone, post.")
    appointment_required: bool
    fee_cents: int = Field(description="Regional fee in euro cents (0: free).")
    processing_days: int = Field(description="Regional processing time in calendar days.")
    life_events: list[str]
    related_codes: list[str]

    @staticmethod
    def resolve_name(product: Product) -> dict[str, str]:
        return {"nl": product.name_nl, "fr": product.name_fr, "en": product.name_en}

    @staticmethod
    def resolve_summary(product: Product) -> dict[str, str]:
        return {"nl": product.summary_nl, "fr": product.summary_fr, "en": product.summary_en}

    @staticmethod
    def resolve_related_codes(product: Product) -> list[str]:
        return [related.code for related in product.related_products.all()]


class OfferOut(Schema):
    code: str
    theme: str
    name: str = Field(description="In the request language.")
    summary: str
    online: bool
    appointment_required: bool
    fee_cents: int = Field(description="This municipality's fee in euro cents.")
    processing_days: int
    counts_working_days: bool = Field(description="Processing days are working days.")
    department_code: str | None
    instructions: str

    @staticmethod
    def from_offer(offer: ProductOffer) -> "OfferOut":
        language = get_language()
        return OfferOut(
            code=offer.code,
            theme=offer.product.theme,
            name=offer.name_in(language),
            summary=offer.summary_in(language),
            online=offer.is_online,
            appointment_required=offer.product.appointment_required,
            fee_cents=offer.fee_cents,
            processing_days=offer.processing_days,
            counts_working_days=offer.counts_working_days,
            department_code=offer.department.code if offer.department else None,
            instructions=offer.instructions_in(language),
        )


class FormOut(Schema):
    product_code: str
    version: int
    definition: dict[str, Any] = Field(description="See docs/catalogue.md for the format.")


class SettingIn(Schema):
    is_enabled: bool
    fee_cents: int | None = Field(None, ge=0, description="Empty: the regional fee.")
    processing_days: int | None = Field(None, ge=0, le=365)
    counts_working_days: bool = False
    department_code: str | None = Field(None, max_length=100)
    instructions_nl: str = Field("", max_length=INSTRUCTIONS_MAX_LENGTH)
    instructions_fr: str = Field("", max_length=INSTRUCTIONS_MAX_LENGTH)
    instructions_en: str = Field("", max_length=INSTRUCTIONS_MAX_LENGTH)


def _municipality(nis_code: str) -> Municipality:
    return get_object_or_404(municipalities_public(), nis_code=nis_code)


@router.get("/municipalities/{nis_code}/products", response=list[OfferOut], auth=None)
@public
@paginate(PageNumberPagination)
def municipality_products(
    request: HttpRequest,
    nis_code: str,
    q: QueryEx[str, P(max_length=100, description="Search words (full text, typos allowed).")] = "",
) -> list[OfferOut]:
    """What the municipality offers, with its own fee, time and instructions."""
    municipality = _municipality(nis_code)
    offers = (
        products_search(municipality=municipality, query=q, language=get_language())
        if q.strip()
        else products_for_municipality(municipality=municipality)
    )
    return [OfferOut.from_offer(offer) for offer in offers]


@router.get("/products/{code}", response=ProductOut, auth=None)
@public
def product_detail(request: HttpRequest, code: str) -> Product:
    """A product of the regional catalogue, in every language."""
    product = Product.objects.prefetch_related("related_products").filter(code=code).first()
    if product is None:
        raise Http404
    return product


@router.get("/products/{code}/form", response=FormOut, auth=None)
@public
def product_form(request: HttpRequest, code: str) -> FormOut:
    """The current form of a product, as data."""
    product = product_get(code)
    definition = form_definition_current(product=product) if product else None
    if product is None or definition is None:
        raise Http404
    return FormOut(product_code=code, version=definition.version, definition=definition.definition)


@router.put("/municipalities/{nis_code}/products/{code}", response=OfferOut)
@requires(Permission.CATALOG_MANAGE)
def municipality_product_set(
    request: HttpRequest, nis_code: str, code: str, payload: SettingIn
) -> OfferOut:
    """Change what the municipality offers of a product (its fee, time, department …)."""
    actor = actor_of(request)
    municipality = get_object_or_404(
        catalog_municipalities_managed_by(actor=actor), nis_code=nis_code
    )
    product = product_get(code)
    if product is None:
        raise Http404
    department = None
    if payload.department_code:
        department = get_object_or_404(
            departments_for_products(municipality=municipality), code=payload.department_code
        )
    municipality_product_update(
        actor=actor,
        municipality=municipality,
        product=product,
        is_enabled=payload.is_enabled,
        fee_cents=payload.fee_cents,
        processing_days=payload.processing_days,
        counts_working_days=payload.counts_working_days,
        department=department,
        instructions_nl=payload.instructions_nl,
        instructions_fr=payload.instructions_fr,
        instructions_en=payload.instructions_en,
    )
    offer = product_offer_get(municipality=municipality, code=code, include_disabled=True)
    assert offer is not None
    return OfferOut.from_offer(offer)
