"""The MAGDA authentic source against a real local server replaying MAGDA's documented
replies (tests/people/magda_stub.py), every request validated against the request XSD."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from lxml import etree

from loket.catalog.formdefs.prefill import register_prefill
from loket.catalog.formdefs.schema import HouseholdRelation
from loket.people.authentic_sources import (
    AUTHENTIC_SOURCES,
    SourceReplyMalformed,
    SourceUnavailable,
    authentic_source,
)
from loket.people.sources import magda
from tests.people import magda_stub

FOUND = "00600099536"  # Hamid Daoud, Kortenberg (MAGDA-Mock persona)
HOUSEHOLD = "62680599848.xml"  # a documented household of five: head, partner, 3 children


@pytest.fixture
def magda_services(settings: Any) -> Iterator[magda_stub.MagdaServices]:
    state = magda_stub.MagdaServices()
    server = magda_stub.start(state)
    magda_stub.configure(settings, state)
    cache.clear()
    yield state
    cache.clear()
    server.shutdown()
    server.server_close()


def test_the_magda_and_fidus_sources_are_plugins() -> None:
    assert {"local", "magda", "fidus"} <= set(AUTHENTIC_SOURCES.codes())


def test_a_person_found_in_magda(magda_services: magda_stub.MagdaServices) -> None:
    record = authentic_source().person_lookup(FOUND)

    assert record is not None
    assert (record.first_names, record.last_name, record.sex) == ("Hamid", "Daoud", "M")
    assert record.birth_date is None  # MAGDA writes an unknown birth date as 2000-00-00
    assert record.address is not None
    assert (record.address.street, record.address.number, record.address.postal_code) == (
        "Dorpsstraat",
        "405",
        "3070",
    )
    assert record.address.municipality_nis_code == "24055"
    assert magda_services.requests == [
        ("GeefPersoon", FOUND),
        ("GeefGezinssamenstelling", FOUND),
    ]
    assert magda_services.refusals == []


def test_every_request_is_valid_against_the_published_xsd(
    magda_services: magda_stub.MagdaServices,
) -> None:
    authentic_source().person_lookup(FOUND)
    authentic_source().persons_at_address(
        postal_code="2340", street_code="0001", house_number="122"
    )
    schemas = {name: magda_stub.schema(path) for name, path in magda_stub.REQUEST_XSDS.items()}
    checked = 0
    for body in magda_services.bodies:
        request = etree.fromstring(body).find(f"{{{magda_stub.SOAP_NS}}}Body")[0]
        service = etree.QName(request).localname
        if service in schemas:
            schemas[service].assertValid(request)
            checked += 1
        assert request.findtext("Verzoek/Context/Naam") == service
        assert request.findtext("Verzoek/Context/Bericht/Afzender/Hoedanigheid") == "1303"
    assert checked == 2
    # The stand-in does refuse a request that breaks the XSD.
    broken = magda.request_envelope("GeefPersoon", {"Onbekend": "x"}, now=dt.datetime.now(dt.UTC))
    request = etree.fromstring(broken).find(f"{{{magda_stub.SOAP_NS}}}Body")[0]
    assert not schemas["GeefPersoon"].validate(request)


def test_the_documented_replies_are_valid_against_the_response_xsds() -> None:
    for service, path in magda_stub.RESPONSE_XSDS.items():
        xsd = magda_stub.schema(path)
        for reply in (magda_stub.FIXTURES / "responses" / service).glob("*.xml"):
            assert xsd.validate(etree.parse(str(reply))), (reply, xsd.error_log)


def test_not_found(magda_services: magda_stub.MagdaServices) -> None:
    assert authentic_source().person_lookup("00000000097") is None
    assert magda_services.requests == [("GeefPersoon", "00000000097")]


def test_the_household_comes_from_gezinssamenstelling(
    magda_services: magda_stub.MagdaServices,
) -> None:
    magda_services.households[FOUND] = HOUSEHOLD.removesuffix(".xml")
    # Seen from the partner in the documented household.
    magda_services.households["62680599848"] = HOUSEHOLD.removesuffix(".xml")
    partners, children, names = magda.household("62680599848")
    assert partners == ["57611399743"]
    assert children == ["00631499791", "02621599895", "12660199775"]
    assert len(names) == 4

    prefill = register_prefill(national_number=FOUND)
    assert prefill is not None
    # FOUND is not in that household: nobody is his partner or child.
    assert prefill.household == ()


def test_the_prefill_names_the_household_members_without_asking_for_each(
    magda_services: magda_stub.MagdaServices,
) -> None:
    partners, children, names = magda.household("57611399743")
    assert (partners, children, names) == ([], [], {})  # documented "not found" household
    magda_services.households["57611399743"] = HOUSEHOLD.removesuffix(".xml")
    partners, children, names = magda.household("57611399743")
    assert partners == ["62680599848"]
    assert len(children) == 3
    relations = {HouseholdRelation.PARTNER: partners, HouseholdRelation.CHILD: children}
    assert all(number in names for numbers in relations.values() for number in numbers)


def test_address_lookup(magda_services: magda_stub.MagdaServices) -> None:
    persons = authentic_source().persons_at_address(
        postal_code="2340", street_code="0001", house_number="122"
    )
    assert len(persons) == 6
    assert (persons[0].national_number, persons[0].last_name) == ("00010122374", "Achternaam1")
    assert persons[1].address is not None
    assert (persons[1].address.box, persons[1].address.street) == ("B", "1234")
    assert magda_services.requests[0] == ("ZoekPersoonOpAdres", "RR-2340-0001-122")


def test_answers_are_cached_for_a_short_time(
    magda_services: magda_stub.MagdaServices, settings: Any
) -> None:
    authentic_source().person_lookup(FOUND)
    authentic_source().person_lookup(FOUND)
    assert len(magda_services.requests) == 2  # GeefPersoon + household, once

    cache.clear()  # what the lifetime's end does
    settings.LOKET_MAGDA_CACHE_SECONDS = 0
    authentic_source().person_lookup(FOUND)
    assert len(magda_services.requests) == 4


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        ("down", SourceUnavailable),
        ("fault", SourceUnavailable),
        ("garbage", SourceReplyMalformed),
        ("malformed", SourceReplyMalformed),
    ],
)
def test_errors_are_told_apart_and_never_cached(
    magda_services: magda_stub.MagdaServices, failure: str, error: type[Exception]
) -> None:
    magda_services.failure = failure
    with pytest.raises(error) as raised:
        authentic_source().person_lookup(FOUND)
    assert str(raised.value.user_message)  # type: ignore[attr-defined]
    magda_services.failure = ""
    assert authentic_source().person_lookup(FOUND) is not None


def test_magda_unreachable_is_service_down(settings: Any) -> None:
    settings.LOKET_AUTHENTIC_SOURCE = "magda"
    settings.LOKET_MAGDA_URL = "http://127.0.0.1:9/magda"
    settings.LOKET_MAGDA_TIMEOUT = 2.0
    cache.clear()
    with pytest.raises(SourceUnavailable):
        authentic_source().person_lookup(FOUND)


def test_fidus_asks_for_manual_entry(settings: Any) -> None:
    settings.LOKET_AUTHENTIC_SOURCE = "fidus"
    with pytest.raises(SourceUnavailable):
        authentic_source().person_lookup(FOUND)
    with pytest.raises(SourceUnavailable):
        authentic_source().persons_at_address(postal_code="1000", street_code="1", house_number="1")
