"""Demo contact details of the town halls: plausible, clearly made up, in the
municipality's language."""

from __future__ import annotations

from loket.demo.town_halls import town_halls_load
from loket.tenancy.contact import phone_validator
from loket.tenancy.models import Municipality
from tests.factories import MunicipalityFactory


def test_every_demo_town_hall_gets_contact_details_and_hours(db: None) -> None:
    dutch = MunicipalityFactory(nis_code="34022", slug="kortrijk", official_languages="nl")
    french = MunicipalityFactory(
        region=dutch.region, nis_code="21009", slug="ixelles", official_languages="fr,nl"
    )
    assert town_halls_load([dutch, french]) == 2

    dutch, french = Municipality.objects.get(pk=dutch.pk), Municipality.objects.get(pk=french.pk)
    assert (dutch.address_street, dutch.address_postal_code) == ("Marktplein 1", "8500")
    assert (french.address_street, french.address_postal_code) == ("Place communale 1", "1050")
    assert french.address_locality == french.name_fr
    for municipality in (dutch, french):
        phone_validator(municipality.phone)
        assert municipality.email == f"info@{municipality.slug}.example.be"
        assert municipality.opening_hours["mon"]["periods"] == [
            ["08:30", "12:00"],
            ["13:30", "16:00"],
        ]
        assert municipality.opening_hours["sun"]["periods"] == []
    assert dutch.phone != french.phone
    for municipality in (dutch, french):
        assert municipality.opening_hours["wed"]["note"] == {
            "nl": "namiddag enkel op afspraak",
            "fr": "l'après-midi sur rendez-vous",
            "en": "afternoon by appointment only",
        }
