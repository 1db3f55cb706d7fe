from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from loket.catalog.models import FormDefinition, MunicipalityProduct, Product
from loket.catalog.selectors import (
    offers_by_life_event,
    offers_by_theme,
    product_get,
    product_offer_get,
    products_for_municipality,
    products_search,
)
from loket.catalog.services import (
    form_definition_publish,
    municipality_product_update,
    product_update,
)
from loket.tenancy.access import Actor, actor_for_user
from loket.tenancy.models import Municipality
from loket.tenancy.permissions import Role
from tests.catalog.helpers import catalog_product
from tests.factories import DepartmentFactory, regional_staff_member, staff_member


@pytest.fixture
def products(db: None) -> list[Product]:
    return [
        catalog_product(code)
        for code in ("resident-parking-card", "address-change", "eid-card", "birth-registration")
    ]


@pytest.fixture
def admin(municipality: Municipality) -> Actor:
    return actor_for_user(staff_member(municipality, Role.MUNICIPAL_ADMIN))


def test_a_municipality_overrides_fee_time_department_and_texts(
    products: list[Product], municipality: Municipality, admin: Actor
) -> None:
    department = DepartmentFactory(municipality=municipality)
    municipality_product_update(
        actor=admin,
        municipality=municipality,
        product=products[0],
        is_enabled=True,
        fee_cents=1500,
        processing_days=3,
        counts_working_days=True,
        department=department,
        instructions_nl="Breng je inschrijvingsbewijs mee.",
        instructions_fr="Apportez votre certificat.",
    )
    offer = product_offer_get(municipality=municipality, code="resident-parking-card")
    assert offer is not None
    assert (offer.fee_cents, offer.processing_days, offer.counts_working_days) == (1500, 3, True)
    assert offer.department == department
    assert offer.instructions_in("nl") == "Breng je inschrijvingsbewijs mee."
    assert offer.instructions_in("en") == "Breng je inschrijvingsbewijs mee."  # falls back
    assert offer.name_in("fr") == "Carte de riverain (stationnement)"


def test_switching_a_product_off_hides_it(
    products: list[Product], municipality: Municipality, admin: Actor
) -> None:
    municipality_product_update(
        actor=admin, municipality=municipality, product=products[2], is_enabled=False
    )
    codes = [offer.code for offer in products_for_municipality(municipality=municipality)]
    assert codes == ["address-change", "birth-registration", "resident-parking-card"]
    assert product_offer_get(municipality=municipality, code="eid-card") is None
    assert product_offer_get(municipality=municipality, code="eid-card", include_disabled=True)
    assert product_get("eid-card") == products[2]


def test_only_catalog_managers_of_the_municipality_change_its_settings(
    products: list[Product], municipality: Municipality, other_municipality: Municipality
) -> None:
    clerk = actor_for_user(staff_member(municipality, Role.CLERK))
    other_admin = actor_for_user(staff_member(other_municipality, Role.MUNICIPAL_ADMIN))
    for actor in (clerk, other_admin):
        with pytest.raises(PermissionDenied):
            municipality_product_update(
                actor=actor, municipality=municipality, product=products[0], is_enabled=False
            )
    assert MunicipalityProduct.objects.count() == 0


def test_a_department_of_another_municipality_is_refused(
    products: list[Product],
    municipality: Municipality,
    other_municipality: Municipality,
    admin: Actor,
) -> None:
    with pytest.raises(ValidationError):
        municipality_product_update(
            actor=admin,
            municipality=municipality,
            product=products[0],
            is_enabled=True,
            department=DepartmentFactory(municipality=other_municipality),
        )
    assert MunicipalityProduct.objects.count() == 0


def test_grouped_by_theme_and_by_life_event(
    products: list[Product], municipality: Municipality
) -> None:
    offers = products_for_municipality(municipality=municipality)
    themes = [(term.code, [o.code for o in items]) for term, items in offers_by_theme(offers)]
    assert themes == [
        ("identity", ["eid-card"]),
        ("civil-status", ["birth-registration"]),
        ("residence", ["address-change"]),
        ("mobility", ["resident-parking-card"]),
    ]
    events = {term.code: [o.code for o in items] for term, items in offers_by_life_event(offers)}
    # By name in the active language: Change of address, Electronic identity card, Resident ...
    assert events["moving"] == ["address-change", "eid-card", "resident-parking-card"]
    with translation.override("nl"):  # Adreswijziging, Bewonerskaart, Identiteitskaart
        dutch = {t.code: [o.code for o in items] for t, items in offers_by_life_event(offers)}
    assert dutch["moving"] == ["address-change", "resident-parking-card", "eid-card"]
    assert events["birth"] == ["birth-registration"]


@pytest.mark.parametrize(
    ("query", "language", "first"),
    [
        ("parkeren", "nl", "resident-parking-card"),
        ("verhuis", "nl", "address-change"),
        ("identite", "fr", "eid-card"),  # no accent
        ("parkeerkart", "nl", "resident-parking-card"),  # typo
        ("birth", "en", "birth-registration"),
    ],
)
def test_search_finds_products_in_the_reader_s_language(
    products: list[Product], municipality: Municipality, query: str, language: str, first: str
) -> None:
    results = products_search(municipality=municipality, query=query, language=language)
    assert results[0].code == first


def test_search_finds_nothing_for_nonsense(
    products: list[Product], municipality: Municipality
) -> None:
    assert products_search(municipality=municipality, query="xylofoonqq", language="nl") == []
    assert products_search(municipality=municipality, query="a", language="nl") == []


def test_regional_texts_and_forms_need_a_regional_grant(
    products: list[Product], municipality: Municipality, admin: Actor
) -> None:
    regional = actor_for_user(regional_staff_member(municipality.region, Role.REGIONAL_ADMIN))
    product = products[0]
    values = {
        "theme": "mobility",
        "name_nl": "Bewonerskaart",
        "name_fr": "Carte",
        "name_en": "Card",
        "summary_nl": "S",
        "summary_fr": "S",
        "summary_en": "S",
        "channels": ["online"],
        "appointment_required": False,
        "fee_cents": 1200,
        "processing_days": 4,
        "life_events": ["moving"],
    }
    with pytest.raises(PermissionDenied):
        product_update(actor=admin, product=product, **values)  # type: ignore[arg-type]
    updated = product_update(actor=regional, product=product, **values)  # type: ignore[arg-type]
    assert (updated.name_nl, updated.fee_cents) == ("Bewonerskaart", 1200)
    assert "carte" in updated.search_text
    definition = {
        "only_once": ["identity"],
        "sections": [
            {
                "key": "s",
                "title": {"nl": "A", "fr": "A", "en": "A"},
                "fields": [
                    {"key": "plate", "type": "text", "label": {"nl": "A", "fr": "A", "en": "A"}}
                ],
            }
        ],
    }
    with pytest.raises(PermissionDenied):
        form_definition_publish(actor=admin, product=product, definition=definition)
    published = form_definition_publish(actor=regional, product=product, definition=definition)
    assert (published.version, published.is_shipped) == (2, False)
    with pytest.raises(ValidationError):
        form_definition_publish(actor=regional, product=product, definition={"sections": []})
    assert FormDefinition.objects.filter(product=product).count() == 2
