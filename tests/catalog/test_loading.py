from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from loket.catalog.formdefs.schema import form_definition_parse
from loket.catalog.loading import catalog_load, fee_cents_parse, shipped_form_definitions
from loket.catalog.models import FormDefinition, Product

REQUIRED_FORMS = {
    "address-change",
    "resident-parking-card",
    "public-domain-occupation",
    "childcare-registration",
    "eid-card",
    "civil-status-extract",
    "event-permit",
    "energy-renovation-premium",
}


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("0.00", 0),
        ("12.50", 1250),
        ("12.5", 1250),
        ("85.00", 8500),
        ("7", 700),
        ("0.01", 1),
        ("19.99", 1999),
        ("1234567.89", 123456789),
    ],
)
def test_fee_is_parsed_exactly_into_cents(text: str, cents: int) -> None:
    assert fee_cents_parse(text) == cents


@pytest.mark.parametrize("text", ["", "12,50", "12.505", "-1.00", "1e3", "abc", "12."])
def test_fee_that_is_not_an_amount_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        fee_cents_parse(text)


def test_every_shipped_form_is_valid_and_the_required_ones_exist() -> None:
    forms = shipped_form_definitions()
    assert set(forms) >= REQUIRED_FORMS
    assert len(set(forms) - {"_default"}) >= 15
    for code, definition in forms.items():
        spec = form_definition_parse(definition)
        assert spec.fields, code


def test_catalog_load_is_idempotent(db: None) -> None:
    first = catalog_load()
    assert (first.created, first.updated, first.unchanged) == (66, 0, 0)
    assert first.forms_added == 66
    second = catalog_load()
    assert (second.created, second.updated, second.unchanged, second.forms_added) == (0, 0, 66, 0)
    assert Product.objects.count() == 66
    assert FormDefinition.objects.count() == 66
    card = Product.objects.get(code="resident-parking-card")
    assert card.theme == "mobility"
    assert (card.name_nl, card.name_fr, card.name_en) == (
        "Bewonerskaart (parkeren)",
        "Carte de riverain (stationnement)",
        "Resident parking permit",
    )
    eid = Product.objects.get(code="eid-card")
    assert eid.fee_cents == 2500
    assert eid.appointment_required is True
    assert eid.channels == ["counter"]
    assert eid.life_events == ["moving", "new-resident", "travelling-abroad"]
    assert set(eid.related_products.values_list("code", flat=True)) == {
        "eid-pin-puk",
        "passport",
        "address-change",
        "kids-id",
    }


def test_catalog_load_updates_a_changed_row_and_keeps_staff_forms(db: None, tmp_path: Path) -> None:
    catalog_load()
    product = Product.objects.get(code="passport")
    FormDefinition.objects.create(
        product=product, version=2, definition=shipped_form_definitions()["_default"]
    )
    source = Path(__file__).resolve().parents[2] / "src/loket/catalog/data/products.csv"
    changed = source.read_text(encoding="utf-8").replace(
        'passport,identity,"Reispas (paspoort)"', 'passport,identity,"Reispas"'
    )
    target = tmp_path / "products.csv"
    target.write_text(changed, encoding="utf-8")
    result = catalog_load(csv_path=target)
    assert (result.created, result.updated, result.unchanged, result.forms_added) == (0, 1, 65, 0)
    product.refresh_from_db()
    assert product.name_nl == "Reispas"
    assert product.form_definitions.order_by("-version").first().version == 2  # type: ignore[union-attr]


def test_catalog_load_refuses_a_bad_row_and_changes_nothing(db: None, tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[2] / "src/loket/catalog/data/products.csv"
    broken = source.read_text(encoding="utf-8").replace(",25.00,21,", ",25.0O,21,", 1)
    target = tmp_path / "products.csv"
    target.write_text(broken, encoding="utf-8")
    with pytest.raises(ValidationError, match="line 2"):
        catalog_load(csv_path=target)
    assert Product.objects.count() == 0


def test_catalog_load_command(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("catalog_load")
    assert "66 new" in capsys.readouterr().out
    call_command("catalog_load")
    assert "66 unchanged" in capsys.readouterr().out
