"""Money is an int of cents everywhere; these tests prove that no float touches it."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

import loket.payments
from loket.payments.money import (
    cents_from_decimal_text,
    cents_from_input,
    cents_from_thousandths,
    cents_to_display,
    cents_to_plain,
)

PAYMENTS_PACKAGE = Path(loket.payments.__file__).parent


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("12", 1200),
        ("12,5", 1250),
        ("12.50", 1250),
        ("0,01", 1),
        ("€ 12,50", 1250),
        ("1.234,56", 123456),
        ("1 234,56", 123456),
        ("1,234.56", 123456),
        ("1.234", 123400),
        ("999999999999,99", 99999999999999),
        # binary fractions would make these 0.29 * 100 = 28.999999999999996
        ("0,29", 29),
        ("1.15", 115),
    ],
)
def test_amounts_typed_by_people(typed, cents):
    assert cents_from_input(typed) == cents


@pytest.mark.parametrize("typed", ["", "abc", "-5", "12,345", "1.234.56", "12,5,0", "1e3"])
def test_amounts_that_are_not_amounts(typed):
    with pytest.raises(ValidationError):
        cents_from_input(typed)


def test_xml_amounts_exactly():
    assert cents_from_decimal_text("25") == 2500
    assert cents_from_decimal_text("25.5") == 2550
    assert cents_from_decimal_text("0.29") == 29
    assert cents_from_decimal_text("1199.820") == 119982
    with pytest.raises(ValueError, match="fractions of a cent"):
        cents_from_decimal_text("0.005")
    with pytest.raises(ValueError, match="not a decimal"):
        cents_from_decimal_text("1,50")


def test_coda_amounts_have_three_decimals():
    assert cents_from_thousandths("000000000025000") == 2500
    assert cents_from_thousandths("000000000012340") == 1234
    with pytest.raises(ValueError, match="fractions of a cent"):
        cents_from_thousandths("000000000012345")
    with pytest.raises(ValueError, match="not a CODA amount"):
        cents_from_thousandths("25000")


def test_plain_and_displayed_amounts():
    assert cents_to_plain(1230) == "12.30"
    assert cents_to_plain(5) == "0.05"
    assert cents_to_plain(-2500) == "-25.00"
    assert cents_to_display(123456789, "nl") == "€\u00a01.234.567,89"
    assert cents_to_display(123456789, "fr") == "1\u202f234\u202f567,89\u00a0€"
    assert cents_to_display(123456789, "en") == "€1,234,567.89"


def _python_files() -> list[Path]:
    return sorted(p for p in PAYMENTS_PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_the_payments_package_has_no_float_and_no_true_division():
    """No float( call, float literal, FloatField, Decimal or `/` division anywhere in the
    payments package: amounts cannot become binary fractions."""
    problems = []
    for path in _python_files():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            where = f"{path.relative_to(PAYMENTS_PACKAGE)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Name) and node.id in {"float", "Decimal"}:
                problems.append(f"{where} uses {node.id}")
            elif isinstance(node, ast.Attribute) and node.attr in {
                "FloatField",
                "DecimalField",
                "Decimal",
            }:
                problems.append(f"{where} uses {node.attr}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, float):
                problems.append(f"{where} has the float literal {node.value!r}")
            elif isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.Div):
                problems.append(f"{where} divides with / (use //)")
            elif isinstance(node, ast.ImportFrom) and node.module == "decimal":
                problems.append(f"{where} imports decimal")
    assert len(_python_files()) > 20
    assert problems == []


def test_the_scan_finds_a_float_when_there_is_one():
    tree = ast.parse("amount = float(text) / 100\nfield = models.FloatField()")
    found = {type(node).__name__ for node in ast.walk(tree)}
    assert {"BinOp", "Attribute", "Name"} <= found


def test_every_amount_column_is_an_integer():
    from django.apps import apps
    from django.db import models

    columns = [
        (model.__name__, field.name)
        for model in apps.get_app_config("payments").get_models()
        for field in model._meta.get_fields()
        if field.name.endswith("cents")
    ]
    assert len(columns) >= 7
    for model_name, field_name in columns:
        field = apps.get_model("payments", model_name)._meta.get_field(field_name)
        assert isinstance(field, models.BigIntegerField), (model_name, field_name)
