"""The demo e-ID page: clearly a demonstration, filterable, one button per resident."""

from __future__ import annotations

import pytest
from django.test import Client

from loket.tenancy.models import Municipality
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_demo_page_is_marked_and_lists_residents(
    client: Client, municipality: Municipality
) -> None:
    person = PersonFactory(municipality=municipality, first_names="Lotte", last_name="Maes")

    html = client.get("/aanmelden/demo/", {"next": "/mijn/"}).content.decode()

    assert "Dit is een demonstratie." in html
    assert f'name="national_number" value="{person.national_number}"' in html
    assert "Aanmelden als Lotte Maes" in html
    assert '<input type="hidden" name="next" value="/mijn/">' in html


def test_demo_page_filters_by_municipality_and_name(
    client: Client, municipality: Municipality, other_municipality: Municipality
) -> None:
    here = PersonFactory(municipality=municipality, first_names="Lotte", last_name="Maes")
    there = PersonFactory(municipality=other_municipality, first_names="Lotte", last_name="Wouters")
    also_here = PersonFactory(municipality=municipality, first_names="Jan", last_name="Claes")

    html = client.get(
        "/aanmelden/demo/", {"municipality": municipality.slug, "q": "lotte"}
    ).content.decode()

    assert here.national_number in html
    assert there.national_number not in html
    assert also_here.national_number not in html
    assert f'<option value="{municipality.slug}" selected>' in html
