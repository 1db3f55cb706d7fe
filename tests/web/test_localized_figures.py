"""Dates, numbers and addresses written the way the page's language writes them: a birth
date in full (as on My page), a population with a thousands separator, a box number named
("bus 2", "boîte 2")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.people.models import Address
from tests.factories import MunicipalityFactory, PersonFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "figure"), [("nl", "77.109"), ("fr", "77\u00a0109"), ("en", "77,109")]
)
def test_the_population_has_a_thousands_separator(
    client: Client, language: str, figure: str
) -> None:
    municipality = MunicipalityFactory(population=77109)
    client.cookies["loket_language"] = language

    html = client.get(reverse("web:municipality", args=[municipality.slug])).content.decode()

    assert f"<dd>{figure}</dd>" in html
    assert "77109" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "born"),
    [("nl", "geboren op 16 mei 1980"), ("fr", "né(e) le 16 mai 1980"), ("en", "born May 16, 1980")],
)
def test_the_demo_e_id_names_the_birth_date_in_full(
    client: Client, language: str, born: str
) -> None:
    PersonFactory(first_names="Sofie", last_name="Claes", birth_date=dt.date(1980, 5, 16))
    client.cookies["loket_language"] = language

    html = client.get("/aanmelden/demo/").content.decode()

    assert born in html
    assert "16-5-1980" not in html
    assert "16/05/1980" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("nl", "Hoogstraat 150 bus 2, 1000 Brussel"),
        ("fr", "Hoogstraat 150 boîte 2, 1000 Brussel"),
        ("en", "Hoogstraat 150 bus 2, 1000 Brussel"),
    ],
)
def test_a_box_number_is_named(language: str, line: str) -> None:
    municipality = MunicipalityFactory(name_nl="Brussel", name_fr="Brussel", name_en="Brussel")
    person = PersonFactory(municipality=municipality)
    address = Address(
        person=person,
        municipality=municipality,
        street="Hoogstraat",
        number="150",
        box="2",
        postal_code="1000",
        valid_from=dt.date(2020, 1, 1),
    )
    with translation.override(language):
        assert address.one_line == line
